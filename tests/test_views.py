"""The HTML pages through Flask's test client."""


def test_search_page_is_rtl_with_marked_snippets(client):
    html = client.get("/", query_string={"q": "إدلب"}).get_data(as_text=True)
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "<mark>إدلب</mark>" in html


def test_article_page_highlights(client):
    html = client.get("/articles/003_3aa9d2893f9c7816", query_string={"q": "داعش"}).get_data(as_text=True)
    assert "<mark>داعش</mark>" in html


def test_unknown_article_page_is_404(client):
    response = client.get("/articles/nope")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.get_data(as_text=True)
