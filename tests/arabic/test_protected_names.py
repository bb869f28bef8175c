"""Protected names are a generated data file: recomputed here from names.txt and the
gazetteers, so that a gazetteer edit changes stems only through an explicit step."""

import subprocess
import sys

from indexer.arabic import lexicon
from indexer.arabic.lexicon import NAMES_FILE, compile_lexicon, read_lines, read_names
from indexer.arabic.names import protected_names
from indexer.arabic.stemmer import stem
from indexer.entities.gazetteer import load_gazetteer

REGENERATE = "python tools/build_names.py"


def test_protected_names_file_is_up_to_date_with_names_txt_and_the_gazetteers():
    names = [n for e in load_gazetteer().entities() for n in e.names() if n]
    expected = protected_names(read_lines("names.txt"), names, compile_lexicon(names=()))
    shipped = read_names()
    missing = sorted({r[0] for r in expected} - {r[0] for r in shipped})[:10]
    extra = sorted({r[0] for r in shipped} - {r[0] for r in expected})[:10]
    assert shipped == expected, (
        f"indexer/arabic/data/lexicon/{NAMES_FILE} is out of date with names.txt, the "
        f"gazetteers or the lexicon (missing {missing}, extra {extra}): run `{REGENERATE}` "
        "and commit the file (it changes stems: say so in the commit)"
    )


def test_curated_gazetteer_and_nisba_flags():
    rows = {w: (origin, nisba) for w, origin, nisba in read_names()}
    assert rows["لبنان"] == ("curated", True)
    assert rows["رياض"] == ("curated", False)  # الرياض<TAB>no-nisba: رياضي is another word
    assert rows["ابراهيم"] == ("gazetteer", False)
    lex = lexicon.load_lexicon()
    assert "لبنان" in lex.nisba_names and "رياض" not in lex.nisba_names
    assert stem("اللبنانيه") == "لبنان" and stem("الرياضيه") == "رياضي"


def test_the_analysis_package_reads_no_gazetteer():
    code = (
        "import sys; from indexer.arabic.terms import stemmed_terms; "
        "stemmed_terms('وقصفت الطائرات ريف حلب'); "
        "print(sorted(m for m in sys.modules if m.startswith('indexer.')))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "indexer.arabic.stemmer" in loaded
    assert "indexer.entities" not in loaded
    assert "indexer.arabic.names" not in loaded  # only tools/build_names.py needs it


def test_a_gazetteer_word_that_is_a_sound_plural_is_not_protected():
    lex = lexicon.compile_lexicon(names=())
    rows = protected_names([], ["حالات", "مرتين", "القابون", "جديدة عرطوز"], lex)
    assert [w for w, _, _ in rows] == ["عرطوز", "قابون"]  # قاب is too rare a word
    assert stem("الحالات") == stem("حاله") and stem("مرتين") == stem("مره")
