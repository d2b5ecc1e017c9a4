"""The archive: pages, articles and facts in one SQLite file, with exact full-text search.

    schema.py     tables, versioned migrations (recorded in ``schema_migrations``), connections
    textindex.py  what the full-text tables store: normalised characters as ASCII bigram tokens
    query.py      the query language (terms, phrases, AND/OR/NOT, parentheses), parsed here
    search.py     query -> SQL over the full-text tables, filters, ranking; snippets.py highlights
    filters.py    date bounds and article filters (place with the divisions under it, person...)
    places.py     place names and codes -> divisions (from data/divisions.tsv)
    facts.py      fact queries
    ingest.py     many parsers, one writer, commits of whole pages
    export.py     JSON lines, CSV, Parquet
    archive.py    ``Archive``, the Python API over all of it
"""

from .archive import DEFAULT_DB, Archive
from .facts import FactsResult
from .ingest import IngestReport
from .search import SearchResult

__all__ = ["Archive", "DEFAULT_DB", "FactsResult", "IngestReport", "SearchResult"]
