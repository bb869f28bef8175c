"""Entity pages and their JSON twins, and the map of a place's page, on the seed index:
whole expected lists (ids, counts, links), as the seeds' extraction gives them."""

import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from searchapp.search.explore import Explorer
from searchapp.web.service import get_service

AHRAR = "/entities/faction/ahrar-al-sham"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.found.append(dict(attrs))


def anchors(html, **wanted):
    """The attributes of every <a> with the `wanted` attribute values (class_ for class)."""
    parser = Anchors()
    parser.feed(html)
    wanted = {k.rstrip("_"): v for k, v in wanted.items()}
    return [a for a in parser.found if all(a.get(k) == v for k, v in wanted.items())]


def hrefs(html, **wanted):
    return [a["href"] for a in anchors(html, **wanted)]


def query_of(href):
    return parse_qsl(urlsplit(href).query)


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_the_json_twin_is_the_explorers_page(app, client):
    body = client.get("/api/entities/faction/ahrar-al-sham").get_json()
    with app.app_context():
        expected = Explorer(get_service()).entity("faction", "ahrar-al-sham").to_json()
    assert body == expected
    assert body["entity"]["id"] == "ahrar-al-sham" and body["total"] == 3
    assert body["family"] == {
        "merged_into": [
            {
                "id": "syrian-liberation-front",
                "ar": "جبهة تحرير سوريا",
                "en": "Syrian Liberation Front",
                "label_ar": "جبهة تحرير سوريا",
                "label_en": "Syrian Liberation Front",
                "kind": "islamist",
            }
        ],
        "formed_from (of)": [
            {
                "id": "syrian-liberation-front",
                "ar": "جبهة تحرير سوريا",
                "en": "Syrian Liberation Front",
                "label_ar": "جبهة تحرير سوريا",
                "label_en": "Syrian Liberation Front",
                "kind": "islamist",
            }
        ],
    }
    assert [(v["id"], v["count"]) for v in body["companions"]["faction"]] == [
        ("syrian-government-forces", 3),  # most frequent first, then by English name
        ("jaish-idlib-al-hurr", 2),  # Free Idlib Army
        ("fsa", 2),  # Free Syrian Army
        ("isis", 2),  # Islamic State
        ("faylaq-al-sham", 2),  # Sham Legion
        ("nusra-front", 1),  # al-Nusra Front
        ("al-qaeda", 1),
        ("hts", 1),  # Hayat Tahrir al-Sham
        ("hezbollah", 1),
    ]
    assert [h["id"] for h in body["latest"]] == [
        "003_3aa9d2893f9c7816",
        "000_2c7293c722d30dd8",
        "002_1288dcea63f858e0",
    ]
    assert body["histogram"] == [{"month": "2018-02", "count": 1}]


def test_a_governorate_counts_every_place_inside_it(client):
    body = client.get("/api/entities/place/idlib-governorate").get_json()
    assert body["total"] == 5 and body["family"] == {}
    assert [(v["id"], v["count"]) for v in body["companions"]["place"]] == [
        ("aleppo-governorate", 4),  # most frequent first, then by English name
        ("sa-4295", 3),  # Idlib (the city)
        ("hama-governorate", 2),
        ("sa-4074", 1),  # Abu Dali
        ("kx-1", 1),  # Abu Hreif
        ("sy070001", 1),  # Abul Thohur
        ("sa15-168", 1),  # Al-Fardos
        ("kx-10", 1),  # Al-Hamdaniyah
        ("kx-6", 1),  # Al-Hasian
    ]


@pytest.mark.parametrize(
    "url, message",
    [
        ("/api/entities/faction/nobody", "There is no faction with the id “\u2068nobody\u2069”."),
        ("/api/entities/place/isis", "There is no place with the id “\u2068isis\u2069”."),
        (
            "/api/entities/publisher/nobody.example",
            "There is no publisher with the id “\u2068nobody.example\u2069”.",
        ),
        (
            "/api/entities/people/x",
            "There is no list named “\u2068people\u2069”; the lists are faction, place, source and publisher.",
        ),
    ],
)
def test_unknown_facet_or_id_is_a_404_in_the_error_shape(client, url, message):
    response = client.get(url + "?lang=en")
    assert response.status_code == 404
    assert response.get_json() == {"error": {"code": "not_found", "message": message}}
    page = client.get(url.replace("/api", "") + "?lang=ar")
    assert page.status_code == 404
    assert "لا يوجد" in page.get_data(as_text=True) or "لا توجد" in page.get_data(as_text=True)


def test_the_page_names_the_entity_and_its_kind(client):
    html = html_of(client, AHRAR + "?lang=en")
    assert re.search(r"<h1><bdi class=\"ar\"[^>]*>حركة أحرار الشام</bdi> <bdi class=\"en\"", html)
    assert (
        '<p class="kind">Faction<span class="sep" aria-hidden="true">·</span>Islamist group</p>'
        in html
    )
    assert "Also known as" in html and '<bdi dir="auto">أحرار الشام</bdi>' in html
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    assert title == "حركة أحرار الشام · Ahrar al-Sham · Khabar"
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', html)
    assert twin.group(1) == "/api/entities/faction/ahrar-al-sham"


def test_the_family_links_to_each_relatives_page(client):
    family = section(html_of(client, AHRAR), "family-h")
    assert re.findall(r"<dt>(.*?)</dt>", family) == ["اندمج في", "شارك في تشكيل"]
    assert hrefs(family) == ["/entities/faction/syrian-liberation-front"] * 2
    place = section(html_of(client, "/entities/place/sy0700"), "family-h")
    assert re.findall(r"<dt>(.*?)</dt>", place) == ["المحافظة"]
    assert hrefs(place) == ["/entities/place/idlib-governorate"]


def test_each_companion_links_to_the_search_for_both(client):
    html = html_of(client, AHRAR)
    companions = section(html, "companions-h")
    links = [a["href"] for a in anchors(companions) if a["href"].startswith("/?")]
    assert [query_of(h) for h in links[:3]] == [
        [("q", "faction:ahrar-al-sham"), ("faction", "syrian-government-forces")],
        [("q", "faction:ahrar-al-sham"), ("faction", "jaish-idlib-al-hurr")],
        [("q", "faction:ahrar-al-sham"), ("faction", "fsa")],
    ]
    assert [dict(query_of(h)).get("place") for h in links if "place=" in h] == [
        "aleppo-governorate",  # the one order: most frequent first, then by English name
        "idlib-governorate",
        "hama-governorate",
        "sa-4074",
        "sy070001",
        "kx-10",
        "kx-6",
        "kx-5",
        "kx-3",
        "sa-4099",
    ]
    assert len(links) == 9 + 10 + 10 and all(
        h.startswith("/?q=faction%3Aahrar-al-sham&") for h in links
    )
    texts = re.findall(
        r'<span class="count">(\d+)<span class="visually-hidden"> ([^<]+)</span>', companions
    )
    assert texts[0] == ("3", "مقالة تذكرهما معاً") and len(texts) == 29
    # each companion also links to its own page
    pages = hrefs(companions, class_="entity-link")
    assert [h for h in hrefs(companions) if h.startswith("/entities/")] == pages
    assert pages[0] == "/entities/faction/syrian-government-forces" and len(pages) == 29


def test_a_companion_link_finds_as_many_articles_as_it_says(client):
    """q=faction:ahrar-al-sham&place=X: the articles tagged with both, as counted."""
    html = html_of(client, AHRAR)
    pairs = re.findall(
        r'<a href="(/\?q=[^"]+)">.*?<span class="count">(\d+)<',
        section(html, "companions-h"),
    )
    assert len(pairs) == 29
    for href, count in pairs:
        body = client.get("/api/search?" + unescape(href).split("?", 1)[1]).get_json()
        assert body["total"] == int(count), href


def test_timeline_bars_search_the_entity_in_that_month(client):
    html = html_of(client, AHRAR)
    timeline = section(html, "timeline-h")
    assert "الذكر عبر الزمن" in timeline
    assert hrefs(timeline, class_="month") == [
        "/?q=faction%3Aahrar-al-sham&from=2018-02-01&to=2018-02-28"
    ]


def test_latest_and_relevant_articles_link_to_their_pages(client):
    html = html_of(client, AHRAR)
    latest = hrefs(section(html, "latest-h"))
    assert latest == [
        "/articles/003_3aa9d2893f9c7816?q=faction%3Aahrar-al-sham",
        "/articles/000_2c7293c722d30dd8?q=faction%3Aahrar-al-sham",
        "/articles/002_1288dcea63f858e0?q=faction%3Aahrar-al-sham",
    ]
    relevant = hrefs(section(html, "relevant-h"))
    assert [h.split("?")[0].rsplit("/", 1)[1] for h in relevant] == [
        "002_1288dcea63f858e0",
        "000_2c7293c722d30dd8",
        "003_3aa9d2893f9c7816",
    ]
    header = html[html.index('class="entity-links"') :]
    assert hrefs(header, class_="all") == ["/?q=faction%3Aahrar-al-sham"]
    assert "/trends?q=faction:ahrar-al-sham" in header


def map_points(html):
    """(data-id, href, aria-label) of every circle of a map."""
    return [
        (a["data-id"], a["href"], a["aria-label"])
        for a in anchors(html)
        if a.get("class", "").startswith("point")
    ]


def test_a_place_page_maps_the_places_named_with_it(client):
    html = html_of(client, "/entities/place/sa-4295")  # the city of Idlib
    points = map_points(section(html, "map-h"))
    near = ("aleppo-governorate", "damascus-governorate", "kx-1", "kx-8", "sa-2158", "sa-3936")
    near += ("sa-4001", "sa-4099", "sa-4117", "sa-716", "sa-923", "sa15-168", "sa15-4")
    assert [(i, h) for i, h, _ in points] == [
        ("idlib-governorate", "/?q=place%3Asa-4295&place=idlib-governorate"),
        ("sa-4295", "/?q=place%3Asa-4295"),
        *((i, f"/?q=place%3Asa-4295&place={i}") for i in (*near, "sa15-79", "sy070201")),
    ]
    assert points[0][2] == "محافظة إدلب (Idlib Governorate): 3 مقالة"
    assert 'class="point current"' in html and 'class="area"' not in html
    governorate = html_of(client, "/entities/place/idlib-governorate")
    assert '<path class="area" d="M' in governorate  # its area drawn as chosen
    assert "map-h" not in html_of(client, AHRAR)  # a faction has no map


def test_trends_link_from_the_search_and_the_entity(client):
    html = html_of(client, "/?q=%D8%A5%D8%AF%D9%84%D8%A8")
    assert '<a class="compare" href="/trends?q=%D8%A5%D8%AF%D9%84%D8%A8">' in html
    assert 'class="compare"' not in html_of(client, "/")  # nothing typed, nothing to compare
