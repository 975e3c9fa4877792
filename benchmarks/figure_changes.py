"""Which figures a change to `figures.py` gives a different source, for a blind judge.

The hand-labelled figures (`eval/sources/`) are few and a rule shaped on them is not measured by them, so a
change is also judged on what it changes: dump the source of every figure of every third PolNeAR train article
before and after (run the old revision with `PYTHONPATH=<its checkout>/src`), turn each difference into a case
with both answers shuffled, have someone who sees neither the code nor the key judge which source really
vouches for the figure, then score with `speaker_changes.py score`.

    python benchmarks/figure_changes.py dump OUT.jsonl
    python benchmarks/figure_changes.py cases OLD.jsonl NEW.jsonl eval/figures/cases-X.jsonl eval/figures/key-X.jsonl
    python benchmarks/speaker_changes.py score eval/figures/key-X.jsonl eval/figures/judgements-X.jsonl
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from speaker_changes import _every_third, analyses, cases


def dump(out: Path) -> None:
    rows = [{"article": article, "start": f.span.start, "end": f.span.end, "source": names.get(f.source_id)}
            for article, _, analysis, names in analyses(_every_third(0)) for f in analysis.figures]
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("dump", "cases"))
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    if args.step == "dump":
        dump(*args.paths)
    else:
        cases(*args.paths, prefix="g", what="figure")


if __name__ == "__main__":
    main()
