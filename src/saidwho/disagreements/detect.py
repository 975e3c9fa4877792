"""Decide, for claims grouped into matters, who disagrees with whom and who corroborates whom.

A pair is about the same proposition when its embeddings are close and it
shares informative terms (or the reporter set the two side by side in one
sentence). Opposite polarity from different voices is a disagreement
(`denial` when a side denied or rejected); same polarity from independent
voices with a tighter bar is a corroboration. Figures conflict when two
voices give incompatible values for the same counted thing.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Optional

import numpy as np

from ..model import Analysis, Claim, Corroboration, Disagreement, Figure, Matter, Side, Span
from .claims import is_denial
from .embed import Embedder
from .grouping import group, stem

CONTEXT_WEIGHT = 0.5   # the sentence around a claim says what "headway" is about
SAME = 0.65            # cosine at which two claims say the same thing outright
SAME_WITH_TERM = 0.5  # ... or when they share an informative term
SAME_WITH_TERMS = 0.35  # ... or two
SAME_SENTENCE = 0.5    # juxtaposed by the reporter in one sentence
AGREE = 0.55           # same-polarity claims this close stand on one side
CORROBORATE = 0.75     # corroboration needs a tighter bar: near-paraphrase, or two shared terms at AGREE
COMMON_SHARE = 0.2    # a term in more of the pool than this is the topic, not the matter
EXACT_TOLERANCE = 0.005
ABOUT_TOLERANCE = 0.1
FIGURE_OVERLAP = 0.6
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s|\n\s*\n")


@dataclass
class ClaimItem:
    """A claim with what detection needs: where it came from, who said it, and its vector."""

    claim: Claim
    source_name: str
    denial: bool
    evidence: list[Span]
    article_id: str
    outlet: Optional[str]
    published: Optional[str]
    context: str
    via: set[str] = field(default_factory=set)
    stems: frozenset[str] = frozenset()
    vector: Optional[np.ndarray] = None

    @property
    def speaker(self) -> str:
        """One article's source; the same name in another article is another voice unless the date matches."""
        return f"{self.article_id}:{self.claim.source_id or self.source_name.lower()}"

    @property
    def voice(self) -> str:
        name = self.source_name.lower().removeprefix("the ").strip()
        return f"{name}@{self.published or self.article_id}"


def context_sentence(text: str, span: Span) -> str:
    """The sentence around a span, found without a parse so stored analyses can be re-read."""
    start = max((m.end() for m in SENTENCE_END.finditer(text, 0, span.start)), default=0)
    m = SENTENCE_END.search(text, span.end)
    return " ".join(text[start:m.end() if m else len(text)].split())


def items_for(analysis: Analysis) -> list[ClaimItem]:
    atts = {a.id: a for a in analysis.attributions}
    sources = {s.id: s for s in analysis.sources}
    items = []
    for c in analysis.claims:
        a = atts[c.attribution_id]
        src = sources.get(c.source_id or "")
        name = src.name if src else (" + ".join(s.text for s in a.sources) or analysis.article.outlet or "(unattributed)")
        via = {src.via} if src and src.via else set()
        items.append(ClaimItem(claim=c, source_name=name, denial=is_denial(a.cue.text), evidence=list(a.contents),
                               article_id=analysis.article.id, outlet=analysis.article.outlet,
                               published=analysis.article.published, context=context_sentence(analysis.article.text, a.contents[0]),
                               via=via))
    return items


def embed(items: list[ClaimItem], embedder: Embedder) -> np.ndarray:
    """Claim vector nudged toward its sentence, so elliptic claims keep their topic."""
    if not items:
        return np.zeros((0, 384), dtype=np.float32)
    own = embedder.encode([i.claim.text for i in items])
    ctx = embedder.encode([i.context for i in items])
    vectors = own + CONTEXT_WEIGHT * ctx
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    for item, v in zip(items, vectors):
        item.vector = v
    return vectors


def _is_name(word: str, text: str) -> bool:
    """Names ('Hamas', 'Cairo') say who or where; a shared name alone does not make one proposition."""
    return word[:1].upper() + word[1:] in text and word not in text


def informative_stems(items: list[ClaimItem]) -> list[frozenset[str]]:
    """Stems of each claim's common-noun and verb terms, minus those so common in the pool that they only name the topic."""
    raw = [frozenset(stem(w) for t in i.claim.terms for w in t.split() if len(w) > 2 and not _is_name(w, i.claim.text))
           for i in items]
    df = Counter(s for r in raw for s in r)
    limit = max(3, COMMON_SHARE * len(items))
    out = [frozenset(s for s in r if df[s] <= limit) for r in raw]
    for item, s in zip(items, out):
        item.stems = s
    return out


def same_proposition(a: ClaimItem, b: ClaimItem, cos: float) -> bool:
    shared = len(a.stems & b.stems)
    return (cos >= SAME or (cos >= SAME_WITH_TERM and shared >= 1) or (cos >= SAME_WITH_TERMS and shared >= 2)
            or (cos >= SAME_SENTENCE and a.article_id == b.article_id and a.context == b.context))


def independent(a: ClaimItem, b: ClaimItem) -> bool:
    """Different voices, and neither relays the other."""
    if a.speaker == b.speaker or a.voice == b.voice:
        return False
    return not ({a.claim.source_id} & b.via or {b.claim.source_id} & a.via)


def pair_confidence(a: ClaimItem, b: ClaimItem, cos: float) -> float:
    shared = len(a.stems & b.stems)
    hedged = a.claim.modality != "certain" or b.claim.modality != "certain"
    return round(float(np.clip(0.45 + 0.6 * (cos - SAME_WITH_TERMS) + 0.08 * min(shared, 3) - 0.15 * hedged, 0.05, 0.99)), 2)


def matter_label(items: Iterable[ClaimItem]) -> str:
    """The terms most claims of the matter share: short and readable."""
    counts = Counter(t for i in items for t in dict.fromkeys(i.claim.terms))
    top = [t for t, n in counts.most_common(4) if n > 1][:3] or [t for t, _ in counts.most_common(2)]
    return ", ".join(top) or "(unlabelled)"


def _side(members: list[ClaimItem]) -> Side:
    first = members[0]
    return Side(stance=first.claim.text, sources=list(dict.fromkeys(m.source_name for m in members)), source_ids=sorted({m.claim.source_id for m in members if m.claim.source_id}),
                attribution_ids=[m.claim.attribution_id for m in members],
                evidence=[s for m in members for s in m.evidence], article_id=first.article_id,
                outlet=first.outlet, published=first.published)


def _sides(members: list[ClaimItem]) -> list[Side]:
    """One side per stance and article, in reading order (the lede states it first)."""
    by: dict[tuple[str, str], list[ClaimItem]] = defaultdict(list)
    for m in members:
        by[(m.claim.polarity, m.article_id)].append(m)
    return [_side(sorted(v, key=lambda m: m.evidence[0].start)) for _, v in sorted(by.items())]


@dataclass
class Findings:
    matters: list[Matter]
    disagreements: list[Disagreement]
    corroborations: list[Corroboration]
    matter_of: dict[int, str]


def detect(items: list[ClaimItem], vectors: np.ndarray) -> Findings:
    """Group into matters, then read off disagreements and corroborations inside each matter."""
    stems = informative_stems(items)
    labels, related = group(vectors, stems, [i.article_id for i in items],
                            lambda x, y, cos: same_proposition(items[x], items[y], cos), floor=SAME_WITH_TERMS)
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    matters: list[Matter] = []
    matter_of: dict[int, str] = {}
    for lab, idx in members.items():
        if len(idx) > 1:
            mid = f"m{len(matters) + 1}"
            matters.append(Matter(id=mid, label=matter_label(items[i] for i in idx), claim_ids=[items[i].claim.id for i in idx]))
            matter_of.update((i, mid) for i in idx)
    disagreements = _disagreements(items, related, labels)
    corroborations = _corroborations(items, related, labels)
    return Findings(matters, disagreements, corroborations, matter_of)


def _disagreements(items: list[ClaimItem], related: dict[tuple[int, int], float], labels: list[int]) -> list[Disagreement]:
    clash: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    agree: dict[int, set[int]] = defaultdict(set)
    for (x, y), cos in related.items():
        a, b = items[x], items[y]
        if a.claim.polarity != b.claim.polarity and independent(a, b):
            clash[labels[x]][(x, y)] = cos
        elif a.claim.polarity == b.claim.polarity and cos >= AGREE:
            agree[x].add(y)
            agree[y].add(x)
    out = []
    for lab, pairs in clash.items():
        core = {i for p in pairs for i in p}
        allies = {j for i in core for j in agree[i] if labels[j] == lab}
        group_items = [items[i] for i in sorted(core | allies)]
        sides = _sides(group_items)
        if len(sides) < 2:
            continue
        (x, y), cos = max(pairs.items(), key=lambda kv: kv[1])
        kind = "denial" if any(items[i].denial for i in core) else "polarity"
        out.append(Disagreement(id=f"d{len(out) + 1}", matter=matter_label(group_items), kind=kind, sides=sides,
                                confidence=pair_confidence(items[x], items[y], cos)))
    return out


def _corroborations(items: list[ClaimItem], related: dict[tuple[int, int], float], labels: list[int]) -> list[Corroboration]:
    out = []
    for (x, y), cos in sorted(related.items(), key=lambda kv: -kv[1]):
        a, b = items[x], items[y]
        if a.claim.polarity == b.claim.polarity and independent(a, b) and (cos >= CORROBORATE or (cos >= AGREE and len(a.stems & b.stems) >= 2)):
            out.append(Corroboration(id=f"k{len(out) + 1}", matter=matter_label([a, b]), sides=[_side([a]), _side([b])],
                                     confidence=pair_confidence(a, b, cos)))
    return out


# --- figures -------------------------------------------------------------------------------------

@dataclass
class FigureItem:
    figure: Figure
    voice: str
    speaker: str
    source_name: str
    article_id: str
    outlet: Optional[str]
    published: Optional[str]


def figure_items(analysis: Analysis) -> list[FigureItem]:
    """Figures with a counted thing; unattributed ones speak for the outlet."""
    names = {s.id: s.name for s in analysis.sources}
    art = analysis.article
    out = []
    for f in analysis.figures:
        if not f.counts or (f.value is None and f.low is None):
            continue
        name = names.get(f.source_id or "", art.outlet or "(reporter)")
        out.append(FigureItem(f, f"{name.lower().removeprefix('the ')}@{art.published or art.id}",
                              f"{art.id}:{f.source_id or 'reporter'}", name, art.id, art.outlet, art.published))
    return out


def interval(f: Figure) -> tuple[float, float]:
    """What a figure allows: 'more than 33,100' excludes 32,000; 'about 40' allows 38."""
    if f.value is None:
        return (f.low or 0.0, f.high if f.high is not None else float("inf"))
    v = f.value
    return {
        "more_than": (v, float("inf")), "at_least": (v, float("inf")),
        "up_to": (0.0, v), "less_than": (0.0, v),
        "about": (v * (1 - ABOUT_TOLERANCE), v * (1 + ABOUT_TOLERANCE)),
    }.get(f.qualifier, (v * (1 - EXACT_TOLERANCE), v * (1 + EXACT_TOLERANCE)))


def counts_stems(f: Figure) -> frozenset[str]:
    return frozenset(stem(w) for w in (f.counts or "").lower().split() if len(w) > 2)


def figures_conflict(a: Figure, b: Figure) -> bool:
    if a.unit != b.unit:
        return False
    sa, sb = counts_stems(a), counts_stems(b)
    if not sa or len(sa & sb) / len(sa | sb) < FIGURE_OVERLAP:
        return False
    (lo1, hi1), (lo2, hi2) = interval(a), interval(b)
    return hi1 < lo2 or hi2 < lo1


def figure_disagreements(figs: list[FigureItem], start: int = 1) -> list[Disagreement]:
    """Pairs inside buckets keyed by the last counted word: never all pairs of the collection."""
    buckets: dict[tuple, list[FigureItem]] = defaultdict(list)
    for f in figs:
        words = (f.figure.counts or "").lower().split()
        buckets[(f.figure.unit, stem(words[-1]) if words else "")].append(f)
    out = []
    for bucket in buckets.values():
        for k, a in enumerate(bucket):
            for b in bucket[k + 1:]:
                if a.speaker == b.speaker or a.voice == b.voice or not _same_day(a, b) or _background(a, b):
                    continue
                if figures_conflict(a.figure, b.figure):
                    exact = counts_stems(a.figure) == counts_stems(b.figure)
                    out.append(Disagreement(id=f"d{start + len(out)}", matter=a.figure.counts or "figure", kind="figure",
                                            sides=[_figure_side(a), _figure_side(b)], confidence=0.85 if exact else 0.7))
    return out


def _background(a: FigureItem, b: FigureItem) -> bool:
    """Inside one article, the reporter's own numbers are background, not a side in a dispute."""
    return a.article_id == b.article_id and not (a.figure.source_id and b.figure.source_id)


def _same_day(a: FigureItem, b: FigureItem) -> bool:
    return a.article_id == b.article_id or not a.published or not b.published or a.published[:10] == b.published[:10]


def _figure_side(f: FigureItem) -> Side:
    return Side(stance=f"{f.figure.span.text} {f.figure.counts or ''}".strip(), sources=[f.source_name], source_ids=[f.figure.source_id] if f.figure.source_id else [],
                attribution_ids=[f.figure.attribution_id] if f.figure.attribution_id else [], figure_ids=[f.figure.id],
                evidence=[f.figure.span], article_id=f.article_id, outlet=f.outlet, published=f.published)
