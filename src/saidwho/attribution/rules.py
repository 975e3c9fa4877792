"""A transparent baseline: a cue lexicon over spaCy's dependency parse.

It needs no trained weights, so it documents the task and serves as the
fallback when the learned model is unavailable.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import BELIEF_CUES, CLOSE_QUOTES, OPEN_QUOTES, Found, Range, register

SPEECH_CUES = {
    "say", "tell", "add", "state", "claim", "argue", "insist", "explain", "note", "announce", "report",
    "write", "tweet", "post", "warn", "deny", "acknowledge", "admit", "confirm", "suggest", "allege",
    "assert", "declare", "predict", "reply", "respond", "recall", "concede", "contend", "maintain",
    "stress", "emphasize", "emphasise", "point", "comment", "quote", "cite", "testify", "complain",
    "ask", "urge", "promise", "pledge", "vow", "threaten", "signal", "indicate", "show", "find",
    "reveal", "disclose", "conclude", "estimate", "describe", "call", "accuse", "charge",
    "criticize", "criticise", "praise", "dismiss", "reject", "question", "agree", "continue",
}
CUES = SPEECH_CUES | BELIEF_CUES
CLAUSE_DEPS = {"ccomp"}
INTENT_DEPS = {"xcomp"}


@register("rules")
class RuleExtractor:
    name = "rules"

    def extract(self, doc: Doc) -> list[Found]:
        found: list[Found] = []
        claimed: set[int] = set()
        for tok in doc:
            if tok.i in claimed:
                continue
            item = None
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                item = self._according_to(doc, tok)
            elif tok.pos_ == "VERB" and tok.lemma_.lower() in CUES:
                item = self._verb(doc, tok)
            if item:
                found.append(item)
                for s, e in [item.cue, *item.contents, *item.sources]:
                    claimed.update(t.i for t in doc.char_span(s, e, alignment_mode="expand") or [])
        return found

    def _according_to(self, doc: Doc, tok: Token) -> Found | None:
        to = doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            return None
        src = _subtree(objs[0])
        sent = tok.sent
        phrase_start, phrase_end = tok.i, src.end
        left = _trim(doc[sent.start:phrase_start])
        right = _trim(doc[phrase_end:sent.end])
        contents = [(s.start_char, s.end_char) for s in (left, right) if s is not None and len(s) > 2]
        if not contents:
            return None
        return Found(cue=(tok.idx, to.idx + len(to)), sources=[(src.start_char, src.end_char)], contents=contents, kind="according_to")

    def _verb(self, doc: Doc, verb: Token) -> Found | None:
        lemma = verb.lemma_.lower()
        comps = [c for c in verb.children if c.dep_ in CLAUSE_DEPS or (c.dep_ in INTENT_DEPS and lemma in BELIEF_CUES)]
        contents: list[Range] = []
        if comps:
            span = _with_quotes(doc, _subtree(comps[0]))
            contents.append(span)
        else:
            quote = _adjacent_quote(doc, verb)
            if quote is None:
                return None
            contents.append(quote)
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not (contents[0][0] <= c.idx < contents[0][1])]
        if not subjects and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ == "VERB":
            subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        sources = []
        for subj in subjects[:1]:
            s = _subtree(subj)
            sources.append((s.start_char, s.end_char))
        return Found(cue=_cue_range(verb), sources=sources, contents=contents)


def _subtree(tok: Token) -> SpacySpan:
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1]


def _trim(span: SpacySpan) -> SpacySpan | None:
    """Drop the commas and final full stop that separate a clause from its attribution."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct and span.doc[start].text not in OPEN_QUOTES or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct and span.doc[end - 1].text not in CLOSE_QUOTES or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end > start else None


def _with_quotes(doc: Doc, span: SpacySpan) -> Range:
    """Widen a clause to the quotation marks (and the comma inside them) that enclose it."""
    start, end = span.start, span.end
    if start > 0 and doc[start - 1].text in OPEN_QUOTES:
        start -= 1
        j = end
        while j < len(doc) and j < end + 2 and doc[j].is_punct and doc[j].text not in CLOSE_QUOTES:
            j += 1
        if j < len(doc) and doc[j].text in CLOSE_QUOTES:
            end = j + 1
    trimmed = _trim(doc[start:end]) or doc[start:end]
    return trimmed.start_char, trimmed.end_char


def _adjacent_quote(doc: Doc, verb: Token) -> Range | None:
    """A quotation in the cue's sentence that the parse did not attach as a clause."""
    sent = verb.sent
    opening = None
    for tok in sent:
        if tok.text in OPEN_QUOTES and opening is None and (tok.text != '"' or tok.i == sent.start or doc[tok.i - 1].whitespace_ or doc[tok.i - 1].is_punct):
            opening = tok.i
        elif tok.text in CLOSE_QUOTES and opening is not None and tok.i > opening + 1:
            if not (opening <= verb.i <= tok.i):
                return doc[opening].idx, tok.idx + len(tok)
            opening = None
    return None


def _cue_range(verb: Token) -> Range:
    start = verb.i
    doc = verb.doc
    while start > 0 and doc[start - 1].head == verb and doc[start - 1].dep_ in ("aux", "auxpass", "neg"):
        start -= 1
    return doc[start].idx, verb.idx + len(verb)
