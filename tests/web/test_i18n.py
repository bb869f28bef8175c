"""Interface labels, numbers and dates in Arabic and English."""

from searchapp.web import i18n


def test_i18n_formats():
    assert i18n.format_number(31512) == "31,512" and i18n.format_number(12.345) == "12.3"
    assert i18n.format_date("2018-02-09", "ar") == "9 شباط 2018"
    assert i18n.format_date("2018-02-09", "en") == "9 February 2018"
    assert i18n.format_month("2018-12", "ar") == "كانون الأول 2018"
    assert i18n.choose_lang("fr", "en") == "en" and i18n.choose_lang(None, None) == "ar"
    assert {len(v) for v in i18n.LABELS.values()} == {2}
