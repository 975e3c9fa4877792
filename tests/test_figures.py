"""Figures: the number normaliser, detection, and who vouches for each figure."""
from __future__ import annotations

import time

import pytest

from saidwho.numbers import parse, parse_value, split_qualifier
from tests.conftest import SAMPLE


@pytest.mark.parametrize("text, value", [
    ("33,100", 33100), ("2.3 million", 2_300_000), ("a million", 1_000_000), ("eight", 8),
    ("twenty-five", 25), ("one hundred and twenty", 120), ("half a million", 500_000), ("$1.5 billion", 1.5e9),
    ("1.5bn", 1.5e9), ("5%", 5), ("12", 12), ("0.75", 0.75), ("two thousand", 2000), ("a dozen", 12),
])
def test_parse_values(text, value):
    assert parse(text).value == pytest.approx(value)


@pytest.mark.parametrize("text, low, high", [
    ("10 to 20", 10, 20), ("between 10 and 20", 10, 20), ("10-12", 10, 12), ("2 to 3 million", 2e6, 3e6),
    ("five or six", 5, 6),
])
def test_parse_ranges(text, low, high):
    n = parse(text)
    assert n.value is None and (n.low, n.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text", ["dozens", "hundreds of thousands", "several", "a few", "scores"])
def test_vague_amounts_have_no_value(text):
    n = parse(text)
    assert n.vague and n.value is None and n.low is None and n.qualifier == "about"


@pytest.mark.parametrize("text", ["1,2,3", "12.3.4", "abc", "", "12 13", "--", "20 to 10", "million million x"])
def test_malformed_numbers_do_not_raise(text):
    n = parse(text)
    assert n.value is None and n.low is None
    assert parse_value(text) is None


@pytest.mark.parametrize("text, qualifier", [
    ("More than 600", "more_than"), ("over 600", "more_than"), ("at least five", "at_least"),
    ("around 40", "about"), ("an estimated 40", "about"), ("up to 40", "up_to"), ("as many as 40", "up_to"),
    ("less than 40", "less_than"), ("nearly 40", "less_than"), ("40", "exactly"), ("exactly 40", "exactly"),
])
def test_qualifiers(text, qualifier):
    assert split_qualifier(text)[0] == qualifier
    assert parse(text).value == 40 or text in ("More than 600", "over 600", "at least five")


def _figure(analysis, text):
    found = [f for f in analysis.figures if f.span.text == text]
    assert len(found) == 1, (text, [f.span.text for f in analysis.figures])
    return found[0]


def _source_name(analysis, figure):
    return next(s.name for s in analysis.sources if s.id == figure.source_id)


def test_reference_casualty_figures_tied_to_authorities(sample_analysis):
    a = sample_analysis
    f = _figure(a, "More than 33,100")
    assert (f.value, f.qualifier, f.counts) == (33100, "more_than", "Gaza Palestinians killed")
    assert _source_name(a, f) == "the health ministry in Gaza"
    f = _figure(a, "More than 600")
    assert (f.value, f.qualifier, f.counts) == (600, "more_than", "Israeli soldiers killed")
    assert _source_name(a, f) == "the army"
    f = _figure(a, "1,200")
    assert f.value == 1200 and _source_name(a, f) == "Israeli tallies"
    f = _figure(a, "eight")
    assert f.value == 8 and _source_name(a, f) == "Palestinian medics"
    f = _figure(a, "at least five")
    assert (f.value, f.qualifier) == (5, "at_least") and _source_name(a, f) == "residents of Rafah"


def test_reference_counts_values_and_vague(sample_analysis):
    a = sample_analysis
    assert _figure(a, "129").counts == "hostages remain"
    assert _figure(a, "2.3 million").value == 2_300_000
    assert _figure(a, "a million").value == 1_000_000
    assert (_figure(a, "around 40").value, _figure(a, "around 40").qualifier) == (40, "about")
    dozens = _figure(a, "dozens")
    assert dozens.value is None and dozens.counts == "hostages"
    assert _figure(a, "hundreds of thousands").value is None
    assert (_figure(a, "17-year-old").value, _figure(a, "17-year-old").unit) == (17, "years")
    assert _figure(a, "Six months").unit == "months"
    assert _figure(a, "253").source_id is None
    assert not any("Two" in f.span.text for f in a.figures)  # part of a source's description
    assert not any(f.span.text in ("Oct. 7", "Monday") for f in a.figures)


def test_money_percent_and_attribution(analyzer):
    a = analyzer.analyze("The company said revenue rose 12 percent to $4.5 billion last year.")
    pct = _figure(a, "12 percent")
    money = _figure(a, "$4.5 billion")
    assert (pct.value, pct.unit) == (12, "percent")
    assert (money.value, money.unit) == (4.5e9, "USD")
    assert pct.source_id == money.source_id == a.sources[0].id


def test_dollars_say_whose(analyzer):
    a = analyzer.analyze("The mine pays 50 million Canadian dollars a year, the company said. "
                         "Its rival paid C$12 million, officials said. It was fined $3 million, they said.")
    assert [f.unit for f in a.figures] == ["CAD", "CAD", "USD"]


def test_change_by_a_range_is_one_figure_but_a_vote_split_is_two(analyzer):
    a = analyzer.analyze("The levy cut fuel use by 4 percent to 9 percent, a study found.")
    assert [(f.low, f.high) for f in a.figures] == [(4, 9)]
    a = analyzer.analyze("Smith beat Jones by 55 percent to 45 percent, officials said.")
    assert [f.value for f in a.figures] == [55, 45]


def test_no_figures_gives_empty_list(analyzer):
    a = analyzer.analyze("The sky is blue and the river runs to the sea.")
    assert a.figures == [] and a.sources == []


def test_long_article_finishes(analyzer):
    body = SAMPLE.read_text(encoding="utf-8").split("CAIRO (Reuters)", 1)[1]
    repeats = 50_000 // len(body.split()) + 1
    text = "\n\n".join([body] * repeats)
    assert len(text.split()) >= 50_000
    started = time.perf_counter()
    a = analyzer.analyze(text)
    assert time.perf_counter() - started < 300
    assert len(a.figures) >= 15 * repeats and len(a.sources) > 10
    for f in a.figures[:50] + a.figures[-50:]:
        assert text[f.span.start:f.span.end] == f.span.text
