"""Find an article's date, as an ISO 'YYYY-MM-DD' string, in its metadata or its text.

Pure str -> str rules, no Whoosh. Handles ISO dates ('2018-02-09', '2018-02-09T10:00Z'),
day/month/year with slashes or dots, Arabic month names in the Levantine series (شباط)
and the Egyptian/Western series (فبراير), both together ('شباط/فبراير', 'شباط (فبراير)'),
Arabic-Indic digits and a leading weekday:
    '٩ فبراير ٢٠١٨'               -> '2018-02-09'
    'الجمعة 9 شباط/فبراير 2018'    -> '2018-02-09'
    'التاسع من شباط 2018' is not read: ordinal words are left for later.
"""

import re
from datetime import date

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
LEVANTINE = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)
WESTERN = (
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
)
VARIANTS = {
    "إبريل": 4,
    "ابريل": 4,
    "اذار": 3,
    "ايار": 5,
    "ايلول": 9,
    "يونيه": 6,
    "يوليه": 7,
    "اغسطس": 8,
    "اكتوبر": 10,
    "تشرين اول": 10,
    "تشرين ثاني": 11,
    "كانون اول": 12,
    "كانون ثاني": 1,
    "تشرين الاول": 10,
    "كانون الاول": 12,
}
MONTHS = {
    **{n: i for i, n in enumerate(LEVANTINE, 1)},
    **{n: i for i, n in enumerate(WESTERN, 1)},
    **VARIANTS,
}
MONTH_RE = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
TEXT_DATE_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?({MONTH_RE})"
    rf"(?:\s*[/(\-]\s*(?:{MONTH_RE})\s*\)?)?\s*(?:عام|سنة)?\s*,?\s*(\d{{4}})(?!\d)"
)
ISO_RE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
DMY_RE = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
TEXT_HEAD_CHARS = 400
YEARS = range(1900, 2101)


def to_ascii_digits(text):
    """'٢٠١٨' -> '2018'."""
    return text.translate(DIGITS)


def make_date(year, month, day):
    """'YYYY-MM-DD' for a real calendar day in a plausible year, else None."""
    year, month, day = int(year), int(month), int(day)
    if year not in YEARS:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def first_date(text):
    """The first date written anywhere in `text`, or None."""
    text = to_ascii_digits(text)
    found = []
    for m in TEXT_DATE_RE.finditer(text):
        found.append((m.start(), make_date(m.group(3), MONTHS[m.group(2)], m.group(1))))
    for m in ISO_RE.finditer(text):
        found.append((m.start(), make_date(m.group(1), m.group(2), m.group(3))))
    for m in DMY_RE.finditer(text):
        found.append((m.start(), make_date(m.group(3), m.group(2), m.group(1))))
    dates = [d for _, d in sorted(found) if d]
    return dates[0] if dates else None


def parse_date(value):
    """A metadata date ('2018-02-09', '09/02/2018', '٩ فبراير ٢٠١٨', ...) as 'YYYY-MM-DD', or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    return first_date(value)


def date_from_text(title, text):
    """A date written near the top of an article (title, then its first lines), or None."""
    return first_date(f"{title}\n{text[:TEXT_HEAD_CHARS]}")
