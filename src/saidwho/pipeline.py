"""Runs the stages in order over one spaCy parse per article.

Data flows one way: ingest -> parse -> attribution -> the registered
stages (sources, figures, disagreements), each filling its part of one
:class:`Analysis`.
"""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Union

from spacy.tokens import Doc

from . import nlp as nlp_module
from .attribution import Found, classify_kind, get_extractor
from .ingest import Article, Failure, analysable_text, coerce
from .model import Analysis, Attribution, Span

Stage = Callable[[Analysis, Doc], None]
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
        """Streams results in input order; failures pass through so a batch never stops."""
        pending: list[Union[Article, Failure]] = []
        for item in items:
            pending.append(item)
            if len(pending) >= batch_size:
                yield from self._run_batch(pending)
                pending = []
        if pending:
            yield from self._run_batch(pending)

    def _run_batch(self, items: list[Union[Article, Failure]]) -> Iterator[Union[Analysis, Failure]]:
        articles = [i for i in items if isinstance(i, Article)]
        docs = iter(self.nlp.pipe(analysable_text(a) for a in articles))
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            doc = next(docs)
            try:
                yield self._analyze_doc(item, doc)
            except Exception as e:  # one bad article never loses the batch
                yield Failure(item.path or item.id, f"analysis failed: {type(e).__name__}: {e}")

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
