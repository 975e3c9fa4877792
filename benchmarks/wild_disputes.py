"""How many of the disputes the pipeline reports on unlabelled articles a reader judged right.

The pair sets score one decision on pairs someone chose; this scores what a user sees: every dispute
reported on 60 PolNeAR train articles that no pair set uses (`eval/disputes-wild/`). A dispute is matched
to a judged one when its evidence spans are the same; a changed or new one is counted as unjudged, so
the precision is given as a range (unjudged all wrong .. all right).

    python benchmarks/wild_disputes.py [--judged J.jsonl --disputes D.jsonl] [--out FILE]
"""
from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from saidwho.ingest import make_article
from saidwho.pipeline import Analyzer

ROOT = Path(__file__).resolve().parents[1]
WILD = ROOT / "eval" / "disputes-wild"
TEXTS = Path(os.environ.get("SAIDWHO_SHARED", ROOT.parent / "shared")) / "data" / "polnear" / "train" / "text"


def evidence(dispute: dict) -> frozenset:
    return frozenset((dispute["article"], e["start"], e["end"]) for s in dispute["sides"] for e in s["evidence"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judged", type=Path, default=WILD / "judgements-884370c.jsonl")
    parser.add_argument("--disputes", type=Path, default=WILD / "disputes-884370c.jsonl")
    parser.add_argument("--out", type=Path, help="write the disputes reported now, in the judged file's format")
    args = parser.parse_args()
    verdict = {json.loads(line)["id"]: json.loads(line)["verdict"] for line in args.judged.open(encoding="utf-8")}
    judged = {evidence(d): verdict[d["id"]] for d in map(json.loads, args.disputes.open(encoding="utf-8"))}
    analyzer, now = Analyzer(), []
    for name in (WILD / "articles.txt").read_text(encoding="utf-8").split():
        analysis = analyzer.analyze(make_article((TEXTS / f"{name}.txt").read_text(encoding="utf-8"), id=name))
        now += [{"id": f"w{len(now)}", "article": name, "kind": d.kind, "matter": d.matter, "confidence": d.confidence,
                 "sides": [{"sources": s.sources, "stance": s.stance,
                            "evidence": [e.model_dump() for e in s.evidence]} for s in d.sides]}
                for d in analysis.disagreements]
    if args.out:
        args.out.write_text("".join(json.dumps(d) + "\n" for d in now), encoding="utf-8")
    seen = [judged.get(evidence(d)) for d in now]
    right, wrong, unjudged = seen.count("correct"), seen.count("wrong"), seen.count(None)
    total = len(now) or 1
    print(json.dumps({"disputes": len(now), "judged_right": right, "judged_wrong": wrong, "unjudged": unjudged,
                      "precision_range": [round(right / total, 2), round((right + unjudged) / total, 2)]}, indent=1))


if __name__ == "__main__":
    main()
