"""Throughput and memory of the whole saidwho analysis against bare spaCy, in one process.

Usage: python benchmarks/bench_speed.py [TEXT_DIR] [--extractor NAME] [--repeat N]

Both runs parse the same texts after loading; the ratio (saidwho / spaCy
throughput) is what to compare across machines, not the absolute numbers. The
runs alternate, round after round, and each ratio is the median of its rounds:
on a shared machine bare spaCy alone has ranged from 2.8 to 4.6 articles/s
between minutes, so blocks of runs minutes apart compare different machines.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seconds(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--extractor", default="default")
    ap.add_argument("--rounds", type=int, default=3, help="rounds of alternating runs; ratios are their medians")
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

    # the whole analysis runs right after the baseline it is compared with; the cut-down pipelines follow
    runs = [("saidwho analyze (all stages)", lambda: [None for _ in analyzer.analyze_many(articles)]),
            ("saidwho: attributions only", run([])), ("saidwho: + sources, figures", run(["sources", "figures"]))]
    times: dict[str, list[float]] = {"spaCy en_core_web_sm": []}
    ratios: dict[str, list[float]] = {name: [] for name, _ in runs}
    for _ in range(args.rounds):
        times["spaCy en_core_web_sm"].append(t_spacy := seconds(bare))
        for name, fn in runs:
            times.setdefault(name, []).append(t := seconds(fn))
            ratios[name].append(t_spacy / t)
    n = len(texts)
    print(f"texts: {n} articles, {words} words ({args.text_dir}); {args.rounds} rounds")
    print(f"{'run':<34}{'articles/s':>12}{'words/s':>12}{'ratio':>8}   ratio per round")
    for name, ts in times.items():
        t = statistics.median(ts)
        per_round = ratios.get(name, [1.0] * len(ts))
        print(f"{name:<34}{n / t:>12.2f}{words / t:>12.0f}{statistics.median(per_round):>8.2f}   "
              + " ".join(f"{r:.2f}" for r in per_round))
    print(f"extractor={analyzer.extractor.name}; ratio = median over rounds of throughput / spaCy's in that round; target for the whole analysis >= 0.5")
    print(f"peak memory: {peak_rss_mb():.0f} MB (after loading: {baseline_mem:.0f} MB; target < 1536 MB)")


if __name__ == "__main__":
    main()
