"""Precision and recall of the pairwise disagreement decision on candidate pairs as the pipeline meets them.

The pair sets (`eval_disagreements.py`) hold pairs an annotator chose, four in ten of them disagreements.
The pipeline meets something else: every pair of claims from two voices of one article, of which about
one in twenty disagree. `eval/disagreements-natural/pairs.jsonl` labels 8,350 such pairs by hand (its README);
each is found again among the pipeline's claims by where its two claims start, and judged by
`disagreement_kind`, the decision the pipeline itself makes.

    python benchmarks/eval_natural_pairs.py [--rounds 1,2,3] [--errors]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from saidwho.disagreements.detect import disagreement_kind, embed, informative_stems, items_for
from saidwho.disagreements.embed import get_embedder
from saidwho.ingest import make_article
from saidwho.pipeline import Analyzer
from wild_disputes import ROOT, TEXTS  # the same train texts the judged samples come from


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=ROOT / "eval" / "disagreements-natural" / "pairs.jsonl")
    parser.add_argument("--rounds", default="1,2,3", help="labelling rounds to score (1 is the unselected sample)")
    parser.add_argument("--errors", action="store_true", help="print the misjudged pairs")
    args = parser.parse_args()
    rounds = {int(r) for r in args.rounds.split(",")}
    by_article: dict[str, list[dict]] = defaultdict(list)
    for line in args.pairs.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        if pair["round"] in rounds:
            by_article[pair["article"]].append(pair)
    analyzer, embedder = Analyzer(), get_embedder()
    tally: dict[str, int] = defaultdict(int)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, pairs in sorted(by_article.items()):
        analysis = analyzer.analyze(make_article((TEXTS / f"{name}.txt").read_text(encoding="utf-8"), id=name))
        items = items_for(analysis)
        informative_stems(items)
        vectors = embed(items, embedder)
        at: dict[int, int] = {}
        for i, item in enumerate(items):
            at.setdefault(item.evidence[0].start, i)
        for pair in pairs:
            i, j = at.get(pair["a"]["start"]), at.get(pair["b"]["start"])
            if i is None or j is None:
                tally["not found"] += 1
                continue
            kind = disagreement_kind(items[i], items[j], float(vectors[i] @ vectors[j]))
            gold = pair["label"] == "disagree"
            tally["tp" if gold and kind else "fn" if gold else "fp" if kind else "tn"] += 1
            if kind:
                by_kind[kind][0] += gold
                by_kind[kind][1] += 1
            if args.errors and gold != bool(kind):
                print(f"{'MISS' if gold else 'FALSE'} {pair['id']} {pair['label']}: {pair['a']['text'][:70]!r} <> {pair['b']['text'][:70]!r}")
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    print(json.dumps({"pairs": sum(map(len, by_article.values())), "not_found": tally["not found"],
                      "disagree_gold": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tally["tn"],
                      "precision": round(tp / (tp + fp), 3) if tp + fp else 0.0,
                      "recall": round(tp / (tp + fn), 3) if tp + fn else 0.0,
                      "precision_by_kind": {k: f"{right}/{n}" for k, (right, n) in sorted(by_kind.items())}}, indent=1))


if __name__ == "__main__":
    main()
