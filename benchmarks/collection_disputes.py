"""How many of the disputes a collection run reports between articles a reader judged right.

`wild_disputes.py` scores what one article yields; this scores `saidwho disagreements` over many: the
486 PolNeAR train articles no pair set was tuned on (`eval/disputes-collection/articles.txt`), dated from
their names as a newsroom's records would be, read as one collection. Only the disputes whose sides come
from different articles count here. A judged sample of them (`sample*.jsonl`) is matched by its evidence
spans (every `sample*-` draw counts); the rest are reported as unjudged, so the judged share is an estimate,
by kind.

    python benchmarks/collection_disputes.py [--out FILE]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from saidwho.disagreements.collection import across
from saidwho.disagreements.embed import get_embedder
from saidwho.ingest import NAMED_DAY, make_article
from saidwho.pipeline import Analyzer

from wild_disputes import ROOT, TEXTS, evidence, precision

SET = ROOT / "eval" / "disputes-collection"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="write every dispute between articles reported now, in the sample's format")
    args = parser.parse_args()
    judged = {}
    for judgements in sorted(SET.glob("sample*-judgements.jsonl")):  # one pair of files per judged draw
        verdict = {j["id"]: j["verdict"] for j in map(json.loads, judgements.open(encoding="utf-8"))}
        disputes = judgements.with_name(judgements.name.replace("-judgements", "-disputes"))
        judged.update((evidence(d), verdict[d["id"]]) for d in map(json.loads, disputes.open(encoding="utf-8")))
    analyzer, analyses = Analyzer(), []
    for name in (SET / "articles.txt").read_text(encoding="utf-8").split():
        text = (TEXTS / f"{name}.txt").read_text(encoding="utf-8")  # PolNeAR names: outlet_day_slug
        analyses.append(analyzer.analyze(make_article(text, id=name, outlet=name.split("_")[0],
                                                      published=NAMED_DAY.search(name).group())))
    found = across(analyses, get_embedder())
    between = []
    for d in found.disagreements:
        if len({s.article_id for s in d.sides}) > 1:
            between.append({"kind": d.kind, "matter": d.matter, "confidence": d.confidence,
                            "sides": [{"sources": s.sources, "article": s.article_id, "published": s.published,
                                       "stance": s.stance, "evidence": [e.model_dump() for e in s.evidence]}
                                      for s in d.sides]})
    if args.out:
        args.out.write_text("".join(json.dumps(d) + "\n" for d in between), encoding="utf-8")
    seen = [(f"{d['kind']} {d['confidence']}", judged.get(evidence(d))) for d in between]
    sample = [(k, v) for k, v in seen if v is not None]
    report = {"articles": len(analyses), "disputes": len(found.disagreements), "between_articles": len(between),
              "judged": precision([v for _, v in sample]),
              "judged_by_confidence": {kind: precision([v for k, v in sample if k == kind]) for kind in sorted({k for k, _ in sample})}}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
