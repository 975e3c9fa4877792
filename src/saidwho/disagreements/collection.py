"""Disagreements across a collection of analysed articles, and checking one claim against it.

Claims of all articles are pooled and grouped again, so a matter can span
outlets. A source keeps one voice per date: the same name in two
articles of different dates is two voices, so a changed story shows up.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

from spacy.language import Language

from ..model import Analysis, Claim, Corroboration, Disagreement, Span
from .claims import naming_entities, polarity_of, predicates_of, terms_of
from .detect import (ClaimItem, detect, embed, figure_disagreements, figure_items, informative_stems, items_for,
                     same_proposition, sentence_similarity)
from .embed import Embedder

MENTION = 0.4  # below this a claim is not about the checked one at all

Verdict = Literal["supports", "disputes", "mentions"]


@dataclass
class CollectionFindings:
    articles: int
    claims: int
    disagreements: list[Disagreement]
    corroborations: list[Corroboration]

    def at_least(self, confidence: float) -> "CollectionFindings":
        """The findings a reader who wants fewer false leads keeps, most trustworthy first."""
        def keep(found: list) -> list:
            return sorted((f for f in found if f.confidence >= confidence), key=lambda f: -f.confidence)

        return CollectionFindings(self.articles, self.claims, keep(self.disagreements), keep(self.corroborations))


def pooled_items(analyses: Iterable[Analysis]) -> list[ClaimItem]:
    return [item for a in analyses for item in items_for(a)]


def across(analyses: list[Analysis], embedder: Embedder) -> CollectionFindings:
    """Every disagreement and corroboration in the collection, within and between articles."""
    items = pooled_items(analyses)
    found = detect(items, embed(items, embedder))
    figures = figure_disagreements([f for a in analyses for f in figure_items(a)], sentence_similarity(embedder),
                                   start=len(found.disagreements) + 1)
    return CollectionFindings(len(analyses), len(items), found.disagreements + figures, found.corroborations)


@dataclass
class CheckHit:
    verdict: Verdict
    score: float
    source: str
    text: str
    evidence: list[Span]
    article_id: str
    outlet: str | None
    published: str | None


def _query_item(claim: str, nlp: Language) -> ClaimItem:
    doc = nlp(claim)
    tokens = list(doc)
    query = Claim(id="q", attribution_id="q", text=claim, polarity=polarity_of(tokens, False),
                  terms=terms_of(tokens, naming_entities(doc)), predicates=predicates_of(tokens))
    return ClaimItem(claim=query, source_name="(query)", denial=False, evidence=[], article_id="(query)",
                     outlet=None, published=None, context=claim)


def check(claim: str, analyses: list[Analysis], nlp: Language, embedder: Embedder) -> list[CheckHit]:
    """Which sources support, dispute or merely mention the claim, best evidence first."""
    items = pooled_items(analyses)
    if not items:
        return []
    query = _query_item(claim, nlp)
    vectors = embed(items, embedder)
    q = embedder.encode([claim])[0]
    informative_stems([*items, query])
    sims = vectors @ q
    hits = []
    for item, cos in zip(items, sims.tolist()):
        if same_proposition(query, item, cos):
            verdict: Verdict = "supports" if item.claim.polarity == query.claim.polarity else "disputes"
        elif cos >= MENTION or query.stems & item.stems:
            verdict = "mentions"
        else:
            continue
        hits.append(CheckHit(verdict, round(float(cos), 3), item.source_name, item.claim.text, item.evidence,
                             item.article_id, item.outlet, item.published))
    order = {"disputes": 0, "supports": 0, "mentions": 1}
    return sorted(hits, key=lambda h: (order[h.verdict], -h.score))


def hits_json(hits: list[CheckHit]) -> list[dict]:
    return [{"verdict": h.verdict, "score": h.score, "source": h.source, "text": h.text,
             "evidence": [s.model_dump() for s in h.evidence], "article_id": h.article_id,
             "outlet": h.outlet, "published": h.published} for h in hits]


def findings_json(f: CollectionFindings) -> dict:
    return {"articles": f.articles, "claims": f.claims,
            "disagreements": [d.model_dump() for d in f.disagreements],
            "corroborations": [c.model_dump() for c in f.corroborations]}
