"""Turn the way reporters write numbers into values: "33,100", "2.3 million", "eight", "10 to 12".

Malformed or purely vague amounts ("dozens", "1,2,3") parse to a result
without a value rather than raising, so one odd token never stops a story.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .model import Qualifier

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}
ARTICLES = {"a": 1, "an": 1}
FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "dozen": 12}
VAGUE = {
    "dozens", "hundreds", "thousands", "millions", "billions", "tens", "scores", "several", "many",
    "few", "numerous", "countless", "multiple", "some", "handful", "number", "couple",
}
QUALIFIERS: list[tuple[str, Qualifier]] = [
    ("more than", "more_than"), ("over", "more_than"), ("above", "more_than"), ("upwards of", "more_than"),
    ("in excess of", "more_than"), ("greater than", "more_than"), ("higher than", "more_than"),
    ("at least", "at_least"), ("no fewer than", "at_least"), ("no less than", "at_least"), ("a minimum of", "at_least"),
    ("about", "about"), ("around", "about"), ("approximately", "about"), ("roughly", "about"),
    ("some", "about"), ("an estimated", "about"), ("estimated", "about"), ("nearly", "less_than"),
    ("almost", "less_than"), ("close to", "about"), ("up to", "up_to"), ("as many as", "up_to"),
    ("as much as", "up_to"), ("a maximum of", "up_to"), ("at most", "up_to"), ("no more than", "up_to"),
    ("less than", "less_than"), ("fewer than", "less_than"), ("under", "less_than"), ("below", "less_than"),
    ("just under", "less_than"), ("just over", "more_than"), ("exactly", "exactly"), ("precisely", "exactly"),
]
_QUALIFIER_RE = re.compile(r"^(?:" + "|".join(re.escape(q) for q, _ in sorted(QUALIFIERS, key=lambda x: -len(x[0]))) + r")\b", re.I)
_QUALIFIER_OF = {q: k for q, k in QUALIFIERS}
_NUMERAL_RE = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-+]?\.\d+$")
_RANGE_RE = re.compile(r"^(?:between\s+|from\s+)?(.+?)\s*(?:-|\u2013|\u2014|\bto\b|\band\b|\bor\b)\s*(.+)$", re.I)
_SYMBOLS = re.compile(r"[$\u00a3\u20ac\u00a5%]|\bper\s*cent\b|\bpercent\b|\bpct\b")


@dataclass(frozen=True)
class Number:
    """A parsed amount: ``value`` for one number, ``low``/``high`` for a range, neither when vague."""

    value: Optional[float] = None
    low: Optional[float] = None
    high: Optional[float] = None
    qualifier: Qualifier = "exactly"
    vague: bool = False


def split_qualifier(text: str) -> tuple[Qualifier, str]:
    """'More than 33,100' -> ('more_than', '33,100')."""
    text = text.strip()
    m = _QUALIFIER_RE.match(text)
    if not m:
        return "exactly", text
    return _QUALIFIER_OF[m.group(0).lower()], text[m.end():].strip()


def _numeral(word: str) -> Optional[float]:
    word = word.strip()
    if not _NUMERAL_RE.match(word):
        return None
    return float(word.replace(",", ""))


def _words(tokens: list[str]) -> Optional[float]:
    """'two hundred and fifty thousand', '2.3 million', 'a million', 'twenty-five'."""
    total, current, seen = 0.0, 0.0, False
    for tok in tokens:
        if tok in ("and", ""):
            continue
        num = _numeral(tok)
        if num is not None:
            if seen and current and not total:
                return None  # "12 13": two numbers, not one
            current += num
        elif tok in UNITS:
            current += UNITS[tok]
        elif tok in TENS:
            current += TENS[tok]
        elif tok in ARTICLES:
            current += 0 if seen else 1  # "a million"; "half a million"
        elif tok in FRACTIONS:
            current = (current or 1) * FRACTIONS[tok]
        elif tok in SCALES:
            scale = SCALES[tok]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def _tokens(text: str) -> list[str]:
    text = _SYMBOLS.sub(" ", text.lower())
    text = re.sub(r"(\d)([a-z]+)\b", r"\1 \2", text)  # "1.5bn", "3m"
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # "twenty-five"
    return [t for t in re.split(r"\s+", text) if t]


def parse_value(text: str) -> Optional[float]:
    """One amount as a float, or None when it is not a well-formed number."""
    return _words(_tokens(text))


def parse(text: str) -> Number:
    """Qualifier, value or range, or vague: never raises."""
    qualifier, rest = split_qualifier(text)
    value = parse_value(rest)
    if value is not None:
        return Number(value=value, qualifier=qualifier)
    m = _RANGE_RE.match(rest)
    if m:
        low, high = parse_value(m.group(1)), parse_value(m.group(2))
        if low is not None and high is not None:
            scale = _shared_scale(m.group(1), m.group(2))
            low = low * scale if scale and low < high / scale else low
            if low <= high:
                return Number(low=low, high=high, qualifier=qualifier)
    vague = bool(set(_tokens(rest)) & VAGUE)
    return Number(qualifier="about" if vague and qualifier == "exactly" else qualifier, vague=vague)


def _shared_scale(low: str, high: str) -> float:
    """'2 to 3 million': the scale written once applies to both ends."""
    low_words = _tokens(low)
    high_words = _tokens(high)
    if low_words and high_words and high_words[-1] in SCALES and low_words[-1] not in SCALES:
        return SCALES[high_words[-1]]
    return 0.0
