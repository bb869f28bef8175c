"""A Whoosh segment writer: postings kept in memory, written in bulk in Whoosh's format.

Importing the package checks that the installed Whoosh is the one it was written against
(compat.py) and raises WhooshCompatibilityError when it is not; README.md explains it.
"""

from indexer.w3writer.compat import check_whoosh

check_whoosh()
