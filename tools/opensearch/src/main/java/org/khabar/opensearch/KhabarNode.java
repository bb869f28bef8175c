package org.khabar.opensearch;

import java.util.List;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.env.Environment;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * An OpenSearch node whose modules come from the class path instead of a distribution's
 * modules/ folder: {@code Node}'s protected constructor takes the plugin classes directly, so
 * no plugin descriptor, plugin class loader or plugin security policy is involved.
 */
final class KhabarNode extends Node {

    /** Netty4: the HTTP and transport layers. Common analysis: the arabic analyzer and its filters. */
    private static final List<Class<? extends Plugin>> MODULES = List.of(Netty4Plugin.class, CommonAnalysisPlugin.class);

    KhabarNode(Environment environment) {
        // true: private index settings stay forbidden to requests, as on a packaged node.
        super(environment, MODULES, true);
    }
}
