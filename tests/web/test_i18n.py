"""Interface labels, numbers and dates in Arabic and English."""

from searchapp.web import i18n


def test_i18n_formats():
    assert i18n.format_number(31512) == "31,512" and i18n.format_number(12.345) == "12.3"
    assert i18n.format_date("2018-02-09", "ar") == "9 شباط 2018"
    assert i18n.format_date("2018-02-09", "en") == "9 February 2018"
    assert i18n.format_month("2018-12", "ar") == "كانون الأول 2018"
    assert i18n.choose_lang("fr", "en") == "en" and i18n.choose_lang(None, None) == "ar"
    assert {len(v) for v in i18n.LABELS.values()} == {2}


def test_the_timer_shows_a_few_digits():
    assert i18n.format_took(5.62, "en") == "in 5.6 ms"
    assert i18n.format_took(17.3, "en") == "in 17 ms"
    assert i18n.format_took(5426.7, "en") == "in 5.4 s"
    assert i18n.format_took(5426.7, "ar") == "خلال 5.4 ثانية"
    assert i18n.format_took(999.4, "ar") == "خلال 999 ملّي ثانية"
    assert i18n.format_took(999.6, "ar") == "خلال 1.0 ثانية"


def test_the_help_covers_every_operator():
    examples = " ".join(e for row in i18n.HELP for e in row[0])
    for operator in (
        "OR",
        "أو",
        "-",
        "NOT",
        '"',
        "*",
        "=",
        "title:",
        "faction:",
        "place:",
        "source:",
        "date:",
    ):
        assert operator in examples, operator
    assert all(ar != en for _, ar, en in i18n.HELP)
