"""Attribution scoring with the reference scorer's definitions.

Spans are whitespace-trimmed; 'exact' compares (start, end) sets per span
type; 'overlap' compares sets of covered tokens; an attribution matches
one-to-one when content token F1 >= 0.5, and counts for who-said when the
sources share a token too (or neither has one).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)
ROLES = ("cue", "source", "content")
Range = tuple[int, int]


@dataclass
class GoldAttribution:
    cue: list[Range] = field(default_factory=list)
    source: list[Range] = field(default_factory=list)
    content: list[Range] = field(default_factory=list)


def trim(text: str, start: int, end: int) -> Range:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_brat(text: str, ann: str) -> list[GoldAttribution]:
    spans: dict[str, list[Range]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if line.startswith("T"):
            offsets = cols[1].partition(" ")[2]
            spans[cols[0]] = [trim(text, *map(int, frag.split())) for frag in offsets.split(";")]
        elif line.startswith("E"):
            events.append(cols[1].split())
    out = []
    for args in events:
        att = GoldAttribution()
        for arg in args[1:]:
            role, _, tid = arg.partition(":")
            role = role.rstrip("0123456789").lower()
            if role in ROLES and tid in spans:
                getattr(att, role).extend(spans[tid])
        out.append(att)
    return out


def read_citron(text: str, doc: dict) -> list[GoldAttribution]:
    out = []
    for q in doc.get("quotes", doc.get("attributions", [])):
        cue = q.get("cue")
        cues = cue if isinstance(cue, list) else [cue] if cue else []
        out.append(GoldAttribution(
            cue=[trim(text, c["start"], c["end"]) for c in cues],
            source=[trim(text, s["start"], s["end"]) for s in q.get("sources", [])],
            content=[trim(text, s["start"], s["end"]) for s in q.get("contents", [])],
        ))
    return out


def iter_brat(text_dir: Path, ann_dir: Path) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """PolNeAR layout; of several annotators' files the first in name order is gold."""
    seen = set()
    for ann in sorted(p for p in ann_dir.iterdir() if p.suffix == ".ann"):
        name = ann.stem
        if not (text_dir / f"{name}.txt").exists():
            name = re.sub(r"_[0-9a-f]{4}$", "", name)
        if name in seen:
            continue
        seen.add(name)
        text = (text_dir / f"{name}.txt").read_text(encoding="utf-8")
        yield name, text, read_brat(text, ann.read_text(encoding="utf-8"))


def iter_citron(json_dir: Path) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    for path in sorted(p for p in json_dir.iterdir() if p.suffix == ".json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        yield path.stem, doc["text"], read_citron(doc["text"], doc)


def _covered(tokens: list[Range], spans: Iterable[Range]) -> set[int]:
    spans = list(spans)
    return {i for i, (a, b) in enumerate(tokens) if any(a < e and b > s for s, e in spans)}


def _token_f1(a: set[int], b: set[int]) -> float:
    inter = len(a & b)
    if not inter:
        return 0.0
    p, r = inter / len(a), inter / len(b)
    return 2 * p * r / (p + r)


class Scorer:
    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.documents = 0
        self.missing = 0
        self.errors: list[dict] = []

    def add(self, name: str, text: str, gold: list[GoldAttribution], pred: list[GoldAttribution] | None) -> None:
        self.documents += 1
        if pred is None:
            self.missing += 1
            pred = []
        tokens = [m.span() for m in TOKEN.finditer(text)]
        c = self.counts
        for role in ROLES:
            g = {s for a in gold for s in getattr(a, role) if s[0] < s[1]}
            p = {s for a in pred for s in getattr(a, role) if s[0] < s[1]}
            c[f"{role}.exact.tp"] += len(g & p)
            c[f"{role}.exact.pred"] += len(p)
            c[f"{role}.exact.gold"] += len(g)
            gt, pt = _covered(tokens, g), _covered(tokens, p)
            c[f"{role}.overlap.tp"] += len(gt & pt)
            c[f"{role}.overlap.pred"] += len(pt)
            c[f"{role}.overlap.gold"] += len(gt)
        gcov = [(_covered(tokens, a.content), _covered(tokens, a.source)) for a in gold]
        pcov = [(_covered(tokens, a.content), _covered(tokens, a.source)) for a in pred]
        pairs = sorted(
            ((f, i, j) for i, (g, _) in enumerate(gcov) for j, (p, _) in enumerate(pcov) if (f := _token_f1(g, p)) >= 0.5),
            reverse=True,
        )
        used_g, used_p, who_ok = set(), set(), set()
        for _, i, j in pairs:
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            gs, ps = gcov[i][1], pcov[j][1]
            if (not gs and not ps) or gs & ps:
                who_ok.add(j)
            else:
                self._error(name, text, "wrong_source", gold[i], pred[j])
        c["attribution.tp"] += len(used_g)
        c["who_said.tp"] += len(who_ok)
        c["attribution.pred"] += len(pred)
        c["attribution.gold"] += len(gold)
        for i, g in enumerate(gold):
            if i not in used_g:
                self._error(name, text, "missed", g, None)
        for j, p in enumerate(pred):
            if j not in used_p:
                self._error(name, text, "false_alarm", None, p)

    def _error(self, name: str, text: str, kind: str, gold: GoldAttribution | None, pred: GoldAttribution | None) -> None:
        def show(a):
            return a and {r: [text[s:e] for s, e in getattr(a, r)] for r in ROLES}
        self.errors.append({"document": name, "error": kind, "gold": show(gold), "predicted": show(pred)})

    def summary(self) -> dict:
        c = self.counts

        def prf(tp, npred, ngold):
            p = tp / npred if npred else 0.0
            r = tp / ngold if ngold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        out: dict = {"documents": self.documents, "missing_predictions": self.missing}
        for role in ROLES:
            for m in ("exact", "overlap"):
                k = f"{role}.{m}"
                out[k] = prf(c[k + ".tp"], c[k + ".pred"], c[k + ".gold"])
        for k in ("attribution", "who_said"):
            out[k] = prf(c[k + ".tp"], c["attribution.pred"], c["attribution.gold"])
        out["counts"] = {"gold": c["attribution.gold"], "predicted": c["attribution.pred"]}
        return out


def format_summary(out: dict) -> str:
    lines = [f"documents: {out['documents']}  missing predictions: {out['missing_predictions']}  "
             f"gold attributions: {out['counts']['gold']}  predicted: {out['counts']['predicted']}",
             f"{'metric':<18}{'P':>8}{'R':>8}{'F1':>8}"]
    for k, v in out.items():
        if isinstance(v, dict) and "f1" in v:
            lines.append(f"{k:<18}{v['precision']:>8.3f}{v['recall']:>8.3f}{v['f1']:>8.3f}")
    return "\n".join(lines)
