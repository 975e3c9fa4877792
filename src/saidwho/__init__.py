"""saidwho: who said what, who vouches for each figure, and where sources disagree."""
from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Iterable, Iterator, Union

from .ingest import Article, Failure, IngestError, coerce
from .model import Analysis

try:
    __version__ = version("saidwho")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

_analyzers: dict = {}


def _analyzer(extractor: str = "default"):
    from .pipeline import Analyzer

    if extractor not in _analyzers:
        _analyzers[extractor] = Analyzer(extractor=extractor)
    return _analyzers[extractor]


def analyze(item: Union[str, Article, dict], *, extractor: str = "default") -> Analysis:
    """Analyse raw text, HTML, a file path, a record dict or an Article."""
    return _analyzer(extractor).analyze(item)


def analyze_many(items: Iterable[Union[str, Article, dict]], *, extractor: str = "default") -> Iterator[Union[Analysis, Failure]]:
    """Stream analyses; the spaCy model loads once. Unreadable items come back as Failure."""
    def articles():
        for n, item in enumerate(items, 1):
            try:
                yield coerce(item, id=f"article-{n}")
            except IngestError as e:
                yield Failure(str(item)[:60] if not isinstance(item, (str, dict)) or len(str(item)) < 60 else f"item {n}", str(e))
    return _analyzer(extractor).analyze_many(articles())


__all__ = ["Analysis", "Article", "Failure", "IngestError", "analyze", "analyze_many", "__version__"]
