"""Dates from metadata and text: golden table of written forms -> ISO day."""

import pytest

from indexer.inputs.dates import date_from_text, parse_date, to_ascii_digits

GOLDEN = [
    ("٩ فبراير ٢٠١٨", "2018-02-09"),  # seed 003: Arabic-Indic digits, Western month
    ("٩ فبراير ٢٠١٨قال المرصد", "2018-02-09"),  # glued to the next word
    ("الجمعة 9 شباط/فبراير 2018", "2018-02-09"),  # weekday, both month series
    ("الأحد، 5 أيار 2013", "2013-05-05"),
    ("12 آذار (مارس) 2019", "2019-03-12"),
    ("3 تشرين الأول 2015", "2015-10-03"),
    ("3 تشرين الثاني 2015", "2015-11-03"),
    ("1 كانون الثاني 2020", "2020-01-01"),
    ("25 كانون الأول 2011", "2011-12-25"),
    ("7 من شهر تموز عام 2016", "2016-07-07"),
    ("15 أغسطس 2014", "2014-08-15"),
    ("15 اغسطس 2014", "2014-08-15"),
    ("1 إبريل 2017", "2017-04-01"),
    ("2018-02-09", "2018-02-09"),
    ("2018-02-09T10:30:00Z", "2018-02-09"),
    ("2018/2/9", "2018-02-09"),
    ("09/02/2018", "2018-02-09"),  # day/month/year
    ("٠٩/٠٢/٢٠١٨", "2018-02-09"),
    ("31 شباط 2018", None),  # not a calendar day
    ("2018-13-01", None),
    ("12 آذار", None),  # no year: not a date we can store
    ("في عام 2018", None),
    ("", None),
]


@pytest.mark.parametrize("written, expected", GOLDEN)
def test_parse_date_golden(written, expected):
    assert parse_date(written) == expected


def test_non_strings_are_not_dates():
    assert parse_date(None) is None
    assert parse_date(20180209) is None


def test_digits_folded():
    assert to_ascii_digits("٢٠١٨ ۱۹") == "2018 19"


def test_date_from_text_takes_the_first_date_near_the_top():
    text = "قالت مصادر يوم 10 نيسان 2017 إن ... وكانت المعارك بدأت في 1 آذار 2011."
    assert date_from_text("عنوان", text) == "2017-04-10"


def test_date_far_down_the_text_is_not_taken():
    assert date_from_text("عنوان", "كلام " * 200 + "10 نيسان 2017") is None
