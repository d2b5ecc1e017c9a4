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

__all__ = ["Article", "BanmianError", "Block", "Byline", "Caption", "Fact", "Page", "Source",
           "__version__", "evaluate", "extract_facts", "parse_page"]
