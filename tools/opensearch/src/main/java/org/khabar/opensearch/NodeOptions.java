package org.khabar.opensearch;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The launcher's command line: every option is {@code --name value} and all are required. */
record NodeOptions(
    Path home,
    String clusterName,
    String nodeName,
    int httpPort,
    int transportPort,
    List<String> seedHosts,
    List<String> clusterManagers
) {

    static final String USAGE = String.join(
        "\n",
        "usage: java [jvm flags] -jar khabar-opensearch.jar --home DIR --cluster NAME --node NAME",
        "         --http-port PORT --transport-port PORT",
        "         --seed-hosts 127.0.0.1:9350,127.0.0.1:9351 --cluster-managers node-0,node-1,node-2"
    );

    private static final List<String> NAMES = List.of(
        "home", "cluster", "node", "http-port", "transport-port", "seed-hosts", "cluster-managers"
    );

    static NodeOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
            if (NAMES.contains(name) == false) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
        for (String name : NAMES) {
            if (values.containsKey(name) == false) {
                throw new IllegalArgumentException("missing option --" + name);
            }
        }
        return new NodeOptions(
            Path.of(values.get("home")).toAbsolutePath(),
            values.get("cluster"),
            values.get("node"),
            port(values, "http-port"),
            port(values, "transport-port"),
            list(values.get("seed-hosts")),
            list(values.get("cluster-managers"))
        );
    }

    private static int port(Map<String, String> values, String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " is not a port: " + values.get(name));
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> s.isEmpty() == false).toList();
    }
}
