"""Compare over time: the chart's geometry, the table, and /trends, /api/trends and
/api/trends.csv on the fixture corpus (dated 2016-12 to 2017-03, test entities)."""

import csv
import io
import re

import pytest
from werkzeug.datastructures import MultiDict

from indexer.errors import QueryError
from searchapp.search.explore import Trend
from searchapp.web.trends import (
    HEIGHT,
    PAD,
    WIDTH,
    marker_path,
    queries_param,
    table,
    trend_chart,
)

QUERIES = "q=faction:t-fa&q=%D9%87%D8%AF%D9%86%D8%A9&q=&q=governorate:t-g2"  # هدنة, an empty box


def hist(**counts):
    return [{"month": m.replace("_", "-")[1:], "count": n} for m, n in counts.items()]


def test_queries_are_the_non_empty_boxes_four_at_most():
    assert queries_param(MultiDict([("q", " a "), ("q", ""), ("q", "b")])) == ["a", "b"]
    assert queries_param(MultiDict()) == []
    with pytest.raises(QueryError) as error:
        queries_param(MultiDict([("q", "a")] * 3 + [("q", "")] * 2))
    assert error.value.code == "too_many_queries"


def test_the_table_has_every_month_from_the_first_to_the_last():
    trends = [
        Trend("a", 3, hist(m2017_01=2, m2017_03=1)),
        Trend("b", 1, hist(m2016_12=1)),
    ]
    assert table(trends) == (
        ["2016-12", "2017-01", "2017-02", "2017-03"],
        [["2016-12", 0, 1], ["2017-01", 2, 0], ["2017-02", 0, 0], ["2017-03", 1, 0]],
    )
    assert table([Trend("undated", 2, [])]) == ([], [])


def test_lines_run_in_the_reading_direction_on_a_shared_scale():
    trends = [Trend("a", 3, hist(m2017_01=4, m2017_12=2)), Trend("b", 1, hist(m2017_06=1))]
    rtl, ltr = trend_chart(trends, rtl=True), trend_chart(trends, rtl=False)
    assert (rtl.first, rtl.last, rtl.top) == ("2017-01", "2017-12", 4)
    assert rtl.ticks == [(4, PAD), (2, HEIGHT / 2), (0, HEIGHT - PAD)]
    first_rtl = rtl.series[0].line.split(" ")[:2]
    first_ltr = ltr.series[0].line.split(" ")[:2]
    assert first_rtl == [f"M{WIDTH - PAD}.0", f"{PAD}.0"]  # January, at the top, on the right
    assert first_ltr == [f"M{PAD}.0", f"{PAD}.0"]  # on the left in English
    assert [(s.style, s.marker) for s in rtl.series] == [(0, "circle"), (1, "square")]
    assert [m.month for m in rtl.series[1].markers] == [f"2017-{n:02d}" for n in range(1, 13)]


def test_a_long_axis_marks_every_kth_month_each_series_at_its_own_phase():
    months = {f"m{2010 + i // 12}_{i % 12 + 1:02d}": 1 for i in range(96)}  # 8 years
    trends = [Trend(q, 96, hist(**months)) for q in "abcd"]
    chart = trend_chart(trends)
    firsts = [s.markers[0].month for s in chart.series]
    assert [len(s.markers) for s in chart.series] == [24, 24, 24, 24]  # every 4th of 96
    assert firsts == ["2010-01", "2010-02", "2010-03", "2010-04"]


def test_far_outliers_are_counted_beside_the_chart():
    trends = [
        Trend(
            "a", 102, hist(m2012_05=1, m2012_03=1, **{f"m2017_{n:02d}": 10 for n in range(1, 11)})
        )
    ]
    chart = trend_chart(trends)
    assert (chart.first, chart.last) == ("2016-12", "2017-11")  # ten months, padded to a year
    assert chart.series[0].outside == 2


def test_entity_queries_are_named_by_the_gazetteer(service):
    chart = trend_chart(
        [Trend("faction:t-fa", 1, hist(m2017_01=1)), Trend("هدنة", 1, hist(m2017_01=1))],
        service.gazetteer,
    )
    assert [(s.ar, s.en) for s in chart.series] == [("الفصيل الأول", "Faction A"), ("هدنة", "")]


def test_markers_are_closed_shapes_centred_on_the_point():
    assert marker_path("square", 10, 10, 5) == "M5.5 5.5h9.0v9.0h-9.0Z"
    assert marker_path("diamond", 10, 10, 4) == "M10.0 5.0L15.0 10.0L10.0 15.0L5.0 10.0Z"
    assert marker_path("circle", 10, 10, 2).startswith("M8.0 10.0a2")


def test_the_json_twin(fixture_client):
    body = fixture_client.get("/api/trends?" + QUERIES).get_json()
    assert body["months"] == ["2016-12", "2017-01", "2017-02", "2017-03"]
    assert [(t["query"], t["total"], t["histogram"]) for t in body["trends"]] == [
        (
            "faction:t-fa",
            4,
            [{"month": "2017-01", "count": 2}, {"month": "2017-03", "count": 1}],
        ),
        ("هدنة", 2, [{"month": "2016-12", "count": 1}, {"month": "2017-03", "count": 1}]),
        (
            "governorate:t-g2",
            2,
            [{"month": "2017-02", "count": 1}, {"month": "2017-03", "count": 1}],
        ),
    ]
    assert [t["entity"] and t["entity"]["id"] for t in body["trends"]] == ["t-fa", None, "t-g2"]
    assert fixture_client.get("/api/trends").get_json() == {"months": [], "trends": []}


def test_the_csv_has_a_column_per_query(fixture_client):
    response = fixture_client.get("/api/trends.csv?" + QUERIES + "&q=")
    assert response.status_code == 400  # five boxes
    response = fixture_client.get("/api/trends.csv?" + QUERIES)
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [
        ["month", "faction:t-fa", "هدنة", "governorate:t-g2"],
        ["2016-12", "0", "1", "0"],
        ["2017-01", "2", "0", "0"],
        ["2017-02", "0", "0", "1"],
        ["2017-03", "1", "1", "1"],
    ]
    guarded = fixture_client.get("/api/trends.csv?q=-قصف&q==قصف").get_data(as_text=True)
    assert guarded.splitlines()[0] == "month,'-قصف,'=قصف"


@pytest.mark.parametrize(
    "query, code",
    [
        ("q=a&q=b&q=c&q=d&q=e", "too_many_queries"),
        ("q=%22unclosed", "bad_query"),
        ("q=" + "a" * 501, "query_too_long"),
        ("q=8o" + "%1F" * 500, "query_too_long"),  # white space counts, as in a search
    ],
)
def test_bad_requests_are_400s(fixture_client, query, code):
    for path in ("/api/trends", "/api/trends.csv"):
        response = fixture_client.get(f"{path}?{query}")
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == code
    page = fixture_client.get(f"/trends?{query}&lang=en")
    assert page.status_code == 400 and 'data-code="' in page.get_data(as_text=True)


def test_the_page_draws_a_legend_a_chart_and_a_table(fixture_client):
    html = fixture_client.get("/trends?" + QUERIES).get_data(as_text=True)
    values = re.findall(r'<input type="search" name="q" value="([^"]*)"', html)
    assert values == ["faction:t-fa", "هدنة", "governorate:t-g2", ""]
    legend = html[html.index('<ul class="legend">') : html.index("</ul>", html.index("legend"))]
    assert re.findall(r'<li class="(s\d)">', legend) == ["s0", "s1", "s2"]
    assert re.findall(r'<a href="([^"]+)">', legend) == [
        "/?q=faction:t-fa",
        "/?q=%D9%87%D8%AF%D9%86%D8%A9",
        "/?q=governorate:t-g2",
    ]
    assert re.findall(r'<span class="visually-hidden">([^<]+)</span>', legend) == [
        "خط متصل بدوائر",
        "خط متقطع بمربعات",
        "خط منقّط بمثلثات",
    ]
    assert len(re.findall(r'<path class="line" d="M', html)) == 3 + 3  # lines and swatches
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>((?:<td>\d+</td>)+)</tr>', html)
    assert [(m, re.findall(r"\d+", cells)) for m, cells in rows] == [
        ("كانون الأول 2016", ["0", "1", "0"]),
        ("كانون الثاني 2017", ["2", "0", "0"]),
        ("شباط 2017", ["0", "0", "1"]),
        ("آذار 2017", ["1", "1", "1"]),
    ]
    assert (
        "/api/trends.csv?q=faction:t-fa&amp;q=%D9%87%D8%AF%D9%86%D8%A9&amp;q=governorate:t-g2"
        in html
    )
    assert re.search(r'<link rel="alternate" type="application/json" href="/api/trends\?q=', html)


def test_an_empty_page_is_a_form(fixture_client):
    html = fixture_client.get("/trends?lang=en").get_data(as_text=True)
    assert '<h1 class="page-title">Compare over time</h1>' in html
    assert html.count('name="q" value=""') == 4 and "legend" not in html
    undated = fixture_client.get("/trends?q=%D8%A8%D9%84%D8%A7&lang=en").get_data(as_text=True)
    assert "These searches have no dated articles." in undated  # بلا: only d7, undated
