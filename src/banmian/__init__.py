"""banmian (版面): read Chinese newspaper pages into articles and facts.

    >>> import banmian
    >>> page = banmian.parse_page("examples/seed-page.txt", date="2023-05-22")
    >>> page.articles[0].headline
    '协同创新开新局 八市齐力谱新篇'
"""

from .errors import BanmianError
from .model import Article, Block, Byline, Caption, Fact, Page, Source
from .evaluate import evaluate
from .pipeline import extract_facts, parse_page

__version__ = "0.1.0"

__all__ = ["Archive", "Article", "BanmianError", "Block", "Byline", "Caption", "Fact", "Page", "Source",
           "__version__", "evaluate", "extract_facts", "parse_page"]


def __getattr__(name: str):
    # The archive (sqlite3, multiprocessing) is imported on first use, not with the package.
    if name == "Archive":
        from .store import Archive

        return Archive
    raise AttributeError(f"module 'banmian' has no attribute {name!r}")
