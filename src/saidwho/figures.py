"""Every checkable quantity in a story, normalised, with who vouches for it.

Candidates come from spaCy's number entities plus vague amounts the NER
misses ("dozens of"); points in time and numbers that belong to a
source's own description ("Two Egyptian security sources") are not
figures. A figure inside an attribution's content is vouched for by that
attribution's source, which covers "according to X" and "X says".
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from .model import Analysis, Attribution, Figure, Span
from .numbers import ARTICLES, FRACTIONS, QUALIFIERS, SCALES, TENS, UNITS, VAGUE, parse, split_qualifier
from .pipeline import stage

AMOUNT_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
TIME_LABELS = {"DATE", "TIME"}
DURATION_UNITS = {
    "second": "seconds", "minute": "minutes", "hour": "hours", "day": "days", "week": "weeks",
    "month": "months", "year": "years", "decade": "decades", "century": "centuries", "night": "nights",
}
CURRENCIES = {
    "$": "USD", "dollar": "USD", "dollars": "USD", "usd": "USD", "\u00a3": "GBP", "pound": "GBP", "pounds": "GBP",
    "\u20ac": "EUR", "euro": "EUR", "euros": "EUR", "\u00a5": "JPY", "yen": "JPY", "yuan": "CNY",
    "shekel": "ILS", "shekels": "ILS", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
}
# the dollars that are not American: 'Canadian dollars', 'C$30', 'HK$2 billion'
DOLLARS_OF = {"canadian": "CAD", "australian": "AUD", "zealand": "NZD", "kong": "HKD", "singapore": "SGD",
              "taiwan": "TWD", "taiwanese": "TWD", "c$": "CAD", "a$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD"}
VAGUE_RE = re.compile(
    r"\b(?:(?:several|many|tens\s+of|hundreds\s+of|dozens\s+of)\s+)?"
    r"(?:dozens|hundreds|thousands|millions|billions|scores)(?:\s+(?:of\s+)?(?:thousands|millions))?\b",
    re.I,
)
PERCENT_RE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:percent\b|per cent\b|%)")  # 'Trump 47.3 percent', tagged ORG
SMALL_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
RANGE_LINKS = {"to", "-", "\u2013", "and"}
RANGE_WORDS = RANGE_LINKS | {"from", "between"}
CHANGE_VERBS = {"rise", "fall", "increase", "decrease", "drop", "climb", "grow", "jump", "raise", "cut", "reduce",
                "boost", "lower", "shrink", "slip", "soar", "surge", "plunge", "decline", "go", "move", "change",
                "swell", "slide", "tumble", "double", "triple", "revise"}
POINTS = {"point", "points"}  # '16 points ahead': a margin, whose it is said by the name beside it
NOT_COUNTED = {"CARDINAL", "ORDINAL", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"}


def _candidates(doc: Doc) -> list[SpacySpan]:
    """Number entities and vague amounts, longest first where they overlap; the two ends of a range are one."""
    out = [e for e in doc.ents if e.label_ in AMOUNT_LABELS or (e.label_ in TIME_LABELS and _duration_unit(e))]
    taken = {t.i for e in out for t in e}
    for pattern, label in ((VAGUE_RE, None), (PERCENT_RE, "PERCENT")):  # what the NER missed or swallowed
        for m in pattern.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and not any(t.i in taken for t in span):
                out.append(SpacySpan(doc, span.start, span.end, label=label) if label else span)
                taken.update(t.i for t in span)
    return _join_ranges(doc, sorted((part for span in out for part in _split_score(doc, span)), key=lambda s: s.start))


def _split_score(doc: Doc, span: SpacySpan) -> list[SpacySpan]:
    """'46 percent to 41 percent' is two shares of a poll, not a range; '44 percent to' ends before its link."""
    while len(span) > 1 and span[-1].lower_ in RANGE_LINKS:
        span = SpacySpan(doc, span.start, span.end - 1, label=span.label_)
    if span.label_ != "PERCENT":
        return [span]
    for k, tok in enumerate(span):
        if tok.lower_ in RANGE_LINKS and 0 < k < len(span) - 1:
            left, right = span[:k], span[k + 1:]
            if _both_shares(left, right) and not _changed_by(left):
                return [SpacySpan(doc, left.start, left.end, label="PERCENT"), SpacySpan(doc, right.start, right.end, label="PERCENT")]
    return [span]


def _both_shares(left: SpacySpan, right: SpacySpan) -> bool:
    """Each end says 'percent' on its own: a poll score ('46 percent to 41 percent'), not one range."""
    return all(any(t.lower_ in ("percent", "%") for t in side) for side in (left, right))


def _join_ranges(doc: Doc, spans: list[SpacySpan]) -> list[SpacySpan]:
    """'from 2 to 9 percentage points', 'between 100,000 and 250,000': the NER often tags the ends apart."""
    out: list[SpacySpan] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and span.start == prev.end + 1 and prev.label_ == span.label_ and span.label_ in AMOUNT_LABELS:
            link, before = doc[prev.end].lower_, doc[prev.start - 1].lower_ if prev.start else ""
            if prev[0].lower_ in ("from", "between"):
                before = prev[0].lower_
            changed_by = _changed_by(prev)
            score = _both_shares(prev, span) and before != "between" and not changed_by
            if link in RANGE_LINKS and (link != "and" or before == "between") and (changed_by or not _changes(prev)) and not score:
                start = prev.start - 1 if before in ("from", "between") and prev[0].lower_ != before else prev.start
                out[-1] = SpacySpan(doc, start, span.end, label=span.label_)
                continue
        out.append(span)
    return out


def _changes(span: SpacySpan) -> bool:
    """'rose from 10 to 12 percent' is a change with two figures, not a range."""
    head = span.root
    for _ in range(3):
        if head.lemma_.lower() in CHANGE_VERBS:
            return True
        if head.head.i == head.i:
            break
        head = head.head
    return False


def _changed_by(span: SpacySpan) -> bool:
    """'cut emissions by 5 percent to 15 percent' is how much it changed, one range; a vote is won, not cut,
    'by 52 percent to 48 percent'."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ != "by":
        return False
    return any(t.lemma_.lower() in CHANGE_VERBS for t in doc[max(0, span.start - 4):span.start - 1])


def _duration_unit(span: SpacySpan) -> Optional[str]:
    """'six months', '48 hours', '17-year-old'; not 'Oct. 7' or 'Monday'."""
    if any(re.fullmatch(r"(1[89]|20)\d\d", t.text) for t in span):
        return None  # "the year 2000" is a date
    has_number = any(t.like_num or t.lower_ in ("a", "an") for t in span)
    for t in span:
        unit = DURATION_UNITS.get(t.lemma_.lower()) or DURATION_UNITS.get(t.lower_.rstrip("s"))
        if unit and has_number:
            return unit
    return None


def _is_figure(span: SpacySpan, source_tokens: set[int]) -> bool:
    if any(t.i in source_tokens for t in span):
        return False
    if not any(t.like_num or t.lower_ in ("a", "an", "dozen") or t.is_alpha for t in span):
        return False
    if span.label_ == "CARDINAL" and len(span) == 1 and re.fullmatch(r"(1[89]|20)\d\d", span.text):
        return False  # a year the NER left unlabelled
    if span.label_ == "CARDINAL" and span.root.dep_ in ("compound", "appos") and span.root.head.ent_type_ in ("PERSON", "ORG", "LAW", "PRODUCT"):
        return False  # "Air Force One", "Article 5"
    if span.label_ == "CARDINAL" and span.root.lower_ in SMALL_WORDS and span.root.dep_ not in ("nummod", "quantmod"):
        return _counted_noun(span) is not None  # "one, his temperament, and two, ...", "those two"
    return True


def _unit(span: SpacySpan) -> Optional[str]:
    text = span.text.lower()
    if span.label_ == "PERCENT" or "%" in text or "percent" in text or "per cent" in text:
        return "percent"
    for key, code in CURRENCIES.items():
        if key in text or any(t.lower_ == key for t in span.root.head.subtree if t.i < span.end + 2 and t.i >= span.start):
            return _dollars_of(span) if code == "USD" else code
    duration = _duration_unit(span)
    if duration:
        return duration
    if any(t.lower_ in ("cent", "cents") for t in span):
        return "cents"
    if span.label_ == "QUANTITY":
        return next((t.lemma_.lower() + "s" for t in reversed(span) if t.is_alpha and not t.like_num), None)
    if _is_margin(span):
        return "points"
    return None


def _dollars_of(span: SpacySpan) -> str:
    """Which dollars: the word before 'dollars' or the sign's prefix says ('30 Canadian dollars', 'C$30')."""
    doc = span.doc
    for t in doc[max(span.start - 1, 0):min(span.end + 2, len(doc))]:
        prefix = re.match(r"[a-z]{1,2}\$", t.lower_)
        if prefix and prefix.group() in DOLLARS_OF:
            return DOLLARS_OF[prefix.group()]
        if t.lower_ in ("dollar", "dollars") and t.i > 0 and doc[t.i - 1].lower_ in DOLLARS_OF:
            return DOLLARS_OF[doc[t.i - 1].lower_]
    return "USD"


def _is_margin(span: SpacySpan) -> bool:
    noun = _counted_noun(span)
    return noun is not None and noun.lower_ in POINTS


def _counted_noun(span: SpacySpan) -> Optional[Token]:
    """The noun the amount counts: '33,100 Gaza Palestinians', 'dozens of hostages'."""
    root = span.root
    if root.lower_ in RANGE_WORDS and span[-1].like_num:
        root = span[-1]  # 'from 2 to 9 percentage points' counts what its upper end counts
    if root.dep_ in ("nummod", "quantmod", "amod") and root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end:
        return root.head
    for prep in root.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objs:
                return objs[0]
    if root.pos_ in ("NOUN",) and root.lemma_.lower() not in ("dozen", "hundred", "thousand", "million", "billion") and root.i >= span.end - 1 and span.label_ not in ("MONEY", "PERCENT"):
        return root if root.ent_type_ not in NOT_COUNTED else None
    return None


def _counts(span: SpacySpan) -> Optional[str]:
    """What is counted, with the verb that says what happened to it ('hostages remain')."""
    if span.label_ in ("MONEY", "PERCENT") or _duration_unit(span):
        return None
    noun = _counted_noun(span)
    if noun is None or noun.lower_ in POINTS:
        return None  # a margin in points has a unit, not a counted thing
    words = [t for t in noun.lefts if t.dep_ in ("compound", "amod") and t.i >= span.end and not t.like_num and t.lower_ not in ("more", "other")]
    phrase = " ".join([t.text for t in words] + [noun.text])
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ == "VERB":
        phrase += " " + " ".join([verb.text] + [c.text for c in verb.children if c.dep_ == "prt"])
    elif noun.dep_ == "acl" or any(c.dep_ == "acl" and c.tag_ == "VBN" for c in noun.children):
        phrase += " " + next(c.text for c in noun.children if c.dep_ == "acl")
    return phrase


def _source_tokens(analysis: Analysis, doc: Doc) -> set[int]:
    out: set[int] = set()
    for s in analysis.sources:
        for m in s.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                out.update(t.i for t in span)
    return out


def _vouching(start: int, end: int, attributions: list[Attribution]) -> Optional[Attribution]:
    """The innermost attribution with a known source whose content holds the figure."""
    best, best_key = None, None
    for a in attributions:
        for c in a.contents:
            key = (a.source_id is None, c.end - c.start)
            if c.start <= start and end <= c.end and (best_key is None or key < best_key):
                best, best_key = a, key
    return best


def _trim(span: SpacySpan) -> tuple[int, int]:
    """Drop a leading article the NER sometimes includes ('the 253')."""
    tokens = [t for t in span if not (t.i == span.start and t.lower_ == "the")]
    return (tokens[0].idx, span.end_char) if tokens else (span.start_char, span.end_char)


def find_figures(analysis: Analysis, doc: Doc) -> list[Figure]:
    text = analysis.article.text
    source_tokens = _source_tokens(analysis, doc)
    attributions = [a for a in analysis.attributions if a.contents]
    figures: list[Figure] = []
    for span in _candidates(doc):
        if not _is_figure(span, source_tokens):
            continue
        start, end = _trim(span)
        words = text[start:end]
        number = parse(_amount_text(words))
        qualifier, _ = split_qualifier(words)
        vouch = _vouching(start, end, attributions)
        figures.append(Figure(
            id=f"f{len(figures) + 1}",
            span=Span.of(text, start, end),
            value=number.value,
            low=number.low,
            high=number.high,
            qualifier=number.qualifier if number.qualifier != "exactly" else qualifier,
            unit=_unit(span),
            counts=_counts(span),
            source_id=vouch.source_id if vouch else None,
            attribution_id=vouch.id if vouch else None,
        ))
    return figures


_WORD_RE = re.compile(r"[$\u00a3\u20ac\u00a5]?\d[\d.,]*%?|[A-Za-z]+(?:-[A-Za-z]+)*|[-\u2013]")
NUMBER_VOCAB = (
    set(UNITS) | set(TENS) | set(SCALES) | set(FRACTIONS) | set(ARTICLES) | VAGUE
    | {"and", "to", "or", "between", "from", "of", "-", "\u2013", "percent", "per", "cent"}
    | {w for q, _ in QUALIFIERS for w in q.split()}
)


def _amount_text(words: str) -> str:
    """Only the words that say how much: 'these past eight years' -> 'eight', '17-year-old' -> '17'."""
    kept = [w for w in _WORD_RE.findall(words)
            if any(c.isdigit() for c in w) or w in NUMBER_VOCAB or all(p in NUMBER_VOCAB for p in w.lower().split("-"))]
    while kept and kept[-1] in ("-", "\u2013", "and", "to", "or", "of"):
        kept.pop()
    return " ".join(kept)


@stage("figures")
def run(analysis: Analysis, doc: Doc) -> None:
    analysis.figures = find_figures(analysis, doc)
