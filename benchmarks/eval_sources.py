"""Score typed sources and figures against the hand-annotated set in eval/sources/.

Usage: .venv/bin/python benchmarks/eval_sources.py [--labels eval/sources] [--shared ../shared]
       [--extractor rules|tagger|gold] [--show-errors]

Sources: for each gold source mention, the system source one of whose
mentions overlaps it; type, named and anonymous accuracy are over the
covered mentions, coverage is the share covered.
Figures: detection by span overlap (recall over gold, precision over
system), value accuracy over matched figures (equal within 0.5%, or both
null), source accuracy over matched figures (the system figure's source
has a mention overlapping the gold source span, or both are null).
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from saidwho.evaluate import read_brat
from saidwho.ingest import analysable_text, coerce
from saidwho.model import Analysis, Attribution, Source, Span
from saidwho.pipeline import Analyzer

ROOT = Path(__file__).resolve().parents[1]


def overlaps(a: dict | object, b: dict | object) -> bool:
    sa, ea = _range(a)
    sb, eb = _range(b)
    return sa < eb and sb < ea


def _range(x) -> tuple[int, int]:
    return (x["start"], x["end"]) if isinstance(x, dict) else (x.start, x.end)


def article_path(name: str, shared: Path) -> Path:
    for split in ("dev", "train"):
        p = shared / "data" / "polnear" / split / "text" / f"{name}.txt"
        if p.is_file():
            return p
    p = ROOT / "samples" / f"{name}.txt"
    if p.is_file():
        return p
    raise FileNotFoundError(name)


def source_at(analysis: Analysis, span: dict) -> Source | None:
    """The system source with a mention overlapping ``span`` (the tightest, if several)."""
    best, best_len = None, None
    for s in analysis.sources:
        for m in s.mentions:
            if overlaps(m, span) and (best_len is None or m.end - m.start < best_len):
                best, best_len = s, m.end - m.start
    return best


def gold_attribution_file(name: str, shared: Path) -> Path | None:
    """PolNeAR's gold attributions for an article: the first annotator's file in name order."""
    for split in ("dev", "train"):
        found = sorted((shared / "data" / "polnear" / split / "attributions").glob(f"{name}*.ann"))
        if found:
            return found[0]
    return None


def analyze_with_gold(analyzer: Analyzer, text_path: Path, ann: Path) -> Analysis:
    """Run the stages after PolNeAR's own attributions, to measure them apart from the extractor."""
    article = coerce(text_path)
    doc = analyzer.nlp(analysable_text(article))
    text = article.text
    analysis = Analysis(article=article, extractor="gold")
    for g in read_brat(text, ann.read_text(encoding="utf-8")):
        if g.cue and g.content:
            analysis.attributions.append(Attribution(
                id=f"a{len(analysis.attributions) + 1}", kind="indirect", cue=Span.of(text, *g.cue[0]),
                sources=[Span.of(text, *x) for x in g.source], contents=[Span.of(text, *x) for x in g.content]))
    for run in analyzer.stages:
        run(analysis, doc)
    return analysis


def same_value(gold: float | None, system: float | None) -> bool:
    if gold is None or system is None:
        return gold is None and system is None
    return abs(gold - system) <= 0.005 * max(abs(gold), 1e-9)


def score(labels: Path, shared: Path, show_errors: bool = False, extractor: str = "default") -> dict:
    analyzer = Analyzer(extractor="default" if extractor == "gold" else extractor, stages=["sources", "figures"])
    c: Counter = Counter()
    confusion: Counter = Counter()
    for path in sorted(labels.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = article_path(gold["article"], shared)
        ann = gold_attribution_file(gold["article"], shared) if extractor == "gold" else None
        analysis = analyze_with_gold(analyzer, text_path, ann) if ann else analyzer.analyze(text_path)
        text = analysis.article.text
        for g in gold["sources"]:
            assert text[g["mention"]["start"]:g["mention"]["end"]] == g["mention"]["text"], (path.name, g)
            c["src_gold"] += 1
            s = source_at(analysis, g["mention"])
            if s is None:
                extracted = any(overlaps(x, g["mention"]) for a in analysis.attributions for x in a.sources)
                c["src_dropped"] += extracted
                if show_errors:
                    print(f"MISS  {path.stem[:30]}  {g['mention']['text']!r} ({g['type']})")
                continue
            c["src_covered"] += 1
            c["src_type"] += s.type == g["type"]
            c["src_named"] += s.named == g["named"]
            c["src_anon"] += s.anonymous == g["anonymous"]
            confusion[(g["type"], s.type)] += 1
            if show_errors and (s.type != g["type"] or s.named != g["named"] or s.anonymous != g["anonymous"]):
                print(f"SRC   {path.stem[:30]}  {g['mention']['text']!r}: gold {g['type']}/{g['named']}/{g['anonymous']}"
                      f" sys {s.type}/{s.named}/{s.anonymous} ({s.name!r})")
        matched_system: set[str] = set()
        for g in gold["figures"]:
            c["fig_gold"] += 1
            hits = [f for f in analysis.figures if overlaps(f.span, g["span"])]
            if not hits:
                if show_errors:
                    print(f"FMISS {path.stem[:30]}  {g['span']['text']!r}")
                continue
            f = hits[0]
            matched_system.update(h.id for h in hits)
            c["fig_found"] += 1
            c["fig_value"] += same_value(g["value"], f.value)
            by_id = {s.id: s for s in analysis.sources}
            system_source = by_id.get(f.source_id) if f.source_id else None
            if g["source"] is None:
                ok = system_source is None
            else:
                ok = system_source is not None and any(overlaps(m, g["source"]) for m in system_source.mentions)
            c["fig_source"] += ok
            if show_errors and not ok:
                print(f"FSRC  {path.stem[:30]}  {g['span']['text']!r}: gold {g['source'] and g['source']['text']!r}"
                      f" sys {system_source and system_source.name!r}")
            if show_errors and not same_value(g["value"], f.value):
                print(f"FVAL  {path.stem[:30]}  {g['span']['text']!r}: gold {g['value']} sys {f.value} ({f.span.text!r})")
        c["fig_system"] += len(analysis.figures)
        c["fig_system_matched"] += len(matched_system)
        if show_errors:
            gold_spans = gold["figures"]
            for f in analysis.figures:
                if not any(overlaps(f.span, g["span"]) for g in gold_spans):
                    print(f"FEXTRA {path.stem[:30]}  {f.span.text!r}")
        c["articles"] += 1
    covered = c["src_covered"] or 1
    found = c["fig_found"] or 1
    return {
        "extractor": extractor if extractor == "gold" else analyzer.extractor.name,
        "articles": c["articles"],
        "sources": {
            "gold_mentions": c["src_gold"],
            "coverage": round(c["src_covered"] / (c["src_gold"] or 1), 3),
            "missed_though_extracted": c["src_dropped"],
            "type_accuracy": round(c["src_type"] / covered, 3),
            "named_accuracy": round(c["src_named"] / covered, 3),
            "anonymous_accuracy": round(c["src_anon"] / covered, 3),
            "type_confusion_gold_to_system": {f"{g}->{s}": n for (g, s), n in sorted(confusion.items()) if g != s},
        },
        "figures": {
            "gold": c["fig_gold"],
            "system": c["fig_system"],
            "recall": round(c["fig_found"] / (c["fig_gold"] or 1), 3),
            "precision": round(c["fig_system_matched"] / (c["fig_system"] or 1), 3),
            "value_accuracy": round(c["fig_value"] / found, 3),
            "source_accuracy": round(c["fig_source"] / found, 3),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=ROOT / "eval" / "sources")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--extractor", default="default", help="attribution extractor the stages run after; 'gold' uses PolNeAR's own attributions")
    args = parser.parse_args()
    print(json.dumps(score(args.labels, args.shared, args.show_errors, args.extractor), indent=2))


if __name__ == "__main__":
    main()
