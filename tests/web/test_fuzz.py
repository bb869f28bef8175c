"""Property tests: whatever a browser or a script sends, the answer is a 200 or a 400 with the
error shape (404 for an unknown article) — never a 500 — and nothing but a QueryError
escapes SearchService.search."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import QueryError
from searchapp.search.request import SearchRequest
from searchapp.web.app import create_app
from searchapp.web.service import get_service

# Modest by default so the suite stays fast; KHABAR_FUZZ_EXAMPLES=2000 for a longer hunt.
EXAMPLES = int(os.environ.get("KHABAR_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Any Unicode except lone surrogates (which no client can send as UTF-8).
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
SYNTAX = st.sampled_from(
    [
        '"',
        "(",
        ")",
        "*",
        "?",
        "~",
        "^",
        ":",
        "[",
        "]",
        "{",
        "}",
        "\\",
        "-",
        "+",
        "/",
        " ",
        "\t",
        "\u200f",
        "OR",
        "AND",
        "NOT",
        "أو",
        "و",
        "ليس",
        "TO",
        "title:",
        "faction:",
        "place:",
        "source:",
        "date:",
        "date:[2015 TO",
        "date:>2016",
        "exact:",
        "ا",
        "دمشق",
        "حلب*",
        "إدلب",
        "قصف",
        "ـــ",
        "\u064b",
        "١٢",
        "*:*",
        "a" * 300,
        "ال",
        "x*",
        "**",
        "\x00",
        "🙂",
    ]
)
QUERY = st.one_of(ANY_TEXT, st.lists(st.one_of(SYNTAX, ANY_TEXT), max_size=12).map("".join))
VALUE = st.one_of(
    ANY_TEXT,
    st.integers(-(10**12), 10**12).map(str),
    SYNTAX,
    st.sampled_from(
        [
            "",
            "0",
            "1",
            "100",
            "101",
            "2016",
            "2016-02",
            "2016-13-45",
            "relevance",
            "date",
            "true",
            "isis",
            "idlib",
            "damascus",
            "sana",
            "nan",
            "1e9",
            "٣",
        ]
    ),
)
PARAM_NAMES = (
    "faction",
    "place",
    "source",
    "governorate",
    "from",
    "to",
    "sort",
    "page",
    "per_page",
    "exact",
    "q",
    "prefix",
    "lang",
    "format",
)
PARAMS = st.lists(st.tuples(st.sampled_from(PARAM_NAMES), VALUE), max_size=8)


@pytest.fixture(scope="module")
def fuzz_app(seed_index):
    return create_app({"TESTING": True, "INDEX": str(seed_index)})


def check_answer(response, allowed=(200, 400)):
    assert response.status_code in allowed, (
        response.status_code,
        response.get_data(as_text=True)[:500],
    )
    if response.status_code >= 400 and response.mimetype == "application/json":
        error = response.get_json()["error"]
        assert isinstance(error["code"], str) and isinstance(error["message"], str)


@FUZZ
@given(q=QUERY, params=PARAMS)
def test_api_search_never_500(fuzz_app, q, params):
    client = fuzz_app.test_client()
    response = client.get("/api/search", query_string=[("q", q), *params])
    check_answer(response)
    if response.status_code == 400:
        assert response.mimetype == "application/json"


@FUZZ
@given(q=QUERY, params=PARAMS)
def test_search_page_never_500(fuzz_app, q, params):
    response = fuzz_app.test_client().get("/", query_string=[("q", q), *params])
    check_answer(response)


@FUZZ
@given(article_id=ANY_TEXT.filter(lambda s: s not in ("", ".", "..")), q=QUERY)
def test_article_never_500(fuzz_app, article_id, q):
    client = fuzz_app.test_client()
    from urllib.parse import quote

    path = quote(article_id, safe="")
    check_answer(client.get(f"/api/articles/{path}", query_string={"q": q}), (200, 404))
    check_answer(client.get(f"/articles/{path}", query_string={"q": q}), (200, 404))


ARABIC_WORD = st.text(
    st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"), min_size=2, max_size=12
)


@FUZZ
@given(words=st.lists(ARABIC_WORD, min_size=1, max_size=4))
def test_plain_words_are_never_rejected(fuzz_app, words):
    """A 400 must mean the user's fault: plain Arabic words always get a 200 (a catch-all that
    turned an internal error into a 400 would otherwise hide it from the tests above)."""
    response = fuzz_app.test_client().get("/api/search", query_string={"q": " ".join(words)})
    assert response.status_code == 200, response.get_data(as_text=True)[:300]


REQUESTS = st.builds(
    SearchRequest,
    q=QUERY,
    faction=st.lists(VALUE, max_size=3).map(tuple),
    place=st.lists(VALUE, max_size=3).map(tuple),
    source=st.lists(VALUE, max_size=3).map(tuple),
    governorate=st.lists(VALUE, max_size=2).map(tuple),
    date_from=st.one_of(st.none(), VALUE),
    date_to=st.one_of(st.none(), VALUE),
    sort=st.one_of(VALUE, st.sampled_from(["relevance", "date"])),
    page=st.integers(-5, 10**6),
    per_page=st.integers(-5, 10**4),
    exact=st.booleans(),
)


@FUZZ
@given(request=REQUESTS)
def test_service_raises_only_query_errors(fuzz_app, request):
    with fuzz_app.app_context():
        service = get_service()
    try:
        result = service.search(request)
    except QueryError as exc:
        assert str(exc)
        return
    assert result.total >= 0 and len(result.hits) <= request.per_page


@pytest.mark.parametrize(
    "raw",
    [
        "q=%ff%fe%fd",
        "q=%",
        "q=%zz",
        "page=%00",
        "per_page=1%00",
        "q=" + "%D8%A7" * 4000,
        "faction=&faction=&faction=",
        "q=" + "(" * 500,
        "q=" + "%22" * 301,
        "q=" + "a*+" * 200,
        "q=title:" + "%D8%A7*" * 50,
        "from=9999-99-99&to=0000-00-00",
        "page=99999999999999999999999",
    ],
)
def test_raw_query_strings(fuzz_app, raw):
    client = fuzz_app.test_client()
    check_answer(client.get("/api/search?" + raw))
    check_answer(client.get("/?" + raw))
