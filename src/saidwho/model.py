"""The one data model every stage reads and extends.

Stages run in a fixed order (ingest -> attribution -> sources -> figures ->
disagreements) and each fills its own fields of :class:`Analysis`. Every
fact carries :class:`Span` offsets into ``Article.text`` so a reader can
always go back to the exact characters the reporter wrote.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "belief"]
SourceType = Literal["person", "people", "organization", "government", "media", "document", "public"]
Qualifier = Literal["more_than", "at_least", "about", "up_to", "less_than", "exactly"]
Polarity = Literal["asserted", "negated"]
Modality = Literal["certain", "hedged", "predicted"]
DisagreementKind = Literal["polarity", "denial", "figure"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Half-open character range into the article text; ``text`` is a copy for readability."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start=start, end=end, text=text[start:end])


class Dateline(_Model):
    place: str
    agency: Optional[str] = None
    span: Span


class Article(_Model):
    id: str
    text: str = Field(description="The text every span indexes: the input itself, or the main text extracted from HTML.")
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None
    byline: Optional[str] = None
    dateline: Optional[Dateline] = None
    boilerplate: list[Span] = Field(default_factory=list, description="Repeated headlines, social and navigation lines: kept in the text, skipped by analysis.")
    path: Optional[str] = None


class Attribution(_Model):
    id: str
    kind: AttributionKind
    cue: Span
    sources: list[Span] = Field(default_factory=list, description="In-text mentions of who; empty when the text names nobody.")
    contents: list[Span] = Field(min_length=1, description="What was said; a quote split by 'he said' has two parts.")
    source_id: Optional[str] = Field(default=None, description="The resolved source in Analysis.sources.")


class Source(_Model):
    id: str
    name: str = Field(description="The most informative mention.")
    type: SourceType
    named: bool
    anonymous: bool
    anonymity_reason: Optional[Span] = None
    role: Optional[str] = None
    affiliation: Optional[str] = None
    channel: Optional[str] = Field(default=None, description="Where the words were given: 'Reuters' in 'told Reuters'.")
    via: Optional[str] = Field(default=None, description="Id of the source that relayed this one (a channel quoting a senior official).")
    mentions: list[Span] = Field(default_factory=list)
    attribution_ids: list[str] = Field(default_factory=list)


class SourcingSummary(_Model):
    sources: int = 0
    named: int = 0
    anonymous: int = 0
    attributions: int = 0
    anonymous_attribution_share: float = 0.0
    types: dict[str, int] = Field(default_factory=dict)


class Figure(_Model):
    id: str
    span: Span
    value: Optional[float] = Field(default=None, description="Normalised number; None for vague amounts ('dozens') and ranges.")
    low: Optional[float] = None
    high: Optional[float] = None
    qualifier: Qualifier = "exactly"
    unit: Optional[str] = Field(default=None, description="percent, USD, years, ...")
    counts: Optional[str] = Field(default=None, description="What is counted: 'Gaza Palestinians killed'.")
    source_id: Optional[str] = None
    attribution_id: Optional[str] = None


class Claim(_Model):
    id: str
    attribution_id: str
    source_id: Optional[str] = None
    text: str
    polarity: Polarity = "asserted"
    modality: Modality = "certain"
    terms: list[str] = Field(default_factory=list, description="Key entities and terms the claim is about.")
    predicates: list[str] = Field(default_factory=list, description=(
        "What the claim says of them: its verbs and adjectives, lemmatised, less the light ones ('be', 'say', 'make')."))
    matter_id: Optional[str] = None


class Matter(_Model):
    id: str
    label: str
    claim_ids: list[str] = Field(default_factory=list)


class Side(_Model):
    stance: str
    sources: list[str] = Field(default_factory=list, description="Source names, readable across a collection where ids are per article.")
    source_ids: list[str] = Field(default_factory=list)
    attribution_ids: list[str] = Field(default_factory=list)
    figure_ids: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    article_id: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None


class Disagreement(_Model):
    id: str
    matter: str
    kind: DisagreementKind
    sides: list[Side] = Field(min_length=2)
    confidence: float = Field(ge=0.0, le=1.0, description=(
        "Share of disputes of this kind found right where they were judged by hand, higher when every side holds "
        "something its source was said to say or think: how far to trust one."))


class Corroboration(_Model):
    id: str
    matter: str
    sides: list[Side] = Field(min_length=2)
    confidence: float = Field(ge=0.0, le=1.0, description="Share of corroborations found right where they were judged by hand.")


class Analysis(_Model):
    schema_version: str = SCHEMA_VERSION
    article: Article
    extractor: str = Field(description="Name of the attribution extractor that produced the attributions.")
    attributions: list[Attribution] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    sourcing: SourcingSummary = Field(default_factory=SourcingSummary)
    figures: list[Figure] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    matters: list[Matter] = Field(default_factory=list)
    disagreements: list[Disagreement] = Field(default_factory=list)
    corroborations: list[Corroboration] = Field(default_factory=list)

    def spans(self):
        """Every span the analysis reports, for checking the offset invariant."""
        for a in self.attributions:
            yield a.cue
            yield from a.sources
            yield from a.contents
        for s in self.sources:
            yield from s.mentions
            if s.anonymity_reason:
                yield s.anonymity_reason
        for f in self.figures:
            yield f.span
        for d in [*self.disagreements, *self.corroborations]:
            for side in d.sides:
                yield from side.evidence
        if self.article.dateline:
            yield self.article.dateline.span
        yield from self.article.boilerplate


def json_schema() -> str:
    """The published schema (schema/analysis.schema.json is this output)."""
    import json

    return json.dumps(Analysis.model_json_schema(), indent=2, sort_keys=True) + "\n"
