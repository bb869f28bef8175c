"""zlib streams written by ISA-L (the `isal` package) instead of the zlib module.

Whoosh deflates every posting block of 80 bytes or more and every document's stored
fields with `zlib.compress(data, 3)`. ISA-L writes the same zlib format several times
faster, a few percent larger, and Whoosh's readers inflate it with the standard
`zlib.decompress` (figures in docs/performance.md).
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
