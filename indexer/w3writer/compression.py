"""zlib streams written at ISA-L's speed.

Whoosh deflates every posting block of 80 bytes or more and every document's stored
fields with `zlib.compress(data, 3)`. ISA-L (the `isal` package) writes the same zlib
format, which Whoosh's readers inflate with the standard `zlib.decompress`, several times
faster. On the first 5,000 ANT articles (`make bench-index` prints the whole effect):

    stored fields (5,000 pickles, 2.9 kB)     zlib 3: 150 us, 43.4%   ISA-L 1: 23 us, 44.9%
    posting blocks (43,636, 0.7 kB)           zlib 3:  25 us, 29.3%   ISA-L 1: 11 us, 31.2%

(per item, and compressed size as a share of the input).
"""

from isal import isal_zlib

LEVEL = 1  # ISA-L's levels are 0-3; 1 is as fast as 2 here and as small as 3 within 1%


def compress(data, _level=None):
    """zlib.compress(data, level) for any level Whoosh asks: b'...' -> zlib stream."""
    return isal_zlib.compress(data, LEVEL)


def compress_stored_fields(perdocwriter):
    """Make W3PerDocWriter `perdocwriter` deflate each document's stored fields (its
    `_stored` column: a pickle inside a CompressedBytesColumn) with `compress`. Any other
    writer is left as it is."""
    stored = getattr(perdocwriter, "_colwriters", {}).get("_stored")
    child = getattr(stored, "_child", None)
    if child is not None and hasattr(child, "_compress"):
        child._compress = compress
