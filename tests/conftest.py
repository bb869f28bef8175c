"""Shared fixtures: a seed index built once per session, the app, its client and a CLI runner."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer.build import build_index
from searchapp import create_app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("seed-index") / "index"
    stats = build_index([SEEDS], index_dir, report=lambda error: None)
    assert stats.added == 5
    return index_dir


@pytest.fixture()
def app(seed_index):
    return create_app({"TESTING": True, "INDEX": str(seed_index)})


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def runner():
    return CliRunner()
