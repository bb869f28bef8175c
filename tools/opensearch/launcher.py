"""The Java side of the local OpenSearch cluster: building the launcher (Maven, when its jar is
missing or older than its sources) and the command line of one node's JVM, with the reason for
each JVM flag. Standard library only.
"""

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
JAR = HERE / "target" / "khabar-opensearch.jar"
LIB = HERE / "target" / "lib"
# A node idles at ~250 MiB of RSS; the heap grows to the maximum only under load.
MIN_HEAP = "256m"

# Flags for every node's JVM (the heap and per-node paths are added by java_command).
JVM_FLAGS = [
    # G1, tuned as OpenSearch's jvm.options tunes it: the real-memory circuit breaker relies on
    # G1 (it asks for a young collection before tripping), which matters with a small heap.
    "-XX:+UseG1GC",
    "-XX:G1ReservePercent=25",
    "-XX:InitiatingHeapOccupancyPercent=30",
    # No OpenSearch Bootstrap here to halt a node on an Error: a node out of memory exits
    # instead of staying in the cluster half-dead.
    "-XX:+ExitOnOutOfMemoryError",
    # Arabic in logs and paths whatever the shell's locale (C/POSIX in CI).
    "-Dfile.encoding=UTF-8",
    # As a packaged 2.19 node on JDK 17: SPI loads OpenSearch's IsoCalendarDataProvider from
    # the class path (ISO weeks in date formats), COMPAT keeps the date parsing 2.x expects.
    "-Djava.locale.providers=SPI,COMPAT",
    # The launcher shuts log4j down itself after the node has closed, so the close is logged.
    "-Dlog4j.shutdownHookEnabled=false",
    "-Dlog4j2.disable.jmx=true",
    # Netty as OpenSearch's launcher sets it: no sun.misc.Unsafe, no pooled direct arenas,
    # no per-thread recyclers (they hold memory for buffers the node never reuses).
    "-Dio.netty.noUnsafe=true",
    "-Dio.netty.noKeySetOptimization=true",
    "-Dio.netty.recycler.maxCapacityPerThread=0",
    "-Dio.netty.allocator.numDirectArenas=0",
    # JNA (on the class path) uses the native library in its own jar, not a system one.
    "-Djna.nosys=true",
]


class LauncherError(Exception):
    """The launcher could not be built."""


class ToolMissing(LauncherError):
    """`java` or `mvn` is not on PATH."""


def missing_tool():
    """The message for a missing `java`, or `mvn` when the launcher needs building; else None."""
    if shutil.which("java") is None:
        return "the OpenSearch cluster needs `java` (OpenJDK 17) on PATH: apt-get install openjdk-17-jdk-headless"
    if needs_build() and shutil.which("mvn") is None:
        return (
            "building the OpenSearch launcher needs `mvn` (Maven 3) on PATH: apt-get install maven"
        )
    return None


def needs_build():
    """True when the launcher jar or its libraries are missing, or older than pom.xml or src/."""
    if not JAR.exists() or not LIB.is_dir():
        return True
    sources = [HERE / "pom.xml", *(p for p in (HERE / "src").rglob("*") if p.is_file())]
    return max(p.stat().st_mtime for p in sources) > JAR.stat().st_mtime


def build():
    """Checks for `java` (and `mvn`), then builds the launcher when needed: offline first (a
    warm ~/.m2), then online."""
    problem = missing_tool()
    if problem:
        raise ToolMissing(problem)
    if not needs_build():
        return
    command = ["mvn", "-B", "-q", "package"]
    offline = subprocess.run([*command, "-o"], cwd=HERE, capture_output=True, text=True)
    if offline.returncode == 0:
        return
    print("building the OpenSearch launcher (Maven, online)...", file=sys.stderr)
    online = subprocess.run(command, cwd=HERE, capture_output=True, text=True)
    if online.returncode != 0:
        output = (online.stdout + online.stderr).strip().splitlines()[-30:]
        raise LauncherError(f"`mvn package` failed in {HERE}:\n" + "\n".join(output))


def java_command(home, heap, **options):
    """The command line that runs the node living in `home`; `options` are the launcher's own
    (cluster, node, http_port, transport_port, seed_hosts, cluster_managers)."""
    flags = [
        f"-Xms{MIN_HEAP}",
        f"-Xmx{heap}",
        *JVM_FLAGS,
        # Each node's temporary files and JVM crash logs stay in its own folder.
        f"-Djava.io.tmpdir={home / 'tmp'}",
        f"-XX:ErrorFile={home / 'logs' / 'hs_err_pid%p.log'}",
    ]
    arguments = ["--home", str(home)]
    for name, value in options.items():
        arguments += [f"--{name.replace('_', '-')}", str(value)]
    return ["java", *flags, "-jar", str(JAR), *arguments]
