"""The `khabar` command through click's CliRunner."""

import json

import pytest

from searchapp.cli import cli
from tests.paths import SEEDS


@pytest.mark.parametrize("command", [[], ["index"], ["search"], ["extract"], ["serve"]])
def test_every_command_has_help(runner, command):
    result = runner.invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_index_then_search_json(runner, tmp_path, index_writer):
    index_dir = tmp_path / "ix"
    indexed = runner.invoke(cli, ["index", str(SEEDS), "--index", str(index_dir)])
    assert indexed.exit_code == 0, indexed.output
    assert "added 5" in indexed.output
    found = runner.invoke(cli, ["search", "إدلب", "--index", str(index_dir), "--json"])
    assert found.exit_code == 0, found.output
    body = json.loads(found.output)
    assert body["total"] == 5
    assert {h["id"] for h in body["hits"]} == {p.stem for p in SEEDS.glob("*.txt")}


def test_search_json_is_the_api_body(runner, client, seed_location):
    where = "--backend" if str(seed_location).startswith("opensearch+") else "--index"
    cli_body = json.loads(
        runner.invoke(cli, ["search", "حلب", where, str(seed_location), "--json"]).output
    )
    api_body = client.get("/api/search", query_string={"q": "حلب"}).get_json()
    for body in (cli_body, api_body):
        body.pop("took_ms")
    assert cli_body == api_body


def test_text_output_shows_plain_text_with_matches_in_brackets(runner, seed_index):
    """The terminal gets the snippet's text as written ("داعش" with its quotes), not HTML."""
    result = runner.invoke(cli, ["search", "إدلب", "--index", str(seed_index)])
    assert result.exit_code == 0, result.output
    assert "[إدلب]" in result.output
    assert '"داعش"' in result.output
    assert "&quot;" not in result.output and "<mark>" not in result.output


def test_missing_index_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["search", "إدلب", "--index", str(tmp_path / "none")])
    assert result.exit_code != 0
    assert "no index at" in result.output
    assert "Traceback" not in result.output


def test_unreadable_path_is_reported(runner, tmp_path):
    result = runner.invoke(
        cli, ["index", str(tmp_path / "missing.txt"), "--index", str(tmp_path / "ix")]
    )
    assert result.exit_code != 0
    assert "missing.txt: no such file or directory" in result.output


def test_topics_write_a_trec_run(runner, seed_index, tmp_path):
    topics = tmp_path / "topics.jsonl"
    topics.write_text(
        '{"id": "q1", "text": "إدلب"}\n{"id": "q2", "text": "كلمةغيرموجودة حلب"}\n', "utf-8"
    )
    run = tmp_path / "run.txt"
    result = runner.invoke(
        cli, ["search", "--index", str(seed_index), "--topics", str(topics), "--output", str(run)]
    )
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in run.read_text("utf-8").splitlines()]
    assert {line[0] for line in lines} == {"q1", "q2"}
    assert all(line[1] == "Q0" and line[5] == "khabar" for line in lines)
    assert [line[3] for line in lines if line[0] == "q1"] == ["1", "2", "3", "4", "5"]


def test_extract_prints_one_line_per_article(runner):
    result = runner.invoke(cli, ["extract", str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 5
    first = lines[0]
    assert set(first) >= {"id", "title", "date", "facets"}
    assert set(first["facets"]) == {"faction", "place", "source", "publisher"}
    place_ids = {e["id"] for e in first["facets"]["place"]}
    assert any(e["ar"] == "إدلب" for e in first["facets"]["place"]), place_ids
    assert {e["from"] for f in ("faction", "place", "source") for e in first["facets"][f]} == {
        "text"
    }


def test_extract_marks_the_publisher_from_metadata(runner, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps(
            {"id": "a", "text": "قال مراسل العربية إن", "source": "www.alarabiya.net"},
            ensure_ascii=False,
        )
        + "\n",
        "utf-8",
    )
    result = runner.invoke(cli, ["extract", str(feed)])
    assert result.exit_code == 0, result.output
    facets = json.loads(result.output)["facets"]
    assert [(e["id"], e["from"]) for e in facets["publisher"]] == [("alarabiya", "metadata")]
    assert [(e["id"], e["from"]) for e in facets["source"]] == [("alarabiya", "text")]
