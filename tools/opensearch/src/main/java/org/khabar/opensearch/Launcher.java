package org.khabar.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;

/**
 * Runs one OpenSearch node in this JVM, bound to 127.0.0.1, until SIGTERM.
 *
 * <p>The node lives under {@code --home}: {@code config/} (the log4j2.properties written here),
 * {@code data/} and {@code logs/<node>.log}. OpenSearch's own {@code Bootstrap} is not used: it
 * exists to check a production host (jar hell over a distribution's lib/ folder, the security
 * manager with the plugins' policies, memory locking, bootstrap checks) and to daemonize. A
 * loopback cluster built from Maven jars needs none of that, and a node bound to loopback only
 * skips the bootstrap checks anyway.
 */
public final class Launcher {

    private static final long CLOSE_TIMEOUT_SECONDS = 30;

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        // Log4j's status logger errors before logging is configured are caught and reported by
        // LogConfigurator.configure, as in a packaged node.
        LogConfigurator.registerErrorListener();
        NodeOptions options;
        try {
            options = NodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("khabar-opensearch: " + e.getMessage());
            System.err.println(NodeOptions.USAGE);
            System.exit(2);
            return;
        }
        Environment environment = prepare(options);
        LogConfigurator.setNodeName(options.nodeName());
        // From here System.out and System.err go to the node's log file too.
        LogConfigurator.configure(environment);
        Logger logger = LogManager.getLogger(Launcher.class);
        try {
            run(environment, logger);
        } catch (Throwable e) {
            logger.error("node failed to start", e);
            shutDownLogging();
            System.exit(1);
        }
    }

    /** Starts the node and blocks until the shutdown hook (SIGTERM, SIGINT) has closed it. */
    private static void run(Environment environment, Logger logger) throws Exception {
        Node node = new KhabarNode(environment);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close(node, logger);
            closed.countDown();
        }, "khabar-opensearch-shutdown"));
        node.start();
        logger.info("khabar node started");
        // OpenSearch's own threads are daemons: this wait is what keeps the JVM alive.
        closed.await();
    }

    private static void close(Node node, Logger logger) {
        try {
            node.close();
            if (node.awaitClose(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS) == false) {
                logger.warn("node did not close within {}s", CLOSE_TIMEOUT_SECONDS);
            }
            logger.info("khabar node closed");
        } catch (IOException | InterruptedException | RuntimeException e) {
            logger.error("failed to close the node", e);
        } finally {
            shutDownLogging();
        }
    }

    /** Log4j's own shutdown hook is off (-Dlog4j.shutdownHookEnabled=false) so the node's close is logged. */
    private static void shutDownLogging() {
        Configurator.shutdown((LoggerContext) LogManager.getContext(false));
    }

    /** Lays out the node's folders, writes its log configuration and builds its settings. */
    private static Environment prepare(NodeOptions options) throws IOException {
        Path home = options.home();
        Path config = Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("data"));
        Files.createDirectories(home.resolve("logs"));
        try (InputStream log4j = Launcher.class.getResourceAsStream("/khabar-log4j2.properties")) {
            Files.copy(log4j, config.resolve("log4j2.properties"), StandardCopyOption.REPLACE_EXISTING);
        }
        Settings settings = Settings.builder()
            .put("cluster.name", options.clusterName())
            .put("node.name", options.nodeName())
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", "127.0.0.1")
            .put("http.port", options.httpPort())
            .put("transport.port", options.transportPort())
            .putList("discovery.seed_hosts", options.seedHosts())
            .putList("cluster.initial_cluster_manager_nodes", options.clusterManagers())
            // Shards go wherever there is room: a developer's or CI's disk may be over 90% full.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        return InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, options::nodeName);
    }
}
