"""Claims, matters, disagreements and corroborations (within an article and across a collection).

Importing this package registers the `disagreements` stage, which must run
after the sources and figures stages it reads.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .. import sources  # noqa: F401,I001  (registered first, in pipeline order: this stage reads what they find)
from .. import figures  # noqa: F401
from ..model import Analysis
from ..pipeline import stage
from .claims import build_claims
from .detect import detect, embed, figure_disagreements, figure_items, items_for, sentence_similarity
from .embed import EmbedderUnavailable, get_embedder

__all__ = ["EmbedderUnavailable", "get_embedder", "run"]


@stage("disagreements")
def run(analysis: Analysis, doc: Doc) -> None:
    analysis.claims = build_claims(analysis, doc)
    items = items_for(analysis)
    embedder = get_embedder()
    found = detect(items, embed(items, embedder))
    for i, mid in found.matter_of.items():
        items[i].claim.matter_id = mid
    analysis.matters = found.matters
    conflicts = figure_disagreements(figure_items(analysis), sentence_similarity(embedder), start=len(found.disagreements) + 1)
    analysis.disagreements = found.disagreements + conflicts
    analysis.corroborations = found.corroborations
