"""Who a change to source resolution says speaks, and how a blind judge scored what changed.

No gold set links pronouns and surnames to their speakers, so a change is measured on what it changes:
dump the resolved source of every attribution of every third PolNeAR train article before and after
(run the old revision with `PYTHONPATH=<its checkout>/src`), turn the differences into cases whose two
answers are shuffled, have someone who sees neither the code nor the key judge them, then score.

    python benchmarks/speaker_changes.py dump OUT.jsonl
    python benchmarks/speaker_changes.py cases OLD.jsonl NEW.jsonl eval/speakers/cases-X.jsonl eval/speakers/key-X.jsonl
    python benchmarks/speaker_changes.py score eval/speakers/key-X.jsonl eval/speakers/judgements-X.jsonl

How often the resolved speaker is right at all, not only where a change moved it, is judged the same way on a
random sample of the mentions that need resolving (a pronoun, a lone surname, a bare role) in the train articles
the dumps never read:

    python benchmarks/speaker_changes.py audit eval/speakers/audit-cases.jsonl [--offset 2 | --dev]
    python benchmarks/speaker_changes.py tally eval/speakers/audit-judgements.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from pathlib import Path

from wild_disputes import TEXTS

DEV_TEXTS = TEXTS.parents[1] / "dev" / "text"

CONTEXT = 900  # characters before the mention a judge sees: the quote and who spoke last
AUDIT_SIZE = 150
# a mention that names nobody by itself: 'he', 'they', 'Morris', 'the senator', 'a spokeswoman for the campaign'
NEEDS_RESOLVING = re.compile(r"[\w\-\u2019']+|(?:the|this|that|a|an)\s.+", re.IGNORECASE)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def analyses(paths: list[Path]):
    """(article, text, analysis, source names by id) for each of these articles."""
    from saidwho.ingest import make_article
    from saidwho.pipeline import Analyzer
    analyzer = Analyzer()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        analysis = analyzer.analyze(make_article(text, id=path.stem))
        yield path.stem, text, analysis, {s.id: s.name for s in analysis.sources}


def _speakers(paths: list[Path]):
    """(article, text, source span, the name of the source saidwho resolves it to) for every attribution's source
    mention in these articles."""
    for article, text, analysis, names in analyses(paths):
        for a in analysis.attributions:
            for span in a.sources:
                yield article, text, span, names.get(a.source_id)


def _every_third(offset: int) -> list[Path]:
    return sorted(TEXTS.glob("*.txt"))[offset::3]


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT):end + 300]


def dump(out: Path) -> None:
    rows = [{"article": article, "start": span.start, "end": span.end, "source": name}
            for article, _, span, name in _speakers(_every_third(0))]
    out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def cases(old: Path, new: Path, out: Path, key: Path, prefix: str = "c", what: str = "mention") -> None:
    """Each span whose answer differs between two dumps, with both answers shuffled into A and B."""
    before = {(r["article"], r["start"], r["end"]): r["source"] for r in _lines(old)}
    after = {(r["article"], r["start"], r["end"]): r["source"] for r in _lines(new)}
    shuffle, made, keys, texts = random.Random(0), [], [], {}
    for (article, start, end), was in before.items():
        now = after.get((article, start, end), was)
        if now == was:
            continue
        if article not in texts:
            texts[article] = (TEXTS / f"{article}.txt").read_text(encoding="utf-8")
        text = texts[article]
        new_first = shuffle.random() < 0.5
        case_id = f"{prefix}{len(made)}"
        made.append({"id": case_id, "article": article, what: {"start": start, "end": end, "text": text[start:end]},
                     "context": _context(text, start, end),
                     "A": now if new_first else was, "B": was if new_first else now})
        keys.append({"id": case_id, "A": "new" if new_first else "old"})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(c) + "\n" for c in made), encoding="utf-8")
    key.write_text("".join(json.dumps(k) + "\n" for k in keys), encoding="utf-8")


def audit(out: Path, offset: int = 1, dev: bool = False) -> None:
    """A seeded sample of the mentions that need resolving, each with the speaker saidwho gives it, from every
    third train article after the dumps' (offset 1, then 2), or from PolNeAR dev, which no speaker rule was
    shaped on once both train samples had been."""
    paths = sorted(DEV_TEXTS.glob("*.txt")) if dev else _every_third(offset)
    found = [row for row in _speakers(paths) if NEEDS_RESOLVING.fullmatch(row[2].text)]
    made = [{"id": f"a{n}", "article": article, "split": "dev" if dev else "train",
             "mention": {"start": span.start, "end": span.end, "text": span.text},
             "context": _context(text, span.start, span.end), "answer": name}
            for n, (article, text, span, name) in enumerate(random.Random(0).sample(found, min(AUDIT_SIZE, len(found))))]
    out.write_text("".join(json.dumps(c) + "\n" for c in made), encoding="utf-8")


def tally(judgements: Path) -> dict:
    """Verdicts: right; wrong (someone else); missed (left vague though the article says who); unsayable (the
    article does not say); not_a_source. Accuracy is over the mentions the article resolves."""
    counts = Counter(j["verdict"] for j in _lines(judgements))
    resolvable = counts["right"] + counts["wrong"] + counts["missed"]
    answered = counts["right"] + counts["wrong"]
    return {**dict(sorted(counts.items())),
            "accuracy": round(counts["right"] / resolvable, 3) if resolvable else None,
            "wrong_when_answered": round(counts["wrong"] / answered, 3) if answered else None}


def score(key: Path, judgements: Path) -> dict:
    """Verdicts say which answer (A, B) is right; the key says which of them the change gave."""
    a_is = {k["id"]: k["A"] for k in _lines(key)}
    counts: Counter = Counter()
    for j in _lines(judgements):
        a = a_is[j["id"]]
        b = "old" if a == "new" else "new"
        named = {"A": f"{a} right", "B": f"{b} right", "A_unresolved_B_wrong": f"{a} unresolved, {b} wrong",
                 "B_unresolved_A_wrong": f"{b} unresolved, {a} wrong"}
        counts[named.get(j["verdict"], j["verdict"])] += 1
    return dict(sorted(counts.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("dump", "cases", "score", "audit", "tally"))
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--offset", type=int, default=1, help="audit: every third train article from this one")
    parser.add_argument("--dev", action="store_true", help="audit: PolNeAR dev articles instead")
    args = parser.parse_args()
    if args.step == "dump":
        dump(*args.paths)
    elif args.step == "audit":
        audit(*args.paths, offset=args.offset, dev=args.dev)
    elif args.step == "tally":
        print(json.dumps(tally(*args.paths), indent=1))
    elif args.step == "cases":
        cases(*args.paths)
    else:
        print(json.dumps(score(*args.paths), indent=1))


if __name__ == "__main__":
    main()
