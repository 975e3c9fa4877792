from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "reuters-2024-04-08-gaza-truce-talks.txt"


def shared_dir() -> Path:
    return Path(os.environ.get("SAIDWHO_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def polnear_dev() -> Path:
    d = shared_dir() / "data" / "polnear" / "dev"
    if not d.is_dir():
        pytest.skip("PolNeAR dev split not found beside the repository")
    return d


@pytest.fixture(scope="session")
def analyzer():
    from saidwho.pipeline import Analyzer

    return Analyzer()


@pytest.fixture(scope="session")
def sample_analysis(analyzer):
    return analyzer.analyze(SAMPLE)


@pytest.fixture(scope="session")
def dev_analyses(polnear_dev, analyzer):
    """Every dev article analysed once, shared by the tests that need the whole split."""
    from saidwho.ingest import make_article

    articles = [make_article(p.read_text(encoding="utf-8"), id=p.stem) for p in sorted((polnear_dev / "text").glob("*.txt"))]
    return list(analyzer.analyze_many(articles))
