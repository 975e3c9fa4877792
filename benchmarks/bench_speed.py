"""Throughput and memory of the whole saidwho analysis against bare spaCy, in one process.

Usage: python benchmarks/bench_speed.py [TEXT_DIR] [--extractor NAME] [--repeat N]

Both runs parse the same texts after loading; the ratio (saidwho / spaCy
throughput) is what to compare across machines, not the absolute numbers.
"""
from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--extractor", default="default")
    ap.add_argument("--repeat", type=int, default=2, help="best of N runs each")
    args = ap.parse_args()

    from saidwho.ingest import make_article
    from saidwho.nlp import load
    from saidwho.pipeline import Analyzer

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.text_dir.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    nlp = load()
    analyzer = Analyzer(extractor=args.extractor)
    articles = [make_article(t, id=str(i)) for i, t in enumerate(texts)]
    analyzer.analyze(articles[0])  # warm up
    baseline_mem = peak_rss_mb()

    def bare():
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def run(stages):
        partial = Analyzer(extractor=args.extractor, stages=stages)
        return lambda: [None for _ in partial.analyze_many(articles)]

    t_spacy = timed(bare, args.repeat)
    t_full = timed(lambda: [None for _ in analyzer.analyze_many(articles)], args.repeat)
    # where the time goes: the same pipeline cut after attribution, and before disagreements
    t_attr = timed(run([]), args.repeat)
    t_sources = timed(run(["sources", "figures"]), args.repeat)
    n = len(texts)
    print(f"texts: {n} articles, {words} words ({args.text_dir})")
    print(f"{'run':<34}{'articles/s':>12}{'words/s':>12}{'ratio':>8}")
    for name, t in [("spaCy en_core_web_sm", t_spacy), ("saidwho: attributions only", t_attr),
                    ("saidwho: + sources, figures", t_sources), ("saidwho analyze (all stages)", t_full)]:
        print(f"{name:<34}{n / t:>12.2f}{words / t:>12.0f}{t_spacy / t:>8.2f}")
    print(f"extractor={analyzer.extractor.name}; ratio = throughput / spaCy's; target for the whole analysis >= 0.5")
    print(f"peak memory: {peak_rss_mb():.0f} MB (after loading: {baseline_mem:.0f} MB; target < 1536 MB)")


if __name__ == "__main__":
    main()
