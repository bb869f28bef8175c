"""Decide how an input file is encoded: UTF-8 (with or without BOM), UTF-16 with BOM, or
Windows-1256, the code page of older Arabic archives. Anything else is refused.

`sniff_encoding(sample)` looks at the first bytes of a file and returns a codec name
for `open(..., encoding=...)`; `decode(data)` decodes a whole small file.
Worked example: b"\xc7\xe1\xd3\xe1\xc7\xe3" is not UTF-8; as Windows-1256 it reads
'السلام', all Arabic letters, so the file is taken as Windows-1256.
"""

import codecs

from indexer.errors import InputError

SAMPLE_BYTES = 64 * 1024
ARABIC_LETTERS = range(0x0621, 0x064B)
MIN_ARABIC_SHARE = 0.8  # of the non-ASCII letters, once decoded as Windows-1256


def sniff_encoding(sample, path="<input>"):
    """The codec for bytes beginning with `sample`; raises InputError when unknown."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise InputError(path, "unknown encoding (NUL bytes without a UTF-16 byte-order mark)")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if looks_like_windows_arabic(sample):
        return "cp1256"
    raise InputError(path, "unknown encoding (not UTF-8, UTF-16 with BOM or Windows-1256)")


def looks_like_windows_arabic(sample):
    """True when the non-ASCII letters of `sample`, read as Windows-1256, are mostly Arabic."""
    text = sample.decode("cp1256", errors="replace")
    if "\ufffd" in text:
        return False
    letters = [c for c in text if ord(c) > 0x7F and c.isalpha()]
    if not letters:
        return False
    arabic = sum(1 for c in letters if ord(c) in ARABIC_LETTERS)
    return arabic / len(letters) >= MIN_ARABIC_SHARE


def decode(data, path="<input>"):
    """Decode a whole file's bytes with the sniffed codec."""
    codec = sniff_encoding(data[:SAMPLE_BYTES], path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {codec} at byte {exc.start}") from None
