"""Who said what: extractors that find cue, source and content spans.

An extractor is any object with a ``name`` and an ``extract(doc)`` method
returning :class:`Found` records; extractors are registered by name so the
pipeline can swap them with one setting.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from spacy.tokens import Doc

from ..model import AttributionKind

Range = tuple[int, int]

OPEN_QUOTES = "\"\u201c\u201e\u00ab"
CLOSE_QUOTES = "\"\u201d\u00bb"
QUOTES = set(OPEN_QUOTES + CLOSE_QUOTES)

BELIEF_CUES = {
    "believe", "think", "feel", "hope", "want", "fear", "expect", "worry", "doubt", "suspect",
    "know", "wish", "plan", "intend", "consider", "assume", "suppose", "imagine", "like",
    "seek", "prefer", "need", "agree", "understand", "realize", "realise", "guess", "decide", "try",
}


@dataclass
class Found:
    """One attribution as character ranges into the analysed text."""

    cue: Range
    contents: list[Range]
    sources: list[Range] = field(default_factory=list)
    kind: AttributionKind | None = None


class Extractor(Protocol):
    name: str

    def extract(self, doc: Doc) -> list[Found]: ...

    def prepare(self, doc: Doc) -> None:
        """Work that needs only the parse, run ahead of `extract` on the parsing thread; optional."""


_REGISTRY: dict[str, Callable[[], Extractor]] = {}


def register(name: str):
    def wrap(factory: Callable[[], Extractor]):
        _REGISTRY[name] = factory
        return factory
    return wrap


def available() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def get_extractor(name: str = "default") -> Extractor:
    _load_builtin()
    if name == "default":
        name = DEFAULT
    if name not in _REGISTRY:
        raise ValueError(f"unknown extractor {name!r}; choose from {', '.join(sorted(_REGISTRY))}")
    try:
        return _REGISTRY[name]()
    except FileNotFoundError as e:
        raise RuntimeError(str(e)) from None


DEFAULT = "tagger"


def _load_builtin() -> None:
    from . import rules, tagger  # noqa: F401  (they register themselves)


def classify_kind(text: str, found: Found, cue_lemma: str) -> AttributionKind:
    """direct: wholly quoted; mixed: partly quoted; according_to; belief; else indirect."""
    cue = text[found.cue[0]:found.cue[1]].lower()
    if cue.startswith("according"):
        return "according_to"
    quoted = 0
    total = 0
    for s, e in found.contents:
        chunk = text[s:e].strip()
        total += len(chunk)
        if chunk[:1] in OPEN_QUOTES and chunk.rstrip(".,;:!? ")[-1:] in CLOSE_QUOTES:
            quoted += len(chunk)
        elif any(c in QUOTES for c in chunk):
            quoted += sum(len(q) for q in _quoted_parts(chunk))
    if total and quoted >= 0.9 * total:
        return "direct"
    if quoted:
        return "mixed"
    if cue_lemma in BELIEF_CUES:
        return "belief"
    return "indirect"


def _quoted_parts(chunk: str) -> list[str]:
    parts, start = [], None
    for i, c in enumerate(chunk):
        if c in QUOTES:
            if start is None:
                start = i
            else:
                parts.append(chunk[start:i + 1])
                start = None
    return parts
