"""The timeline: the dense range of months, buckets for outliers, a count scale, reading order."""

from searchapp.web.timeline import (
    CHART_HEIGHT,
    CHART_WIDTH,
    dense_range,
    nice_top,
    scale,
    timeline,
)

# The whole ANT archive: a few articles from 2012-2017, the rest in 2018.
ANT = {
    "2012-10": 3,
    "2013-01": 1,
    "2013-07": 3,
    "2013-12": 20,
    "2014-01": 19,
    "2014-02": 10,
    "2017-02": 1,
    "2017-12": 1,
    "2018-01": 85,
    "2018-02": 2265,
    "2018-03": 4774,
    "2018-04": 4588,
    "2018-05": 5018,
    "2018-06": 4415,
    "2018-07": 3395,
    "2018-08": 2046,
    "2018-09": 1372,
    "2018-10": 2017,
}


def histogram(counts):
    return [{"month": m, "count": c} for m, c in counts.items()]


def test_the_axis_covers_the_dense_range_and_outliers_go_to_one_bucket():
    assert dense_range(ANT) == ("2018-02", "2018-10")
    chart = timeline(histogram(ANT))
    assert (chart.first, chart.last) == ("2018-01", "2018-12")  # padded to a year
    assert (chart.earlier, chart.later) == (58, 0)
    kinds = [b.kind for b in chart.bars]
    assert kinds == ["earlier"] + ["month"] * 12
    assert [b.month for b in chart.bars[1:]][:3] == ["2018-01", "2018-02", "2018-03"]
    assert chart.bars[0].month == "2017-12" and chart.bars[0].count == 58
    assert sum(b.count for b in chart.bars) == sum(ANT.values())  # every article is drawn


def test_a_later_bucket_mirrors_the_earlier_one():
    counts = {"2016-01": 50, "2016-02": 60, "2016-03": 40, "2019-06": 1}
    chart = timeline(histogram(counts), rtl=False)
    assert [b.kind for b in chart.bars][-1] == "later" and chart.later == 1
    assert chart.bars[-1].month == "2016-09" and chart.last == "2016-08"
    assert chart.bars[-1].x + chart.bars[-1].width <= CHART_WIDTH
    assert all(a.x < b.x for a, b in zip(chart.bars, chart.bars[1:]))


def test_spread_dates_keep_every_month():
    counts = {f"2017-{m:02d}": 10 for m in range(1, 13)} | {"2018-01": 1}
    assert dense_range(counts) == ("2017-01", "2018-01")  # cutting 1 month would not halve it
    chart = timeline(histogram(counts))
    assert (chart.earlier, chart.later) == (0, 0) and len(chart.bars) == 13
    few = timeline(histogram({"2018-02": 4, "2018-04": 2}))
    assert (few.first, few.last, len(few.bars)) == ("2017-10", "2018-09", 12)


def test_time_runs_in_the_reading_direction():
    counts = {"2018-02": 4, "2018-04": 2}
    rtl = {b.month: b.x for b in timeline(histogram(counts)).bars}
    ltr = {b.month: b.x for b in timeline(histogram(counts), rtl=False).bars}
    assert rtl["2018-02"] > rtl["2018-04"] and ltr["2018-02"] < ltr["2018-04"]


def test_count_scale_has_a_round_top_and_gridlines():
    assert [nice_top(n) for n in (1, 3, 7, 87, 188, 5018)] == [1, 3, 8, 100, 200, 6000]
    assert scale(6000) == [6000, 3000, 0] and scale(5) == [5, 0] and scale(1) == [1, 0]
    chart = timeline(histogram({"2018-02": 4, "2018-04": 3}))
    assert chart.top == 4 and chart.ticks == [(4, 0.0), (2, 60.0), (0, CHART_HEIGHT)]
    heights = {b.month: b.height for b in chart.bars}
    assert (
        heights["2018-02"] == CHART_HEIGHT and heights["2018-04"] == 90 and heights["2018-03"] == 0
    )
    tiny = timeline(histogram(ANT)).bars[0]
    assert 0 < tiny.height < 5  # a bucket of 58 beside months of 5,000 still shows


def test_no_dates_no_timeline():
    assert not timeline([]) and not timeline(None) and not timeline([{"month": "", "count": 3}])
