"""Clean the names the place sources carry into the names a reader expects.

Used by tools/build_places.py. Arabic: no diacritics, bidi marks or trailing dots, and a
name written with letters Arabic does not use (Persian or Kurdish spellings that GeoNames
lists: 'اردوگاه یرموک', 'qamshlۆ') is no Arabic name. English: no 'Damascus : ' prefix,
no '(Afrin)' disambiguation, no 'nahiyah'/'mantiqah' suffix, no shouting capitals, no
transliteration marks ('Ţarţūs' -> 'Tartus').
"""

import re
import unicodedata

TASHKEEL_RE = re.compile("[\u064b-\u0652\u0670\u0640]")  # and tatweel: 'ســــلام' -> 'سلام'
BIDI_RE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# Letters of the Arabic script that Arabic itself does not use (Persian, Urdu, Kurdish).
FOREIGN_LETTERS_RE = re.compile("[\u0671-\u06ff]")
ARABIC_NAME_RE = re.compile(r"^[\u0621-\u064a0-9 '\-]+$")
EN_PREFIX_RE = re.compile(r"^[^:]+\s:\s+")
EN_PAREN_RE = re.compile(r"\s*\([^)]*\)?")
EN_UNIT_RE = re.compile(r"\s+(nahiyah|mantiqah|mantika|district)$", re.I)
EN_MARKS_RE = re.compile("[\u2018\u2019\u02bb\u02bc\u02be\u02bf`]")
SHOUT_RE = re.compile(r"\b([A-Z])([A-Z]{2,})\b")


def clean_ar(name):
    """'الحولة\u200e\u200e' -> 'الحولة'; 'اردوگاه یرموک' -> '' (not Arabic)."""
    name = BIDI_RE.sub("", TASHKEEL_RE.sub("", name or ""))
    name = re.sub(r"\s+", " ", name).strip(" .-")
    if FOREIGN_LETTERS_RE.search(name) or not ARABIC_NAME_RE.match(name):
        return ""
    return name


def clean_en(name):
    """'Damascus : Eastern Ghouta' -> 'Eastern Ghouta', 'Kafraya ( Maar Tamsarin)' ->
    'Kafraya', 'Kafranbel nahiyah' -> 'Kafranbel', 'Ar-RAQQAH' -> 'Ar-Raqqah',
    'Ţarţūs' -> 'Tartus', 'jab abyad' -> 'Jab abyad'."""
    name = EN_PREFIX_RE.sub("", name or "")
    name = EN_UNIT_RE.sub("", EN_PAREN_RE.sub("", name))
    name = EN_MARKS_RE.sub("", name)
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    name = SHOUT_RE.sub(lambda m: m.group(1) + m.group(2).lower(), name)
    name = re.sub(r"\s+", " ", name).strip(" -'")
    return name[:1].upper() + name[1:]
