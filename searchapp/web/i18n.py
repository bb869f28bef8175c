"""Interface labels in Arabic (default) and English, and how numbers and dates are shown.

Facet values always show both names; only the interface labels switch language.
Numbers use Western digits with a thin grouping comma in both languages, so a count
reads the same whichever language the labels are in (e.g. 31,512).
"""

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"
COOKIE = "khabar_lang"

LABELS = {
    "brand": ("خبر", "Khabar"),
    "search_label": ("ابحث في أرشيف الأخبار", "Search the news archive"),
    "search_placeholder": ('مثال: إدلب، داعش، "جيش الفتح"', 'e.g. Idlib, ISIS, "Jaish al-Fatah"'),
    "search_button": ("بحث", "Search"),
    "results_count": ("{n} نتيجة", "{n} results"),
    "took_ms": ("خلال {ms} ملّي ثانية", "in {ms} ms"),
    "took_s": ("خلال {s} ثانية", "in {s} s"),
    "relaxed": (
        "لا توجد مقالات تضم كل الكلمات؛ نعرض المقالات التي تضم بعضها.",
        "No article has all the words; showing articles with some of them.",
    ),
    "dropped": ("الكلمات التي لم تجتمع مع البقية:", "Words not found with the others:"),
    "partial": ("انتهت مهلة البحث؛ النتائج جزئية.", "The search timed out; results are partial."),
    "did_you_mean": ("هل تقصد:", "Did you mean:"),
    "expansions": ("شمل البحث أيضاً:", "Also searched for:"),
    "facets_heading": ("تصفية النتائج", "Filter results"),
    "faction": ("الفصائل", "Factions"),
    "place": ("الأماكن", "Places"),
    "source": ("المصادر", "Sources"),
    "publisher": ("الناشرون", "Publishers"),
    "governorate": ("المحافظة", "Governorate"),
    "more": ("المزيد", "More"),
    "filter_values": ("ابحث في القائمة", "Filter this list"),
    "apply": ("تطبيق", "Apply"),
    "active_filters": ("عوامل التصفية", "Active filters"),
    "remove_filter": ("إزالة", "Remove"),
    "clear_all": ("مسح الكل", "Clear all"),
    "timeline": ("الخط الزمني", "Timeline"),
    "timeline_desc": (
        "عدد المقالات في كل شهر؛ اختر شهراً لعرض مقالاته.",
        "Articles per month; choose a month to see its articles.",
    ),
    "bar_label": ("{month}: {n} مقالة", "{month}: {n} articles"),
    "no_dates": ("لا توجد تواريخ لهذه النتائج.", "These results have no dates."),
    "date_range": ("الفترة", "Date range"),
    "date_hint": ("سنة أو شهر أو يوم:", "A year, month or day:"),
    "date_from": ("من", "From"),
    "date_to": ("إلى", "To"),
    "sort": ("الترتيب", "Sort"),
    "sort_relevance": ("الأكثر صلة", "Relevance"),
    "sort_date": ("الأحدث", "Newest"),
    "pagination": ("الصفحات", "Pages"),
    "prev": ("السابق", "Previous"),
    "next": ("التالي", "Next"),
    "page_n": ("صفحة {n}", "Page {n}"),
    "results": ("النتائج", "Results"),
    "no_results": ("لم نجد مقالات تطابق بحثك.", "No articles match your search."),
    "no_results_hint": (
        "جرّب كلمات أقل أو أزل بعض عوامل التصفية.",
        "Try fewer words or remove some filters.",
    ),
    "start_hint": (
        "اكتب كلمة أو اسماً للبحث في الأرشيف.",
        "Type a word or a name to search the archive.",
    ),
    "no_date": ("بلا تاريخ", "undated"),
    "unknown_source": ("مصدر غير معروف", "unknown source"),
    "back": ("العودة إلى النتائج", "Back to the results"),
    "original": ("المصدر الأصلي", "Original article"),
    "entities": ("الكيانات المذكورة", "Entities mentioned"),
    "more_entities": ("+{n} أخرى", "+{n} more"),
    "add_filter": ("أضف عامل التصفية: {name}", "Add filter: {name}"),
    "error_title": ("حدث خطأ", "Something went wrong"),
    "back_to_search": ("العودة إلى البحث", "Back to search"),
    "language": ("English", "العربية"),
    "language_title": ("Switch the interface to English", "التبديل إلى العربية"),
    "help": ("طريقة البحث", "Search syntax"),
    "feed": (
        "خلاصة أحدث المقالات لهذا البحث (Atom)",
        "Newest articles for this search (Atom feed)",
    ),
    "skip_main": ("انتقل إلى المحتوى", "Skip to the content"),
    "skip_results": ("انتقل إلى النتائج", "Skip to results"),
    "skip_filters": ("انتقل إلى عوامل التصفية", "Skip to filters"),
    "skip_article": ("انتقل إلى نص المقال", "Skip to the article"),
    "results_for": ("نتائج البحث عن", "Results for"),
    "all_articles": ("كل المقالات", "All articles"),
    "until_month": ("حتى {month}: {n} مقالة", "Until {month}: {n} articles"),
    "since_month": ("منذ {month}: {n} مقالة", "From {month} on: {n} articles"),
    "earlier": ("قبل ذلك", "Earlier"),
    "later": ("بعد ذلك", "Later"),
    "timeline_keys": (
        "الأشهر روابط؛ تنقّل بينها بالأسهم.",
        "The months are links; move between them with the arrow keys.",
    ),
    "values_range": ("{first}–{last} من {total}", "{first}–{last} of {total}"),
    "prev_values": ("السابقة", "Previous"),
    "next_values": ("التالية", "Next"),
    "fewer": ("أقل", "Fewer"),
    "no_match": ("لا توجد قيمة تطابق «{text}».", "No value matches “{text}”."),
    "found_values": ("{n} قيمة تطابق «{text}».", "{n} values match “{text}”."),
    "page_word": ("صفحة", "Page"),
    "first_match": ("انتقل إلى أول تطابق", "Go to the first match"),
    # entity pages, the map, trends
    "entity_page_of": ("صفحة {name}", "Page of {name}"),
    "compare_link": ("قارن عبر الزمن", "Compare over time"),
    "mentions": ("الذكر عبر الزمن", "Mentions over time"),
    "aliases": ("يُعرف أيضاً باسم", "Also known as"),
    "entity_articles": ("كل المقالات ({n})", "All {n} articles"),
    "latest": ("أحدث المقالات", "Latest articles"),
    "relevant": ("المقالات الأكثر صلة", "Most relevant articles"),
    "no_articles": ("لا توجد مقالات.", "No articles."),
    "family": ("صلات", "Related"),
    "companions": ("يُذكر معه", "Named with it"),
    "companions_hint": (
        "الأكثر ذكراً في مقالاته؛ اختر واحداً لعرض المقالات التي تذكرهما معاً.",
        "Named most often in its articles; choose one to see the articles naming both.",
    ),
    "companion_count": ("مقالة تذكرهما معاً", "articles naming both"),
    "map": ("الخريطة", "Map"),
    "map_around": ("الأماكن التي تُذكر معه", "Places named with it"),
    "map_desc": (
        "دائرة لكل مكان ذُكر في النتائج، مساحتها بعدد المقالات؛ اختر دائرة لتصفية النتائج بمكانها.",
        "A circle for each place named in the results, its area by the number of articles; "
        "choose one to filter the results by it.",
    ),
    "map_desc_entity": (
        "دائرة لكل مكان ذُكر معه، مساحتها بعدد المقالات؛ اختر دائرة لعرض المقالات التي تذكرهما معاً.",
        "A circle for each place named with it, its area by the number of articles; "
        "choose one to see the articles naming both.",
    ),
    "map_most": (
        "تظهر الأماكن الـ{shown} الأكثر ذكراً من {n}.",
        "The {shown} most named of {n} places are shown.",
    ),
    "map_keys": (
        "الدوائر روابط من الأكثر ذكراً إلى الأقل؛ تنقّل بينها بالأسهم.",
        "The circles are links, the most named first; move between them with the arrow keys.",
    ),
    "map_point": ("{name}: {n} مقالة", "{name}: {n} articles"),
    "chosen": ("مختار", "chosen"),
    "trends_title": ("المقارنة عبر الزمن", "Compare over time"),
    "trends_hint": (
        "حتى أربعة بحوث أو كيانات تُعدّ مقالاتها شهراً بشهر، مثل:",
        "Up to four searches or entities, their articles counted month by month, such as:",
    ),
    "query_n": ("البحث {n}", "Search {n}"),
    "compare_button": ("قارن", "Compare"),
    "trends_chart": ("المقالات في كل شهر", "Articles per month"),
    "trends_desc": (
        "خط لكل بحث بلونه ونمطه وعلامته؛ الأرقام في الجدول أدناه.",
        "A line per search, each with its own colour, dash pattern and marker; "
        "the numbers are in the table below.",
    ),
    "style_0": ("خط متصل بدوائر", "solid line with circles"),
    "style_1": ("خط متقطع بمربعات", "dashed line with squares"),
    "style_2": ("خط منقّط بمثلثات", "dotted line with triangles"),
    "style_3": ("خط شرطة ونقطة بمعينات", "dash-dot line with diamonds"),
    "trends_table": ("الأرقام شهراً بشهر", "The numbers, month by month"),
    "month": ("الشهر", "Month"),
    "trends_outside": (
        "{n} مقالة في أشهر بعيدة عن البقية تظهر في الجدول لا في الرسم.",
        "{n} articles in months far from the rest are in the table, not drawn.",
    ),
    "trends_empty": ("لا توجد مقالات مؤرخة لهذه البحوث.", "These searches have no dated articles."),
    "download": ("تنزيل", "Download"),
}

# The search syntax, as the help under the search box shows it: (examples, Arabic, English).
HELP = (
    (("قصف حلب",), "كل الكلمات مطلوبة، بأي صيغة: والقصف، بحلب", "every word, in any form"),
    (("حلب OR إدلب", "حلب أو إدلب"), "إحدى الكلمتين", "either word"),
    (
        ("قصف -روسيا", "قصف NOT روسيا"),
        "الكلمة الأولى دون الثانية",
        "the first word without the second",
    ),
    (('"وقف إطلاق النار"',), "العبارة كما هي", "the exact phrase"),
    (
        ("مفاوض*",),
        "كلمات تبدأ بـ«مفاوض» (حرفان على الأقل)",
        "words starting with مفاوض (2+ letters)",
    ),
    (("=قصف",), "الكلمة نفسها دون صيغها الأخرى", "this very word, not its other forms"),
    (("title:هدنة",), "الكلمة في العنوان", "the word in the title"),
    (
        ("faction:isis", "place:إدلب", "source:reuters"),
        "المقالات الموسومة بفصيل أو مكان أو مصدر",
        "articles tagged with a faction, place or source",
    ),
    (
        ("date:2017-03", "date:[2017-01 TO 2017-06]"),
        "شهر أو سنة، أو فترة",
        "a month or year, or a range",
    ),
)

MONTHS = {
    "ar": (
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
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def choose_lang(arg, cookie):
    """The ?lang= argument wins, then the cookie, then Arabic."""
    for candidate in (arg, cookie):
        if candidate in LANGS:
            return candidate
    return DEFAULT_LANG


def translator(lang):
    """t(key, **values) -> the label in `lang`; an unknown key is a programming error."""
    index = LANGS.index(lang)

    def t(key, **values):
        text = LABELS[key][index]
        return text.format(**values) if values else text

    return t


def format_number(n):
    """1234 -> '1,234'; 12.345 -> '12.3' (the same digits in both languages)."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.1f}"
    return f"{int(n):,}"


def format_took(ms, lang):
    """How long a search took, in a few digits: 5.62 -> 'in 5.6 ms', 17.3 -> 'in 17 ms',
    5426.7 -> 'in 5.4 s' (never '5,426.7 ms')."""
    t = translator(lang)
    if ms >= 999.5:  # what would round to 1000 ms
        return t("took_s", s=f"{ms / 1000:.1f}")
    return t("took_ms", ms=f"{ms:.1f}" if ms < 10 else str(round(ms)))


def format_month(month, lang):
    """'2018-02' -> 'شباط 2018' / 'February 2018'; anything else unchanged."""
    try:
        year, number = month[:7].split("-")
        return f"{MONTHS[lang][int(number) - 1]} {year}"
    except (ValueError, IndexError, AttributeError):
        return month or ""


def format_date(date, lang):
    """'2018-02-09' -> '9 شباط 2018' / '9 February 2018'; a bare month or year as given."""
    if not date:
        return ""
    parts = date[:10].split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        day = int(parts[2])
        return f"{day} {format_month(date, lang)}" if day else format_month(date, lang)
    if len(parts) == 2:
        return format_month(date, lang)
    return date
