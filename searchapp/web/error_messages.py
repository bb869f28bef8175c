"""What each error says, in Arabic and English, by its stable code.

The code (`bad_date`, `not_found`, ...) is what programs rely on; the message is for a
person, in the page's language, and names the offending value where the error carries
one. The search service's own messages are English and technical; they are not shown.
"""

import ast
import re

from searchapp.search.explore import MAX_TRENDS
from searchapp.search.query import MAX_QUERY_CHARS, MAX_TERMS
from searchapp.search.settings import SearchSettings
from searchapp.web.i18n import format_number
from searchapp.web.params import MAX_VALUES

# Numbers with hyphens in Arabic text run right to left ("2017-03" shows as 03-2017)
# unless isolated; so are values of unknown direction (first-strong isolate).
LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
DATES_AR = f"{LRI}2017{PDI} أو {LRI}2017-03{PDI} أو {LRI}2017-03-15{PDI}"

# code -> (Arabic, English); {max_per_page}, {max_depth} and {status} are filled in.
MESSAGES = {
    # the query text
    "bad_query": (
        'تعذّر فهم صيغة البحث؛ تحقّق من علامات التنصيص " والأقواس ( ).',
        'The query could not be understood; check its quotes (") and parentheses.',
    ),
    "unclosed_quote": (
        'في البحث علامة تنصيص " لم تُغلق؛ أغلق العبارة بعلامة ثانية.',
        'The query has a quote (") that is not closed; close the phrase with a second one.',
    ),
    "unbalanced_parentheses": (
        "أقواس البحث غير متوازنة؛ لكل ( قوس ) يغلقه.",
        "The query's parentheses do not match; close each ( with a ).",
    ),
    "short_prefix": (
        "البادئة قبل * تحتاج حرفين على الأقل، مثل مفاوض*.",
        "A prefix needs at least 2 letters before *, as in مفاوض*.",
    ),
    "bad_wildcard": (
        "النجمة * مسموحة في آخر الكلمة فقط، مثل مفاوض*.",
        "* is allowed only at the end of a word, as in مفاوض*.",
    ),
    "query_too_long": (
        f"البحث أطول من {MAX_QUERY_CHARS} حرف؛ اختصره.",
        f"The query is longer than {MAX_QUERY_CHARS} characters; shorten it.",
    ),
    "too_many_terms": (
        f"البحث يضم كلمات كثيرة (الحد {MAX_TERMS})؛ اختصره أو أطل البادئات قبل *.",
        f"The query has too many words (at most {MAX_TERMS}); shorten it or lengthen its prefixes.",
    ),
    # filters and parameters
    "bad_date": (
        f"التاريخ غير صالح؛ اكتبه بالشكل {DATES_AR}.",
        "The date is not valid; write it as 2017, 2017-03 or 2017-03-15.",
    ),
    "unknown_value": (
        "قيمة التصفية غير معروفة؛ اخترها من القوائم.",
        "A filter value is not known; choose one from the lists.",
    ),
    "too_many_values": (
        f"اخترت قيماً كثيرة في قائمة واحدة (الحد {MAX_VALUES}).",
        f"Too many values chosen in one list (at most {MAX_VALUES}).",
    ),
    "unknown_facet": (
        "لا توجد قائمة تصفية بهذا الاسم؛ القوائم: faction وplace وsource.",
        "There is no such facet; use faction, place or source.",
    ),
    "too_many_queries": (
        f"يمكن مقارنة {MAX_TRENDS} بحوث على الأكثر.",
        f"At most {MAX_TRENDS} searches can be compared.",
    ),
    "prefix_too_long": (
        "نص البحث في القائمة أطول من 100 حرف.",
        "The text to find in the list is longer than 100 characters.",
    ),
    "bad_number": ("رقم غير صالح في الرابط.", "A number in the address is not valid."),
    "repeated_value": (
        "في الرابط معامل مكرر يُقبل مرة واحدة (مثل q أو page).",
        "The address gives a parameter more than once that takes one value (such as q or page).",
    ),
    "bad_flag": (
        "قيمة غير صالحة في الرابط؛ استخدم 1 أو 0.",
        "A value in the address is not valid; use 1 or 0.",
    ),
    "bad_sort": (
        "الترتيب إما حسب الصلة (relevance) أو الأحدث (date).",
        "Sort by relevance or by date.",
    ),
    "bad_page": ("رقم الصفحة يبدأ من 1.", "Page numbers start at 1."),
    "bad_per_page": (
        "عدد النتائج في الصفحة بين 1 و{max_per_page}.",
        "Results per page are between 1 and {max_per_page}.",
    ),
    "too_deep": (
        "تُعرض النتائج حتى النتيجة رقم {max_depth} فقط؛ ضيّق البحث بالتصفية أو بالتاريخ.",
        "Results are shown up to hit {max_depth} only; narrow the search with filters or dates.",
    ),
    # HTTP
    "bad_request": ("تعذّر فهم الطلب.", "The request could not be understood."),
    "not_found": ("لم نجد هذه الصفحة.", "This page was not found."),
    "method_not_allowed": (
        "هذا العنوان لا يقبل هذا النوع من الطلبات.",
        "This address does not accept this kind of request.",
    ),
    "request_entity_too_large": ("الطلب أكبر من المسموح.", "The request is too large."),
    "request_uri_too_long": ("العنوان أطول من المسموح.", "The address is too long."),
    "no_index": (
        "لم يُبنَ الفهرس بعد. شغّل ‎khabar index‎ ثم أعد المحاولة.",
        "The index has not been built yet. Run `khabar index`, then try again.",
    ),
    # the search backend (the log has the details: node addresses and index names are not
    # for the public)
    "backend_unavailable": (
        "خادم البحث لا يستطيع الإجابة الآن؛ سُجّل الخطأ، أعد المحاولة بعد قليل.",
        "The search cluster cannot answer now; it has been logged. Try again shortly.",
    ),
    "backend_unreachable": (
        "خادم البحث لا يجيب؛ سُجّل الخطأ، أعد المحاولة بعد قليل.",
        "The search cluster does not answer; it has been logged. Try again shortly.",
    ),
    "backend_auth": (
        "رفض خادم البحث بيانات دخول الخادم؛ سُجّل الخطأ.",
        "The search cluster refused the server's credentials; it has been logged.",
    ),
    "backend_misconfigured": (
        "إعداد خادم البحث غير صالح؛ سُجّل الخطأ.",
        "The search backend is not configured correctly; it has been logged.",
    ),
    "index_outdated": (
        "يجب إعادة بناء فهرس البحث لهذا الإصدار من خبر.",
        "The search index must be rebuilt for this version of Khabar.",
    ),
    "internal_error": (
        "حدث خطأ داخلي وسُجّل؛ أعد المحاولة بعد قليل.",
        "An internal error occurred and was logged; try again shortly.",
    ),
}

# The same errors naming the value at fault, when the error carries one.
VALUE_MESSAGES = {
    "bad_date": (
        "التاريخ «{value}» غير صالح؛ اكتبه بالشكل " + DATES_AR + ".",
        "The date “{value}” is not valid; write it as 2017, 2017-03 or 2017-03-15.",
    ),
    "unknown_value": (
        "لا نعرف «{value}» في قوائم التصفية؛ اختر قيمة من القوائم.",
        "“{value}” is not in the filter lists; choose a value from them.",
    ),
    "unknown_facet": (
        "لا توجد قائمة تصفية باسم «{value}»؛ القوائم: faction وplace وsource.",
        "There is no facet “{value}”; use faction, place or source.",
    ),
    "bad_number": ("«{value}» ليس عدداً صحيحاً.", "“{value}” is not a whole number."),
    "bad_flag": (
        "«{value}» غير مفهوم هنا؛ استخدم 1 أو 0.",
        "“{value}” is not understood here; use 1 or 0.",
    ),
    "not_found": ("لا يوجد مقال بالمعرّف «{value}».", "There is no article with the id “{value}”."),
}
# What a 404 says it did not find ("no place with id 'x'"), when it is not an article.
NOT_FOUND = {
    "faction": ("لا يوجد فصيل بالمعرّف «{value}».", "There is no faction with the id “{value}”."),
    "place": ("لا يوجد مكان بالمعرّف «{value}».", "There is no place with the id “{value}”."),
    "source": ("لا يوجد مصدر بالمعرّف «{value}».", "There is no source with the id “{value}”."),
    "publisher": (
        "لا يوجد ناشر بالمعرّف «{value}».",
        "There is no publisher with the id “{value}”.",
    ),
    "facet": (
        "لا توجد قائمة باسم «{value}»؛ القوائم: faction وplace وsource وpublisher.",
        "There is no list named “{value}”; the lists are faction, place, source and publisher.",
    ),
}
NOT_FOUND_RE = re.compile(r"^no (\w+) ")

GENERIC = ("تعذّر إتمام الطلب (الرمز {status}).", "The request could not be completed ({status}).")
QUOTED_RE = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\"""")


def quoted_value(detail):
    """The last Python-quoted value in an error's English text:
    "'from' must be a date ..., not '2017-13'" -> '2017-13'; None when there is none."""
    found = QUOTED_RE.findall(detail or "")
    if not found:
        return None
    try:
        return str(ast.literal_eval(found[-1]))
    except (ValueError, SyntaxError):
        return None


def query_syntax_code(q):
    """A finer code for a query that did not parse: 'unclosed_quote', 'unbalanced_parentheses'
    or 'bad_query'."""
    if (q or "").count('"') % 2:
        return "unclosed_quote"
    depth = 0
    for char in q or "":
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    return "unbalanced_parentheses" if depth else "bad_query"


def error_message(code, lang, status=400, detail=None, q=None, settings=None):
    """The message for a person: error_message('bad_date', 'ar', detail="... not '2017-13'")
    -> 'التاريخ «2017-13» غير صالح؛ ...'. `detail` is the error's English text, `q` the
    query (to tell an unclosed quote from unmatched parentheses), `settings` the search's
    limits."""
    index = 1 if lang == "en" else 0
    if code == "bad_query":
        code = query_syntax_code(q)
    value = quoted_value(detail) if code in VALUE_MESSAGES else None
    if value is not None:
        what = NOT_FOUND_RE.match(detail or "") if code == "not_found" else None
        texts = NOT_FOUND.get(what.group(1), VALUE_MESSAGES[code]) if what else VALUE_MESSAGES[code]
        return texts[index].format(value=FSI + value[:80] + PDI)
    settings = settings or SearchSettings()
    text = MESSAGES.get(code, GENERIC)[index]
    return text.format(
        status=status,
        max_per_page=settings.max_per_page,
        max_depth=format_number(settings.max_depth),
    )
