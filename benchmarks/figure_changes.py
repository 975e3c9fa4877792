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
import random
from pathlib import Path

from speaker_changes import _context, _every_third, _lines


def dump(out: Path) -> None:
    from saidwho.ingest import make_article
    from saidwho.pipeline import Analyzer
    analyzer, rows = Analyzer(), []
    for path in _every_third(0):
        analysis = analyzer.analyze(make_article(path.read_text(encoding="utf-8"), id=path.stem))
        names = {s.id: s.name for s in analysis.sources}
        rows += [{"article": path.stem, "start": f.span.start, "end": f.span.end, "source": names.get(f.source_id)}
                 for f in analysis.figures]
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def cases(old: Path, new: Path, out: Path, key: Path) -> None:
    before = {(r["article"], r["start"], r["end"]): r["source"] for r in _lines(old)}
    after = {(r["article"], r["start"], r["end"]): r["source"] for r in _lines(new)}
    shuffle, made, keys = random.Random(0), [], []
    texts = {path.stem: path for path in _every_third(0)}
    for (article, start, end), was in before.items():
        now = after.get((article, start, end), was)
        if now == was:
            continue
        text = texts[article].read_text(encoding="utf-8")
        new_first = shuffle.random() < 0.5
        case_id = f"g{len(made)}"
        made.append({"id": case_id, "article": article, "figure": {"start": start, "end": end, "text": text[start:end]},
                     "context": _context(text, start, end),
                     "A": now if new_first else was, "B": was if new_first else now})
        keys.append({"id": case_id, "A": "new" if new_first else "old"})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(c) + "\n" for c in made), encoding="utf-8")
    key.write_text("".join(json.dumps(k) + "\n" for k in keys), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("dump", "cases"))
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args()
    (dump if args.step == "dump" else cases)(*args.paths)


if __name__ == "__main__":
    main()
