"""``nlp.add_pipe("saidwho")``: attributions for users who already run spaCy.

The component needs a tagged and parsed Doc, so add it after the parser.
It fills ``doc._.attributions`` with :class:`saidwho.model.Attribution`
objects whose spans index ``doc.text``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .attribution import get_extractor

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


class AttributionComponent:
    def __init__(self, extractor: str):
        self.extractor = get_extractor(extractor)

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import to_attributions

        doc._.attributions = to_attributions(doc.text, doc, self.extractor.extract(doc))
        return doc


@Language.factory("saidwho", default_config={"extractor": "default"})
def make_component(nlp: Language, name: str, extractor: str) -> AttributionComponent:
    return AttributionComponent(extractor)
