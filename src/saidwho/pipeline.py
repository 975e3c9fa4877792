"""Runs the stages in order over one spaCy parse per article.

Data flows one way: ingest -> parse -> attribution -> the registered
stages (sources, figures, disagreements), each filling its part of one
:class:`Analysis`.
"""
from __future__ import annotations

import queue
import threading
from typing import Callable, Iterable, Iterator, Union

from spacy.tokens import Doc

from . import nlp as nlp_module
from .attribution import Found, classify_kind, get_extractor
from .ingest import Article, Failure, analysable_text, coerce
from .model import Analysis, Attribution, Span

Stage = Callable[[Analysis, Doc], None]
_DONE = object()
STAGES: dict[str, Stage] = {}


def stage(name: str):
    """Register a stage; stages run in registration order after attribution."""
    def wrap(fn: Stage) -> Stage:
        STAGES[name] = fn
        return fn
    return wrap


def _load_stages() -> None:
    from . import stages  # noqa: F401  (registers the built-in stages in order)


class Analyzer:
    """Holds the loaded models; build once, analyse many articles."""

    def __init__(self, extractor: str = "default", spacy_model: str | None = None, stages: Iterable[str] | None = None):
        self.nlp = nlp_module.load(spacy_model)
        self.extractor = get_extractor(extractor)
        _load_stages()
        self.stages = [STAGES[s] for s in (stages if stages is not None else STAGES)]

    def analyze(self, item: Union[str, Article, dict]) -> Analysis:
        article = coerce(item)
        doc = self.nlp(analysable_text(article))
        return self._analyze_doc(article, doc)

    def analyze_many(self, items: Iterable[Union[Article, Failure]], batch_size: int = 16) -> Iterator[Union[Analysis, Failure]]:
        """Streams results in input order; failures pass through so a batch never stops.

        spaCy parses (and the extractor prepares its features) in a background thread a batch or two ahead,
        keeping one core busy while the stages use the other; the ONNX models release the GIL.
        """
        parsed: queue.Queue = queue.Queue(maxsize=2 * batch_size)
        stop = threading.Event()
        worker = threading.Thread(target=self._parse_ahead, args=(items, batch_size, parsed, stop), daemon=True)
        worker.start()
        try:
            while (entry := parsed.get()) is not _DONE:
                if isinstance(entry, BaseException):
                    raise entry
                item, doc = entry
                if doc is None:
                    yield item
                    continue
                try:
                    yield self._analyze_doc(item, doc)
                except Exception as e:  # one bad article never loses the batch
                    yield Failure(item.path or item.id, f"analysis failed: {type(e).__name__}: {e}")
        finally:
            stop.set()
            while worker.is_alive():  # unblock a worker waiting on a full queue so it can see `stop`
                try:
                    parsed.get(timeout=0.05)
                except queue.Empty:
                    pass

    def _parse_ahead(self, items, batch_size: int, parsed: queue.Queue, stop: threading.Event) -> None:
        try:
            pending: list[Union[Article, Failure]] = []
            for item in items:
                pending.append(item)
                if len(pending) >= batch_size:
                    self._parse_batch(pending, parsed, stop)
                    pending = []
                if stop.is_set():
                    return
            self._parse_batch(pending, parsed, stop)
            parsed.put(_DONE)
        except BaseException as e:  # surfaces in the caller's thread
            parsed.put(e)

    def _parse_batch(self, items: list[Union[Article, Failure]], parsed: queue.Queue, stop: threading.Event) -> None:
        docs = iter(self.nlp.pipe(analysable_text(a) for a in items if isinstance(a, Article)))
        prepare = getattr(self.extractor, "prepare", None)
        for item in items:
            if stop.is_set():
                return
            doc = None if isinstance(item, Failure) else next(docs)
            if doc is not None and prepare is not None:
                try:
                    prepare(doc)
                except Exception:  # the extractor redoes the work in the caller's thread and reports there
                    pass
            parsed.put((item, doc))

    def _analyze_doc(self, article: Article, doc: Doc) -> Analysis:
        analysis = Analysis(article=article, extractor=self.extractor.name)
        analysis.attributions = to_attributions(article.text, doc, self.extractor.extract(doc))
        for run in self.stages:
            run(analysis, doc)
        return analysis


def to_attributions(text: str, doc: Doc, found: list[Found]) -> list[Attribution]:
    out = []
    for item in sorted(found, key=lambda f: f.cue[0]):
        contents = [c for c in item.contents if c[1] > c[0]]
        if not contents:
            continue
        cue_span = doc.char_span(*item.cue, alignment_mode="expand")
        lemma = cue_span.root.lemma_.lower() if cue_span is not None and len(cue_span) else ""
        kind = item.kind or classify_kind(text, item, lemma)
        out.append(Attribution(
            id=f"a{len(out) + 1}",
            kind=kind,
            cue=Span.of(text, *item.cue),
            sources=[Span.of(text, *s) for s in item.sources if s[1] > s[0]],
            contents=[Span.of(text, *c) for c in sorted(contents)],
        ))
    return out
