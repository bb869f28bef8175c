"""`khabar serve`: settings from flags, KHABAR_* env and a config file, in that order of
precedence; loopback by default; a missing index fails at start-up with a clear message."""

import pytest
import waitress

from searchapp.cli import cli


@pytest.fixture()
def served(monkeypatch):
    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **options: calls.append((app, options)))
    for name in ("KHABAR_CONFIG", "KHABAR_INDEX", "KHABAR_PORT", "KHABAR_THREADS", "KHABAR_HOST"):
        monkeypatch.delenv(name, raising=False)
    return calls


def test_defaults_bind_loopback(runner, served, seed_index):
    result = runner.invoke(cli, ["serve", "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert options["host"] == "127.0.0.1" and options["port"] == 5000 and options["threads"] == 8
    assert options["expose_tracebacks"] is False and "trusted_proxy" not in options
    assert app.debug is False


def test_flags_beat_env_beat_config_file(runner, served, seed_index, tmp_path, monkeypatch):
    config = tmp_path / "khabar.toml"
    config.write_text(
        f'INDEX = "{seed_index}"\nTHREADS = 3\nPORT = 6001\nHOST = "127.0.0.2"\n', encoding="utf-8"
    )
    monkeypatch.setenv("KHABAR_CONFIG", str(config))
    monkeypatch.setenv("KHABAR_THREADS", "5")
    result = runner.invoke(cli, ["serve", "--port", "7002"])
    assert result.exit_code == 0, result.output
    app, options = served[0]
    assert (options["host"], options["port"], options["threads"]) == ("127.0.0.2", 7002, 5)
    assert app.config["INDEX"] == str(seed_index)


def test_json_and_python_config_files(runner, served, seed_index, tmp_path):
    as_json = tmp_path / "khabar.json"
    as_json.write_text(f'{{"INDEX": "{seed_index}", "THREADS": 2}}', encoding="utf-8")
    as_py = tmp_path / "khabar.py"
    as_py.write_text(
        f'INDEX = "{seed_index}"\nTHREADS = 4\nlowercase_ignored = 1\n', encoding="utf-8"
    )
    for path, threads in ((as_json, 2), (as_py, 4)):
        result = runner.invoke(cli, ["serve", "--config", str(path)])
        assert result.exit_code == 0, result.output
        assert served[-1][1]["threads"] == threads


def test_trusted_proxy(runner, served, seed_index, monkeypatch):
    monkeypatch.setenv("KHABAR_TRUSTED_PROXY_COUNT", "2")
    result = runner.invoke(
        cli, ["serve", "--index", str(seed_index), "--trusted-proxy", "127.0.0.1"]
    )
    assert result.exit_code == 0, result.output
    options = served[0][1]
    assert options["trusted_proxy"] == "127.0.0.1" and options["trusted_proxy_count"] == 2
    assert "x-forwarded-proto" in options["trusted_proxy_headers"]
    assert options["clear_untrusted_proxy_headers"] is True


def test_missing_index_fails_clearly(runner, served, tmp_path):
    result = runner.invoke(cli, ["serve", "--index", str(tmp_path / "nothing")])
    assert result.exit_code != 0
    assert "no index" in result.output and not served


def test_help_documents_settings(runner):
    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    for word in ("--threads", "--config", "KHABAR_INDEX", "--trusted-proxy"):
        assert word in result.output


def test_workers_share_one_listening_socket(runner, served, seed_index, monkeypatch):
    from searchapp.web import serving

    seen = []

    def fake_supervise(run, workers, echo):
        run()  # what each forked child would do
        seen.append((workers, served[-1][1]["sockets"][0].getsockname()[0]))

    monkeypatch.setattr(serving, "supervise", fake_supervise)
    result = runner.invoke(
        cli, ["serve", "--index", str(seed_index), "--port", "0", "--workers", "3"]
    )
    assert result.exit_code == 0, result.output
    assert seen == [(3, "127.0.0.1")]
    options = served[0][1]
    assert "host" not in options and len(options["sockets"]) == 1
