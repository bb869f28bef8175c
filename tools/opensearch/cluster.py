"""A local OpenSearch 2.19 cluster for Khabar: N nodes, one JVM each, on 127.0.0.1.

    python tools/opensearch/cluster.py start --dir var/opensearch    # prints the backend URL
    python tools/opensearch/cluster.py status --dir var/opensearch
    python tools/opensearch/cluster.py stop --dir var/opensearch

The nodes run the Java launcher of tools/opensearch/ (launcher.py builds it and gives each
node's JVM command line). Node i lives in DIR/node-<i>/ (config/, data/, logs/node-<i>.log and
logs/stdout.log); DIR/cluster.json records the ports and pids, so that another process can
stop the cluster, and DIR/url the backend URL. Standard library only: the tests import it.
"""

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

if __package__:
    from . import launcher
else:  # run as a script: python tools/opensearch/cluster.py
    import launcher

CLUSTER_NAME = "khabar"
INDEX = "khabar"
NODES = 3
HTTP_PORT = 9250
TRANSPORT_PORT = 9350
HEAP = "512m"
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0
HTTP_TIMEOUT = 10.0


class ClusterError(Exception):
    """The cluster could not be started, stopped or reached."""


def free_ports(count):
    """`count` distinct loopback ports that were free a moment ago."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def rss_mib(pid):
    """Resident memory of a process in MiB, or None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    kib = next(
        (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0
    )
    return round(kib / 1024)


def _is_node_process(pid, home):
    """True when `pid` is a live (not zombie) JVM started for the node living in `home`."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z" and str(home).encode() in cmdline


def _signal(pid, signum):
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


def _get_json(url):
    try:
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            if error.code == 408:  # the health API's wait timed out: the body is still the health
                return json.load(error)
        raise


class Cluster:
    """N OpenSearch nodes on loopback ports, each a JVM started from this process or recorded in
    DIR/cluster.json by another; node i answers HTTP on `urls[i]`."""

    def __init__(
        self, directory, http_ports=None, transport_ports=None, heap=HEAP, name=CLUSTER_NAME
    ):
        self.directory = Path(directory).resolve()
        self.http_ports = list(http_ports or range(HTTP_PORT, HTTP_PORT + NODES))
        self.transport_ports = list(
            transport_ports or range(TRANSPORT_PORT, TRANSPORT_PORT + NODES)
        )
        if len(self.http_ports) != len(self.transport_ports):
            raise ValueError("one HTTP port and one transport port per node")
        self.heap = heap
        self.name = name
        self.pids = [None] * len(self.http_ports)
        self._children = {}

    @classmethod
    def on_free_ports(cls, directory, nodes=NODES, **options):
        """A cluster whose 2 x `nodes` ports are picked among the free ones (for tests)."""
        ports = free_ports(2 * nodes)
        return cls(directory, ports[:nodes], ports[nodes:], **options)

    @classmethod
    def load(cls, directory):
        """The cluster recorded in DIR/cluster.json by the process that started it."""
        state_file = Path(directory) / "cluster.json"
        try:
            state = json.loads(state_file.read_text())
        except FileNotFoundError:
            raise ClusterError(f"no OpenSearch cluster recorded in {state_file}") from None
        cluster = cls(
            directory, state["http_ports"], state["transport_ports"], state["heap"], state["name"]
        )
        cluster.pids = state["pids"]
        return cluster

    @property
    def urls(self):
        return [f"http://127.0.0.1:{port}" for port in self.http_ports]

    @property
    def url(self):
        return self.urls[0]

    @property
    def backend_url(self):
        """The URL Khabar's OpenSearch backend is given: scheme, first node and index name."""
        return f"opensearch+{self.url}/{INDEX}"

    def node_name(self, i):
        return f"node-{i}"

    def node_home(self, i):
        return self.directory / self.node_name(i)

    def node_log(self, i):
        return self.node_home(i) / "logs" / f"{self.node_name(i)}.log"

    def is_running(self, i):
        child = self._children.get(i)
        if child is not None:
            return child.poll() is None
        return self.pids[i] is not None and _is_node_process(self.pids[i], self.node_home(i))

    def start(self, timeout=START_TIMEOUT):
        """Starts every node that is not running and waits for the cluster to be green."""
        launcher.build()
        for i in range(len(self.pids)):
            if not self.is_running(i):
                self._spawn(i)
        self._save()
        deadline = time.monotonic() + timeout
        self.wait_for("green", nodes=len(self.pids), timeout=timeout)
        self._wait_answering(range(len(self.pids)), deadline)
        return self

    def start_node(self, i, timeout=START_TIMEOUT):
        """Starts node i again, on its own ports and data folder, and waits until it has joined."""
        if self.is_running(i):
            raise ClusterError(f"{self.node_name(i)} is already running (pid {self.pids[i]})")
        self._spawn(i)
        self._save()
        deadline = time.monotonic() + timeout
        self.wait_for(
            "yellow", nodes=sum(map(self.is_running, range(len(self.pids)))), timeout=timeout
        )
        self._wait_answering([i], deadline)

    def kill_node(self, i):
        """Kills node i at once (SIGKILL): no shutdown, as in a crash."""
        if self.is_running(i):
            _signal(self.pids[i], signal.SIGKILL)
            self._wait_exit(i, STOP_TIMEOUT)
        self.pids[i] = None
        self._save()

    def stop(self, timeout=STOP_TIMEOUT):
        """Stops every node (SIGTERM: the node closes cleanly; SIGKILL after `timeout` s)."""
        running = [i for i in range(len(self.pids)) if self.is_running(i)]
        for i in running:
            _signal(self.pids[i], signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for i in running:
            if not self._wait_exit(i, max(0.0, deadline - time.monotonic())):
                _signal(self.pids[i], signal.SIGKILL)
                self._wait_exit(i, 10.0)
        self.pids = [None] * len(self.pids)
        self._save()

    def health(self, **params):
        """GET /_cluster/health (with `params` as its query) from the first running node that answers."""
        query = urllib.parse.urlencode(params)
        for i, url in enumerate(self.urls):
            if self.is_running(i):
                try:
                    return _get_json(f"{url}/_cluster/health?{query}")
                except (OSError, ValueError):
                    continue
        raise ClusterError(f"no node of {self.directory} answers on {', '.join(self.urls)}")

    def wait_for(self, status, nodes=None, timeout=START_TIMEOUT):
        """Waits until the cluster is at least `status` (green > yellow > red), with `nodes`
        nodes when given; returns the health. Raises ClusterError, naming the node logs, when
        a node process dies or `timeout` s pass."""
        # Both waits short, so that a node without an elected cluster manager answers at once.
        params = {"wait_for_status": status, "timeout": "1s", "cluster_manager_timeout": "1s"}
        if nodes is not None:
            params["wait_for_nodes"] = nodes
        deadline = time.monotonic() + timeout
        health = None
        while time.monotonic() < deadline:
            self._check_alive()
            try:
                health = self.health(**params)
            except ClusterError:
                time.sleep(0.5)
                continue
            if not health["timed_out"]:
                return health
        raise ClusterError(
            f"the OpenSearch cluster was not {status} after {timeout:.0f}s (last health: {health});"
            f" see the node logs: {', '.join(str(self.node_log(i)) for i in range(len(self.pids)))}"
        )

    def _wait_answering(self, nodes, deadline):
        """Waits until each of `nodes` answers HTTP: a node joins the cluster before its HTTP
        server is up, so green alone does not mean that `urls[i]` answers yet."""
        for i in nodes:
            while True:
                self._check_alive()
                try:
                    _get_json(self.urls[i])
                    break
                except (OSError, ValueError):
                    if time.monotonic() > deadline:
                        raise ClusterError(
                            f"{self.node_name(i)} does not answer on {self.urls[i]};"
                            f" see {self.node_log(i)}"
                        ) from None
                    time.sleep(0.2)

    def _check_alive(self):
        for i, pid in enumerate(self.pids):
            if pid is not None and not self.is_running(i):
                self.pids[i] = None
                self._save()
                raise ClusterError(
                    f"{self.node_name(i)} (pid {pid}) exited; see {self.node_log(i)}"
                    f" and {self.node_home(i) / 'logs' / 'stdout.log'}"
                )

    def _spawn(self, i):
        home = self.node_home(i)
        (home / "logs").mkdir(parents=True, exist_ok=True)
        (home / "tmp").mkdir(exist_ok=True)
        with open(home / "logs" / "stdout.log", "ab") as output:
            child = subprocess.Popen(
                self._java_command(i),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C in the starting shell does not reach the nodes
            )
        self._children[i] = child
        self.pids[i] = child.pid

    def _java_command(self, i):
        return launcher.java_command(
            self.node_home(i),
            self.heap,
            cluster=self.name,
            node=self.node_name(i),
            http_port=self.http_ports[i],
            transport_port=self.transport_ports[i],
            seed_hosts=",".join(f"127.0.0.1:{port}" for port in self.transport_ports),
            cluster_managers=",".join(self.node_name(n) for n in range(len(self.pids))),
        )

    def _wait_exit(self, i, timeout):
        """Waits for node i's process to end; False when it is still running after `timeout` s."""
        child = self._children.pop(i, None)
        if child is not None:
            try:
                child.wait(timeout)
                return True
            except subprocess.TimeoutExpired:
                self._children[i] = child
                return False
        deadline = time.monotonic() + timeout
        while _is_node_process(self.pids[i], self.node_home(i)):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.2)
        return True

    def _save(self):
        self.directory.mkdir(parents=True, exist_ok=True)
        state = {
            "name": self.name,
            "heap": self.heap,
            "http_ports": self.http_ports,
            "transport_ports": self.transport_ports,
            "pids": self.pids,
        }
        (self.directory / "cluster.json").write_text(json.dumps(state, indent=2) + "\n")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


def start_command(args):
    """Starts the cluster recorded in DIR (or a new one), writes DIR/url and prints it."""
    directory = Path(args.dir)
    if (directory / "cluster.json").exists():
        cluster = Cluster.load(directory)
        cluster.heap = args.heap
    else:
        http_ports = range(args.http_port, args.http_port + args.nodes)
        transport_ports = range(args.transport_port, args.transport_port + args.nodes)
        cluster = Cluster(directory, http_ports, transport_ports, heap=args.heap)
    started = time.monotonic()
    try:
        cluster.start(timeout=args.timeout)
    except ClusterError:
        cluster.stop()  # no half-started cluster left behind; the logs stay
        raise
    (cluster.directory / "url").write_text(cluster.backend_url + "\n")
    print(
        f"OpenSearch cluster green in {time.monotonic() - started:.1f}s: {', '.join(cluster.urls)}",
        file=sys.stderr,
    )
    print(cluster.backend_url)


def stop_command(args):
    """Stops the cluster recorded in DIR and removes DIR/url."""
    cluster = Cluster.load(args.dir)
    cluster.stop()
    (cluster.directory / "url").unlink(missing_ok=True)
    print(f"OpenSearch cluster in {cluster.directory} stopped", file=sys.stderr)


def status_command(args):
    """Prints each node (pid, memory) and the cluster health; exit 1 when a node is down."""
    cluster = Cluster.load(args.dir)
    if not any(map(cluster.is_running, range(len(cluster.pids)))):
        print(f"the OpenSearch cluster in {cluster.directory} is not running")
        return 1
    for i, url in enumerate(cluster.urls):
        running = cluster.is_running(i)
        memory = (
            f"pid {cluster.pids[i]}, RSS {rss_mib(cluster.pids[i])} MiB"
            if running
            else "not running"
        )
        print(f"{cluster.node_name(i)}  {url}  {memory}")
    health = cluster.health()
    print(
        f"cluster {health['cluster_name']}: {health['status']}, {health['number_of_nodes']} nodes,"
        f" {health['active_shards']} active shards, {health['unassigned_shards']} unassigned"
    )
    return 0 if all(map(cluster.is_running, range(len(cluster.pids)))) else 1


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="A local OpenSearch 2.19 cluster for Khabar, one JVM per node."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser(
        "start",
        help="build the launcher if needed, start the nodes, wait for green"
        " (a cluster already recorded in DIR keeps its ports)",
    )
    start.add_argument(
        "--nodes", type=int, default=NODES, help="number of nodes (default %(default)s)"
    )
    start.add_argument(
        "--http-port",
        type=int,
        default=HTTP_PORT,
        help="first node's HTTP port (default %(default)s)",
    )
    start.add_argument(
        "--transport-port",
        type=int,
        default=TRANSPORT_PORT,
        help="first node's transport port (default %(default)s)",
    )
    start.add_argument("--heap", default=HEAP, help="maximum heap per node (default %(default)s)")
    start.add_argument(
        "--timeout", type=float, default=START_TIMEOUT, help="seconds to wait for green"
    )
    start.set_defaults(run=start_command)
    stop = commands.add_parser("stop", help="stop the nodes (SIGTERM) recorded in DIR")
    stop.set_defaults(run=stop_command)
    status = commands.add_parser(
        "status", help="print the nodes, their memory and the cluster health"
    )
    status.set_defaults(run=status_command)
    for command in (start, stop, status):
        command.add_argument(
            "--dir", default="var/opensearch", help="the cluster's folder (default %(default)s)"
        )
    args = parser.parse_args(argv)
    try:
        return args.run(args) or 0
    except (ClusterError, launcher.LauncherError) as e:
        print(f"cluster.py {args.command}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
