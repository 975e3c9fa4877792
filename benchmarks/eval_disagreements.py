"""Precision and recall of disagreement detection on hand-labelled pairs of attributed claims.

Each pair is judged by the functions the pipeline itself decides with: both
claims are located in their analysed articles (the attribution whose content
overlaps the labelled span), then `disagreement_kind` (same proposition,
opposite polarity, independent voices) or `figures_disagree` (conflicting
values for one quantity) says disagree.

    python benchmarks/eval_disagreements.py [eval/disagreements/pairs.jsonl] [--errors] [--extractor rules]
    python benchmarks/eval_disagreements.py eval/disagreements-v{6,7,8,9,10,11}/pairs.jsonl   # each, and pooled
"""
from __future__ import annotations

import argparse
import json
import os
from functools import lru_cache
from pathlib import Path

from saidwho.disagreements.claims import is_denial, naming_entities, polarity_of, terms_of
from saidwho.disagreements.detect import (ClaimItem, claim_context, denies, disagreement_kind, embed, figure_items,
                                          figures_disagree, informative_stems, items_for, same_proposition,
                                          sentence_similarity)
from saidwho.disagreements.embed import get_embedder
from saidwho.ingest import NAMED_DAY, make_article
from saidwho.model import Analysis, Claim, Span
from saidwho.pipeline import Analyzer

CUE_WINDOW = 30  # an unextracted claim's cue ("denied that") is in the words just before it
ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SAIDWHO_SHARED", ROOT.parent / "shared")) / "data" / "polnear"


def article_path(name: str) -> Path:
    for p in (ROOT / "samples" / f"{name}.txt", SHARED / "dev" / "text" / f"{name}.txt", SHARED / "train" / "text" / f"{name}.txt"):
        if p.is_file():
            return p
    raise FileNotFoundError(name)


@lru_cache(maxsize=None)
def analysis_of(name: str) -> Analysis:
    dated = NAMED_DAY.search(name)  # PolNeAR names carry the day, as a real collection's records do
    return ANALYZER.analyze(make_article(article_path(name).read_text(encoding="utf-8"), id=name,
                                         published=dated.group() if dated else None))


def locate(side: dict) -> tuple[ClaimItem, list]:
    """The pipeline's claim for the labelled span, or one built from the span when the extractor missed it."""
    analysis = analysis_of(side["article"])
    start, end = side["span"]["start"], side["span"]["end"]
    atts = {a.id: a for a in analysis.attributions}
    best, overlap = None, 0
    for item in items_for(analysis):
        a = atts[item.claim.attribution_id]
        o = sum(max(0, min(end, c.end) - max(start, c.start)) for c in a.contents)
        if o > overlap:
            best, overlap = item, o
    figures = [f for f in figure_items(analysis) if start <= f.figure.span.start < end]
    if best is not None and overlap >= 0.5 * (end - start):
        return best, figures
    doc = ANALYZER.nlp(side["text"])
    lead = analysis.article.text[max(0, start - CUE_WINDOW):start]
    denial = denies(lead, side["text"])
    claim = Claim(id="x", attribution_id="x", text=side["text"], polarity=polarity_of(list(doc), is_denial(lead)),
                  terms=terms_of(list(doc), naming_entities(doc)))
    span = Span(start=start, end=end, text=side["text"])
    item = ClaimItem(claim=claim, source_name=side["source"], denial=denial, evidence=[span], article_id=side["article"],
                     outlet=None, published=None, context=claim_context(analysis.article.text, span, denial, side["text"]))
    return item, figures


def decide(pair: dict) -> tuple[bool, bool]:
    """(same matter, disagree) for one labelled pair."""
    (a, fa), (b, fb) = locate(pair["a"]), locate(pair["b"])
    if a.source_name == b.source_name and a.article_id == b.article_id:
        a.source_name = pair["a"]["source"]
        b.source_name = pair["b"]["source"]
    pool = [*items_for(analysis_of(pair["a"]["article"])), *items_for(analysis_of(pair["b"]["article"])), a, b]
    informative_stems(pool)
    va, vb = embed([a, b], get_embedder())
    cos = float(va @ vb)
    similar = sentence_similarity(get_embedder())
    figure = any(figures_disagree(x, y, similar) for x in fa for y in fb)
    return same_proposition(a, b, cos) or figure, figure or disagreement_kind(a, b, cos) is not None


def score(rows: list[dict], errors: bool = False) -> dict:
    tp = fp = fn = tn = 0
    matter_hits = 0
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        same, disagree = decide(row)
        gold = row["label"] == "disagree"
        tp += gold and disagree
        fp += disagree and not gold
        fn += gold and not disagree
        tn += not gold and not disagree
        if gold:
            by_kind.setdefault(row.get("kind") or "?", [0, 0])[0] += disagree
            by_kind[row.get("kind") or "?"][1] += 1
        matter_hits += same == (row["label"] != "unrelated")
        if errors and gold != disagree:
            print(f"{'MISS' if gold else 'FALSE'} {row['id']} {row['label']}/{row.get('kind')}: {row['a']['text'][:70]!r} <> {row['b']['text'][:70]!r}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {"pairs": len(rows), "disagree_gold": tp + fn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(precision, 3), "recall": round(recall, 3),
            "same_matter_accuracy": round(matter_hits / len(rows), 3) if rows else 0.0,
            "recall_by_kind": {k: f"{h}/{n}" for k, (h, n) in sorted(by_kind.items())}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="*", type=Path, default=[ROOT / "eval" / "disagreements" / "pairs.jsonl"],
                        help="one or more pair sets; several are scored each and pooled")
    parser.add_argument("--errors", action="store_true", help="print the misjudged pairs")
    parser.add_argument("--extractor", default="default", help="attribution extractor the pipeline runs")
    args = parser.parse_args()
    global ANALYZER
    ANALYZER = Analyzer(extractor=args.extractor)
    sets = {str(path): [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            for path in args.pairs}
    if len(sets) == 1:
        print(json.dumps(score(next(iter(sets.values())), args.errors), indent=1))
        return
    report = {name: score(rows, args.errors) for name, rows in sets.items()}
    pooled = {k: sum(r[k] for r in report.values()) for k in ("pairs", "disagree_gold", "tp", "fp", "fn", "tn")}
    pooled["precision"] = round(pooled["tp"] / (pooled["tp"] + pooled["fp"]), 3) if pooled["tp"] + pooled["fp"] else 0.0
    pooled["recall"] = round(pooled["tp"] / pooled["disagree_gold"], 3) if pooled["disagree_gold"] else 0.0
    for name, r in report.items():
        print(f"{name}: {r['tp']} of {r['disagree_gold']} found, {r['fp']} false alarms "
              f"(P {r['precision']}, R {r['recall']}; {', '.join(f'{k} {v}' for k, v in r['recall_by_kind'].items())})")
    print(json.dumps({"pooled": pooled}, indent=1))


ANALYZER: Analyzer

if __name__ == "__main__":
    main()
