"""Snippets: boundaries, escaping, vowelled surface words marked."""

import pytest

from indexer.whoosh_index.analyzers import analyze
from searchapp.search.highlight import clauses, highlight_all, snippets


def terms(*words):
    return {t for w in words for t in analyze(w)}


def test_marks_vowelled_and_cliticised_surface_forms():
    text = "وَقَصَفَ الطيرانُ مدينةَ إِدْلِب، والقصف مستمر."
    html = highlight_all(text, terms("إدلب", "قصف"))
    assert "<mark>إِدْلِب</mark>" in html
    assert "<mark>والقصف</mark>" in html


def test_text_is_escaped_and_only_mark_is_markup():
    text = 'خبر <script>alert(1)</script> عن "><img src=x onerror=alert(1)> إدلب.'
    html = snippets(text, terms("إدلب"), limit=1)[0]
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "<mark>إدلب</mark>" in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_clauses_cut_at_arabic_punctuation_and_line_breaks():
    text = "أولا، ثانيا؛ ثالثا؟ رابعا!\nخامسا. سادسا"
    assert [text[a:b] for a, b in clauses(text)] == [
        "أولا،",
        " ثانيا؛",
        " ثالثا؟",
        " رابعا!\n",
        "خامسا.",
        " سادسا",
    ]


def test_fragments_start_at_a_clause_boundary_and_are_about_200_chars():
    filler = "كلام عام لا صلة له بالموضوع، " * 30
    text = filler + "ثم وقعت الهدنة في إدلب. " + filler
    [fragment] = snippets(text, terms("هدنة"), limit=1)
    plain = fragment.replace("<mark>", "").replace("</mark>", "")
    assert "<mark>الهدنة</mark>" in fragment
    assert plain.startswith("…") and plain.endswith("…")
    assert 20 < len(plain) <= 260
    body = plain.strip("…").strip()
    assert text.find(body) > 0 and text[text.find(body) - 2] in "،. "


def test_up_to_three_fragments_in_text_order():
    filler = "جملة حشو طويلة بلا معنى خاص هنا. " * 12
    text = (
        filler
        + "قصف أول. "
        + filler
        + "هدنة ثانية. "
        + filler
        + "إدلب ثالثة. "
        + filler
        + "قصف رابع."
    )
    found = snippets(text, terms("قصف", "هدنة", "إدلب"))
    assert len(found) == 3
    positions = [
        text.find(f.replace("<mark>", "").replace("</mark>", "").strip("…").strip()) for f in found
    ]
    assert positions == sorted(positions)


def test_no_match_gives_the_opening():
    assert snippets("السطر الأول. السطر الثاني.", terms("غائب"))[0].startswith("السطر الأول.")


def test_a_name_marks_only_where_it_stands_whole():
    from searchapp.search.highlight import Marks, name_forms

    marks = Marks(frozenset(), (name_forms("تنظيم الدولة"),))
    html = highlight_all("قال تنظيم الدولة إن الدولة لن تنظيم شيئا", marks)
    assert html == "قال <mark>تنظيم</mark> <mark>الدولة</mark> إن الدولة لن تنظيم شيئا"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وسقط قتلى. " + "كلام آخر " * 40, "وسقط <mark>قتلى</mark>."),  # a whole sentence: no '…'
        ("قصف السوق، " + "كلام آخر " * 40, "<mark>قصف</mark> السوق…"),  # cut at a comma
        ("قصف عنيف على القرى.", "<mark>قصف</mark> عنيف على القرى."),  # the whole text
    ],
)
def test_snippet_endings(text, expected):
    assert snippets(text, terms("قصف", "قتلى"))[0] == expected


def test_hit_titles_are_marked_like_the_snippets(service):
    from searchapp.search.request import SearchRequest

    hits = {h.id: h for h in service.search(SearchRequest(q="هدنة")).hits}
    assert hits["d6"].title_html == "خرق <mark>الهدنة</mark>"
    assert hits["d5"].title_html == "اتفاق <mark>هدنة</mark>"
