"""The timeline: bars per month in reading direction."""

from searchapp.web.timeline import timeline_bars


def test_timeline_bars_pad_to_a_year_and_run_in_reading_direction():
    bars = timeline_bars([{"month": "2018-02", "count": 4}, {"month": "2018-04", "count": 2}])
    assert [b.month for b in bars][0] == "2017-10" and len(bars) == 12
    counts = {b.month: (b.count, b.height) for b in bars}
    assert (
        counts["2018-02"] == (4, 120)
        and counts["2018-04"] == (2, 60)
        and counts["2018-03"] == (0, 0)
    )
    rtl = {b.month: b.x for b in bars}
    ltr = {
        b.month: b.x
        for b in timeline_bars(
            [{"month": "2018-02", "count": 4}, {"month": "2018-04", "count": 2}], rtl=False
        )
    }
    assert rtl["2018-02"] > rtl["2018-04"] and ltr["2018-02"] < ltr["2018-04"]
    assert timeline_bars([]) == [] and timeline_bars(None) == []
