"""Where the tests find things: the project, its seeds, the test data and the shared folder."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
DATA = TESTS / "data"
FIXTURES = TESTS / "fixtures"
ARTIFACTS = TESTS / "artifacts"
SHARED = ROOT.parent / "shared"
