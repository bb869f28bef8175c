"""Highlighted text on the results page: snippet endings, titles marked like the snippets."""

import pytest

from searchapp.web.highlights import marked, query_marks, tidy_snippet


@pytest.mark.parametrize(
    "snippet, tidy",
    [
        ("…وسقط <mark>قتلى</mark>.…", "…وسقط <mark>قتلى</mark>."),
        ("قصف السوق؟…", "قصف السوق؟"),
        ("…الطيران قصف السوق،…", "…الطيران قصف السوق…"),
        ("air strikes, …", "air strikes…"),
        ("…قصف عنيف على القرى…", "…قصف عنيف على القرى…"),
        ("قصف عنيف على القرى.", "قصف عنيف على القرى."),
    ],
)
def test_snippet_endings(snippet, tidy):
    assert tidy_snippet(snippet) == tidy


def test_titles_are_marked_with_the_services_marks(service):
    marks = query_marks(service, "هدنة")
    assert str(marked("خرق الهدنة", marks)) == "خرق <mark>الهدنة</mark>"
    assert str(marked("<b>هدنة</b>", marks)) == "&lt;b&gt;<mark>هدنة</mark>&lt;/b&gt;"
    assert query_marks(service, "  ") is None and str(marked("<i>", None)) == "&lt;i&gt;"
