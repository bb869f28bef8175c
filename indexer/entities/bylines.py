"""Outlets a text names by the way it cites or signs them, whether or not a gazetteer knows them.

- a copyright line or a correspondent's byline: 'حقوق النشر محفوظة لصالح شبكة أخبار
  الوادي', 'مراسل NSO';
- a name in quotes after a media word: 'صحيفة "ستار" التركية', 'وكالة أنباء "فارس"',
  'جريدة «الخليج»';
- a name between a media word and a nationality: 'صحيفة ماركا الإسبانية', 'مجلة التايم
  الأمريكية'.

`outlet_names(title, text, joined)` yields, for each, the names to look up (the name
with its nationality first: 'الوطن السورية' before 'الوطن') and the name as written; the
extractor resolves them to a gazetteer source, or makes a new one of the name. The text is
normalized only when it holds a signature's cue word.
"""

import re
from typing import NamedTuple

from indexer.arabic.normalize import normalize

SIGNED_RES = (
    re.compile(r"محفوظه\s+(?:لصالح|ل\s*صالح|ل)\s*([^\n.،,؛:()]{3,80})"),
    re.compile(r"مراسل(?:ه|ي)?\s+([a-z][a-z0-9]{1,15}(?:\s[a-z][a-z0-9]{1,15})?)\b"),
)
SIGNED_CUES = ("محفوظه", "مراسل")  # each SIGNED_RES match holds one in its canonical words
# Media words that name an outlet after them, as written (with ة or ه), at a word start. Not
# 'موقع' (also a military position) nor, before a nationality, 'قناة' (قناة السويس) or a bare 'وكالة'
# (وكالة الفضاء الأمريكية).
PRESS = r"\b(?:صحيف[ةه]|جريد[ةه]|مجل[ةه]|وكال[ةه] (?:ال)?[أا]نباء|تلفزيون|[إا]ذاع[ةه])"
QUOTED_RE = re.compile(
    rf"({PRESS}|\b(?:وكال[ةه]|قنا[ةه]|شبك[ةه]))\s*[\"«“]\s*([^\"»”\n]{{2,40}}?)\s*[\"»”]"
)
NATIONALITY = (
    r"(?:ال)?(?:إ|ا)?(?:سبان|بريطان|أمريك|امريك|أميرك|اميرك|ترك|ألمان|الماني|فرنس|روس|"
    r"إسرائيل|اسرائيل|عبر|إيطال|ايطال|أردن|اردن|مصر|لبنان|سعود|إمارات|امارات|قطر|كويت|"
    r"عراق|إيران|ايران|سور|صين|يابان|كور|هند|باكستان|كند|أسترال|استرال|سويسر|نمساو|"
    r"بلجيك|هولند|سويد|أوكران|اوكران|جزائر|مغرب|تونس|ليب|سودان|يمن|عمان|بحرين|فلسطين)"
)
WORD = r"[\u0621-\u064a]{2,}"
# 'صحيفة ماركا الإسبانية': one to three words, none of them generic, then a nationality; not
# 'الإذاعة والتلفزيون السوري' (a conjunction first).
BETWEEN_RE = re.compile(
    rf"({PRESS}) ((?!و)(?:{WORD} ){{0,2}}{WORD}) ({NATIONALITY}(?:ية|يه|ي|ة|ه))\b"
)
# The media words of QUOTED_RE and BETWEEN_RE in canonical form, to skip texts without any.
PRESS_WORDS = ("صحيفه", "جريده", "مجله", "وكاله", "قناه", "شبكه", "تلفزيون", "اذاعه")
YEAR_ON_RE = re.compile(r"(?:\s-\s|(?<!\d)(?:19|20)\d\d(?!\d)|©).*$")
QUOTES_RE = re.compile("[\"«»“”']")
GENERIC = frozenset(
    """
رسمية رسميه رسمي محلية محليه يومية يوميه إلكترونية الكترونية الكترونيه حكومية حكوميه
مقربة مقربه معارضة معارضه موالية مواليه مستقلة مستقله خاصة خاصه إخبارية اخبارية اخباريه
أسبوعية اسبوعية شهيرة شهيره كبرى واسعة واسعه الأنباء الانباء أنباء انباء تلفزيونية
تلفزيونيه فضائية فضائيه أخرى اخرى عربية عربيه دولية دوليه الرسمية الرسميه المحلية
الإخبارية الاخبارية الحكومية التابعة التابعه تابعة تابعه الناطقة الناطقه ناطقة ناطقه
عسكرية عسكريه العسكرية رئيسية رئيسيه بارزة بارزه الجيش جيش عن في من إلى الى على أن ان
التي الذي وفق نقلا نقلت قالت ذكرت
""".split()
)


class Cited(NamedTuple):
    """An outlet a text names: the names to look it up by, the name to show, the name to
    make its id of (without the nationality: 'ماركا' for 'ماركا الإسبانية'), and whether a
    copyright line names it (then it is the publisher itself)."""

    names: tuple
    written: str
    bare: str
    signed: bool = False


def outlet_names(title, text, joined):
    """The outlets (Cited) the text signs or cites by form."""
    raw = f"{title}\n{text}"
    if any(cue in joined for cue in SIGNED_CUES):
        norm = normalize(raw)
        for pattern in SIGNED_RES:
            for match in pattern.finditer(norm):
                names = signature_names(match.group(1))
                if names:
                    yield Cited(names, names[0], names[0], pattern is SIGNED_RES[0])
    if not any(word in joined for word in PRESS_WORDS):
        return  # no media word: nothing cited by form (most of the time, cheaply)
    for match in QUOTED_RE.finditer(raw) if any(q in raw for q in '"«“') else ():
        media, name = match.group(1), match.group(2).strip()
        yield Cited(with_media(name, media), name, name)
    for match in BETWEEN_RE.finditer(raw):
        media, name, nationality = match.groups()
        if not any(w in GENERIC for w in name.split()):
            full = with_media(f"{name} {nationality}", media)
            yield Cited((*full, *with_media(name, media)), f"{name} {nationality}", name)


def signature_names(signed):
    """The names a signature may hold, longest first, of two words or more (one if that is
    all), cut at a year or a dash: 'لموقع " عربي 21 " - 2016' -> ('موقع عربي 21', 'موقع
    عربي'), 'قناه العربيه 2018' -> ('قناه العربيه',)."""
    words = YEAR_ON_RE.sub("", QUOTES_RE.sub(" ", signed)).split()[:8]
    shortest = min(2, len(words))
    return tuple(" ".join(words[:n]) for n in range(len(words), shortest - 1, -1) if n)


def with_media(name, media):
    """'فارس' after 'وكالة أنباء' -> ('فارس', 'وكالة أنباء فارس', 'وكالة فارس')."""
    return tuple(dict.fromkeys((name, f"{media} {name}", f"{media.split()[0]} {name}")))
