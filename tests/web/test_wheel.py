"""`pip install khabar` as a user would do it: the sdist and wheel built from this checkout
(`python -m build`), the wheel installed into a fresh virtual environment (its dependencies
from PyPI or pip's cache), then `khabar index seeds` and `khabar serve` run from there, away
from the checkout: the pages, the static files and the API answer 200."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.error import URLError
from urllib.parse import quote

import pytest

from tests.paths import ROOT, SEEDS

pytestmark = pytest.mark.slow

INSTALL_TIMEOUT = 600  # seconds; dependencies come from pip's cache when it has them
START_TIMEOUT = 60


def run(*args, cwd, env):
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT
    )
    assert done.returncode == 0, f"{' '.join(map(str, args))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def clean_env():
    """The environment minus anything that would point the venv back at this checkout."""
    drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("KHABAR_")}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get_content_type(), response.read()


def wait_until_up(url, server, log):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            return get(url)
        except (URLError, ConnectionError):
            time.sleep(0.3)
    raise AssertionError(f"khabar serve did not answer {url} within {START_TIMEOUT} s")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv's bin folder, a folder outside the checkout, environment) with khabar installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = clean_env()
    run(sys.executable, "-m", "build", "--outdir", tmp / "dist", ROOT, cwd=tmp, env=env)
    (wheel,) = (tmp / "dist").glob("khabar-*.whl")
    run(sys.executable, "-m", "venv", tmp / "venv", cwd=tmp, env=env)
    bin_dir = tmp / "venv" / "bin"
    run(bin_dir / "python", "-m", "pip", "install", "-q", wheel, cwd=tmp, env=env)
    return bin_dir, tmp, env


def test_the_wheel_carries_templates_and_static_files(installed):
    bin_dir, tmp, env = installed
    script = (
        "import searchapp.web.app as app; "
        "print(app.package_folder('searchapp.web.templates')); "
        "print(app.package_folder('searchapp.web.static'))"
    )
    templates, static = run(bin_dir / "python", "-c", script, cwd=tmp, env=env).split()
    site = str(tmp / "venv")
    assert templates.startswith(site) and static.startswith(site)
    assert os.path.exists(os.path.join(templates, "search.html"))
    assert os.path.exists(os.path.join(static, "fonts", "OFL.txt"))


def test_installed_khabar_indexes_and_serves_the_seeds(installed):
    bin_dir, tmp, env = installed
    index = tmp / "index"
    run(bin_dir / "khabar", "index", SEEDS, "--index", index, cwd=tmp, env=env)
    port, log = free_port(), tmp / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [
                bin_dir / "khabar",
                "serve",
                "--index",
                index,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=tmp,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_until_up(f"{base}/healthz", server, log)[0] == 200
        status, kind, body = get(f"{base}/")
        assert (status, kind) == (200, "text/html") and b'dir="rtl"' in body
        status, kind, body = get(f"{base}/static/style.css")
        assert (status, kind) == (200, "text/css") and body
        status, kind, body = get(f"{base}/api/search?q={quote('حلب')}")
        assert (status, kind) == (200, "application/json")
        result = json.loads(body)
        assert result["total"] >= 1 and result["hits"]
    finally:
        server.terminate()
        server.wait(10)
