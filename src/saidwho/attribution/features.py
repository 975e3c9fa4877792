"""Token features for the learned tagger, computed from the spaCy parse.

The tagger sees spaCy's own contextual vectors (``doc.tensor``) plus
categorical features that matter for attribution: words and lemmas, tags,
dependency labels and head direction, entities, and where the token sits
relative to quotation marks and paragraph breaks. Whitespace tokens are
left out; ``Sequence.tokens`` maps rows back to the doc.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from . import BELIEF_CUES, CLOSE_QUOTES, OPEN_QUOTES, QUOTES

LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON")
ROLES = ("CUE", "SRC", "CON")
MAX_CHUNK = 160
LINE_STOPS = ".!?:;\"'\u201d\u2019)]"  # a line ending in one of these is prose a chunk may run on from
HEAD_BUCKETS = (-8, -4, -2, -1, 0, 1, 2, 4, 8)
SPEECH_LEMMAS = {
    "say", "tell", "add", "according", "claim", "argue", "insist", "explain", "note", "announce", "report",
    "write", "tweet", "warn", "deny", "acknowledge", "admit", "confirm", "suggest", "allege", "ask", "call",
    "describe", "declare", "urge", "predict", "reply", "recall", "show", "find", "accuse", "criticize",
}
CATEGORICAL = ("word", "lemma", "tag", "dep", "ent", "head", "quote", "lexicon", "shape", "governor")
MAX_HOPS = 10


@dataclass
class Vocab:
    """String-to-id tables for the categorical features; id 0 is padding, 1 unknown."""

    tables: dict[str, dict[str, int]]

    def size(self, name: str) -> int:
        return len(self.tables[name]) + 2

    def id(self, name: str, value: str) -> int:
        return self.tables[name].get(value, 1)

    @classmethod
    def build(cls, docs, min_count: int = 3) -> "Vocab":
        from collections import Counter

        counts = {name: Counter() for name in CATEGORICAL}
        for doc in docs:
            for tok in doc:
                if not tok.is_space:
                    for name, value in _raw(tok, None).items():
                        counts[name][value] += 1
        tables = {}
        for name, counter in counts.items():
            keep = sorted(v for v, c in counter.items() if c >= (min_count if name in ("word", "lemma") else 1))
            tables[name] = {v: i + 2 for i, v in enumerate(keep)}
        return cls(tables)


def _lexicon(lemma: str) -> str:
    return "speech" if lemma in SPEECH_LEMMAS else "belief" if lemma in BELIEF_CUES else "none"


def _governor(tok) -> str:
    """How the token hangs from the nearest cue-like ancestor: 'speech:ccomp' marks a reported clause.

    This carries the long-range structure (a whole complement clause, a
    subject phrase) that a tagger with a short window cannot see.
    """
    child = tok
    for _ in range(MAX_HOPS):
        head = child.head
        if head.i == child.i:
            break
        kind = _lexicon(head.lemma_.lower())
        if kind != "none":
            return f"{kind}:{child.dep_}"
        child = head
    return "none"


def _raw(tok, quote_state: str | None) -> dict[str, str]:
    head = tok.head.i - tok.i
    bucket = next((str(b) for b in HEAD_BUCKETS if head <= b), "far")
    lemma = tok.lemma_.lower()
    return {
        "word": tok.lower_,
        "lemma": lemma,
        "tag": tok.tag_,
        "dep": tok.dep_,
        "ent": f"{tok.ent_iob_}-{tok.ent_type_}" if tok.ent_type_ else "O",
        "head": bucket,
        "quote": quote_state or "out",
        "lexicon": _lexicon(lemma),
        "shape": tok.shape_[:4],
        "governor": _governor(tok),
    }


def quote_states(doc: Doc) -> list[str]:
    """For each token: 'open'/'close' quotation mark, 'in' inside a quotation, or 'out'.

    Straight quotes are paired in order within a paragraph, so an unclosed
    quote (a multi-paragraph quotation) ends at the paragraph break.
    """
    states = ["out"] * len(doc)
    inside = False
    for tok in doc:
        if "\n" in tok.text_with_ws and tok.is_space:
            inside = False
        if tok.text in QUOTES:
            opening = tok.text in OPEN_QUOTES and (tok.text != '"' or not inside)
            if tok.text in CLOSE_QUOTES and inside and tok.text != "\u201c":
                opening = False
            states[tok.i] = "open" if opening else "close"
            inside = opening
        elif inside:
            states[tok.i] = "in"
    return states


@dataclass
class Sequence:
    tokens: np.ndarray      # doc token index of each row
    ids: np.ndarray         # (n, len(CATEGORICAL)) int64
    dense: np.ndarray       # (n, DENSE) float32


DENSE_FLAGS = 6


def featurize(doc: Doc, vocab: Vocab, encoder=None) -> list[Sequence]:
    """Chunks of whole sentences (at most MAX_CHUNK tokens) with their features; ``encoder`` adds its vectors."""
    states = quote_states(doc)
    keep = [t for t in doc if not t.is_space]
    if not keep:
        return []
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == len(doc) else np.zeros((len(doc), 96), "f")
    ids = np.zeros((len(keep), len(CATEGORICAL)), dtype=np.int64)
    flags = np.zeros((len(keep), DENSE_FLAGS), dtype=np.float32)
    for row, tok in enumerate(keep):
        raw = _raw(tok, states[tok.i])
        ids[row] = [vocab.id(name, raw[name]) for name in CATEGORICAL]
        prev = doc[tok.i - 1] if tok.i else None
        flags[row] = (
            tok.is_sent_start or False,
            prev is None or "\n" in prev.text_with_ws,
            tok.is_title,
            tok.is_punct,
            tok.like_num,
            tok.text in (":", "\u2014", "-"),
        )
    index = np.array([t.i for t in keep])
    chunks = _chunks(keep)
    parts = [tensor[index].astype(np.float32), flags]
    if encoder is not None:
        parts.append(encoder.vectors(doc, keep, chunks))
    dense = np.concatenate(parts, axis=1)
    return [Sequence(index[a:b], ids[a:b], dense[a:b]) for a, b in chunks]


def _chunks(keep) -> list[tuple[int, int]]:
    """Row ranges that group whole sentences up to MAX_CHUNK rows (a longer sentence is cut). A line with no
    stop ends its chunk: after a headline like 'CNN poll shows Clinton ahead' the next paragraph must not read
    as the rest of its quote (no attribution runs across a line)."""
    # rows that start a line whose line before ends with no stop: after a headline, a byline, a caption
    breaks = {r for r in range(1, len(keep)) if "\n" in keep[r].doc[keep[r].i - 1].text_with_ws
              and keep[r - 1].text[-1] not in LINE_STOPS}
    starts = [r for r, tok in enumerate(keep) if r == 0 or tok.is_sent_start or r in breaks] + [len(keep)]
    out, a = [], 0
    for s, e in zip(starts, starts[1:]):
        if (e - a > MAX_CHUNK or s in breaks) and s > a:
            out.append((a, s))
            a = s
        while e - a > MAX_CHUNK:
            out.append((a, a + MAX_CHUNK))
            a += MAX_CHUNK
    if a < len(keep):
        out.append((a, len(keep)))
    return out
