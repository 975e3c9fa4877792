"""How many of the disputes the pipeline reports on unlabelled articles a reader judged right.

The pair sets score one decision on pairs someone chose; this scores what a user sees: every dispute
reported on 60 PolNeAR train articles that no pair set uses (`eval/disputes-wild*/`). A dispute is matched
to a judged one when its evidence spans are the same (every judged file of the set counts); a changed or
new one is counted as unjudged, so precision is given as a range (unjudged all wrong .. all right), in all,
by kind and by the confidence the pipeline stated. With `--corroborations` it scores the corroborations
reported instead, against `judgements-corroborations-X.jsonl` / `corroborations-X.jsonl` files.

    python benchmarks/wild_disputes.py [eval/disputes-wild2 ...] [--out FILE]
    python benchmarks/wild_disputes.py eval/corroborations-wild --corroborations
"""
from __future__ import annotations

import argparse
import json
import os
import re
from pathlib import Path

from saidwho.ingest import make_article
from saidwho.pipeline import Analyzer

ROOT = Path(__file__).resolve().parents[1]
TEXTS = Path(os.environ.get("SAIDWHO_SHARED", ROOT.parent / "shared")) / "data" / "polnear" / "train" / "text"


LOOSE_END = re.compile(r"(?:[\s,;\u2013\u2014]|--|\s(?:and|but|or))+$")


def evidence(dispute: dict) -> frozenset:
    """What a dispute shows, as spans of the dispute's article (or, between articles, each side's own); a span is
    the same whether or not it ends on a loose comma or 'and' (the eleventh round stopped contents there), so
    that a verdict is not lost to one."""
    return frozenset((s.get("article", dispute.get("article")), e["start"], e["start"] + len(LOOSE_END.sub("", e["text"])))
                     for s in dispute["sides"] for e in s["evidence"])


def judged_in(folder: Path, what: str = "disputes") -> dict[frozenset, str]:
    """Verdicts of every judged run in the set, keyed by what the dispute (or corroboration) showed."""
    out: dict[frozenset, str] = {}
    for judgements in sorted(folder.glob("judgements-*.jsonl")):
        if judgements.name.startswith("judgements-corroborations-") != (what == "corroborations"):
            continue  # 'judgements-corroborations-X' judges 'corroborations-X', 'judgements-X' judges 'disputes-X'
        disputes = folder / judgements.name.replace("judgements-", "" if what == "corroborations" else "disputes-")
        verdict = {j["id"]: j["verdict"] for j in map(json.loads, judgements.open(encoding="utf-8"))}
        out.update((evidence(d), verdict[d["id"]]) for d in map(json.loads, disputes.open(encoding="utf-8")))
    return out


def precision(verdicts: list) -> dict:
    right, wrong, unjudged = verdicts.count("correct"), verdicts.count("wrong"), verdicts.count(None)
    total = len(verdicts) or 1
    return {"disputes": len(verdicts), "judged_right": right, "judged_wrong": wrong, "unjudged": unjudged,
            "precision_range": [round(right / total, 2), round((right + unjudged) / total, 2)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=[ROOT / "eval" / "disputes-wild"])
    parser.add_argument("--out", type=Path, help="write the disputes reported now, in the judged files' format")
    parser.add_argument("--corroborations", action="store_true",
                        help="score the corroborations reported instead (eval/corroborations-wild/)")
    args = parser.parse_args()
    what = "corroborations" if args.corroborations else "disputes"
    analyzer, now, seen = Analyzer(), [], []
    for folder in args.sets:
        judged = judged_in(folder, what)
        for name in (folder / "articles.txt").read_text(encoding="utf-8").split():
            analysis = analyzer.analyze(make_article((TEXTS / f"{name}.txt").read_text(encoding="utf-8"), id=name))
            for d in analysis.corroborations if args.corroborations else analysis.disagreements:
                kind = "corroboration" if args.corroborations else d.kind
                shown = {"id": f"w{len(now)}", "article": name, "kind": kind, "matter": d.matter,
                         "sides": [{"sources": s.sources, "stance": s.stance,
                                    "evidence": [e.model_dump() for e in s.evidence]} for s in d.sides]}
                now.append(shown)
                seen.append((kind, judged.get(evidence(shown)), d.confidence))
    if args.out:
        args.out.write_text("".join(json.dumps(d) + "\n" for d in now), encoding="utf-8")
    report = precision([v for _, v, _ in seen])
    report["by_kind"] = {kind: precision([v for k, v, _ in seen if k == kind]) for kind in sorted({k for k, _, _ in seen})}
    report["by_confidence"] = {f"{kind} {c}": precision([v for k, v, x in seen if (k, x) == (kind, c)])
                               for kind, c in sorted({(k, x) for k, _, x in seen})}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
