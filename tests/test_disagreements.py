import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saidwho.cli import app
from saidwho.disagreements.claims import asks, asks_anonymity, dismisses, predicates_of, questions_statement
from saidwho.disagreements.detect import (PRECISION, SENTENCE_END, ClaimItem, FigureItem, antecedent, confidence,
                                          figure_anchor, figure_items_conflict, figures_conflict, independent,
                                          interval, margin, poll_scores, retorts, _unresolved)
from saidwho.disagreements.embed import Embedder, EmbedderUnavailable, get_embedder
from saidwho.ingest import make_article
from saidwho.model import Claim, Figure, Source, Span
from saidwho.nlp import load

from .conftest import SAMPLE

runner = CliRunner()


def names(side) -> str:
    return " | ".join(side.sources).lower()


def disputes(analysis) -> list:
    return [(d.kind, [s.sources for s in d.sides]) for d in analysis.disagreements]


def analyse(analyzer, text: str, **meta):
    return analyzer.analyze(make_article(text, id=meta.pop("id", "t"), **meta))


def test_reference_article_progress_disagreement(sample_analysis):
    progress = [d for d in sample_analysis.disagreements if "progress" in d.matter]
    assert progress, [d.matter for d in sample_analysis.disagreements]
    sides = {s.stance: names(s) for s in progress[0].sides}
    negated = next(v for v in sides.values() if "hamas official" in v)
    asserted = next(v for v in sides.values() if "egyptian security sources" in v)
    assert "palestinian official" in negated
    assert "egyptian sources" in asserted and "senior egyptian source" in asserted
    assert "hamas official" not in asserted and "egyptian" not in negated
    shown = " ".join(e.text for s in progress[0].sides for e in s.evidence)
    assert "not to be named" not in shown  # why the official is anonymous is no claim about the talks


def test_claims_carry_polarity_modality_and_matter(sample_analysis):
    by_text = {c.text: c for c in sample_analysis.claims}
    no_progress = next(c for t, c in by_text.items() if t.startswith("no progress was made"))
    assert no_progress.polarity == "negated" and no_progress.matter_id
    assert next(c for t, c in by_text.items() if t.startswith("progress had been made in")).polarity == "asserted"
    assert any(c.modality == "predicted" for c in sample_analysis.claims)


def test_evidence_spans_index_the_article(sample_analysis):
    text = sample_analysis.article.text
    for span in sample_analysis.spans():
        assert text[span.start:span.end] == span.text


# two voices, one proposition: the kind of disagreement each story must yield, with two sides
STORIES = {
    "polarity": ("Officials in Ruritania said progress was made in the border talks on Tuesday. "
                 "Opposition leader Anna Berg said no progress was made in the border talks.", "polarity"),
    "denial": ("The labour ministry said inspectors had closed the Kestrel paint factory over safety failings. "
               "The Kestrel company denied that inspectors had closed the paint factory.", "denial"),
    "antonym": ("The mediators said the Harlow border talks had made progress. "
                "The rebel commander said the Harlow border talks were deadlocked.", "polarity"),
    "calling a report inaccurate": ("The regulator said the safety reports on the Harlow bridge were accurate. "
                                    "The construction firm said the safety reports on the Harlow bridge were "
                                    "inaccurate.", "denial"),
    "anaphoric denial": ("The union said the Marlow company had cut wages at its Norfolk plant. "
                         "The Marlow company rejected the allegation.", "denial"),
    "opposite states": ("The night nurse said the patient was awake when the alarm sounded in Ward 9. "
                        "The hospital said the patient was asleep when the alarm sounded in Ward 9.", "polarity"),
    "taking issue": ("The auditors said the Harlow council had overspent its roads budget. "
                     "The council leader took issue with the claim that the Harlow council had overspent its roads "
                     "budget.", "denial"),
}


@pytest.mark.parametrize("story", STORIES)
def test_disagreement_kinds(analyzer, story):
    text, kind = STORIES[story]
    a = analyse(analyzer, text)
    assert [d.kind for d in a.disagreements] == [kind]
    assert len(a.disagreements[0].sides) == 2


def test_a_denial_answers_what_its_allegations_were(analyzer):
    a = analyse(analyzer, "A lawsuit filed by the state attorney general alleges that the Marlow company hid defects "
                          "in its boilers from buyers for a decade. Several buyers told reporters they were never told "
                          "of the repairs. A spokeswoman for the company said the allegations were without merit.")
    assert [d.kind for d in a.disagreements] == ["denial"]
    accusers, denier = a.disagreements[0].sides
    assert "lawsuit" in names(accusers) and "buyers" in names(accusers) and "spokeswoman" in names(denier)


def test_negated_reporting_verb_negates_the_claim(analyzer):
    a = analyse(analyzer, "The ministry said the Kestrel dam had been inspected in March. "
                          "The engineers' union did not say the Kestrel dam had been inspected in March.")
    assert sorted(c.polarity for c in a.claims) == ["asserted", "negated"], a.claims
    assert a.disagreements == []  # not saying a thing is no side against it


def test_one_story_keeps_its_disputes_apart(analyzer):
    a = analyse(analyzer, "Officials in Ruritania said progress was made in the border talks on Tuesday. "
                          "Opposition leader Anna Berg said no progress was made in the border talks. "
                          "The health ministry said 40 people were injured in the border clashes. "
                          "The army said it had not fired on protesters near the border.")
    progress = [d for d in a.disagreements if any("Berg" in " ".join(s.sources) for s in d.sides)]
    assert len(progress) == 1
    assert not any("army" in " ".join(s.sources).lower() for s in progress[0].sides)


def test_unrelated_claims_are_not_paired(analyzer):
    a = analyse(analyzer, "The central bank said interest rates would stay unchanged until the spring. "
                          "The football club said its striker had not been injured in training.")
    assert a.disagreements == [] and a.corroborations == []


def fig(value, qualifier="exactly", counts="hostages remain", **kw):
    return Figure(id="f", span=Span(start=0, end=1, text="x"), value=value, qualifier=qualifier, counts=counts, **kw)


def test_figure_intervals():
    assert figures_conflict(fig(129), fig(133))
    assert figures_conflict(fig(33100, "more_than", "Gaza Palestinians killed"), fig(32000, counts="Palestinians killed"))
    assert not figures_conflict(fig(5, "at_least", "airstrikes"), fig(7, counts="airstrikes"))
    assert not figures_conflict(fig(129), fig(133, counts="prisoners released"))
    assert interval(fig(40, "about"))[0] < 38


def share(value, anchor="Clinton", qualifier="exactly", base=frozenset(), sentence="poll"):
    f = Figure(id="f", span=Span(start=0, end=1, text="x"), value=value, qualifier=qualifier, unit="percent")
    return FigureItem(f, "v", "s", "src", "a", None, None, sentence=sentence, anchor=anchor, base=base)


def test_figure_anchor_is_the_nearest_name():
    text = "A Journal poll showed a slimmer lead for Clinton with 46 percent to Trump's 41 percent."
    spans = [Span.of(text, text.index(n), text.index(n) + len(n)) for n in ("46 percent", "41 percent")]
    source = [Span.of(text, 0, len("A Journal poll"))]
    assert [figure_anchor(text, s, 0, len(text), source) for s in spans] == ["Clinton", "Trump"]
    text = "Hurun lists Mr. Trump's wealth at $6.5 billion, Forbes says."
    span = Span.of(text, text.index("$6.5"), text.index(", Forbes"))
    assert figure_anchor(text, span, 0, len(text), []) == "Trump"


def test_a_currency_name_owns_no_figure():
    text = "The fee rose to 30 Canadian dollars, about $22 in United States dollars, and cut waste by 8 percent."
    span = Span.of(text, text.index("8 percent"), len(text) - 1)
    assert figure_anchor(text, span, 0, len(text), []) is None
    text = "Ms. Lopez, with 8 percent, trails the field."
    assert figure_anchor(text, Span.of(text, 16, 25), 0, len(text), []) == "Lopez"


def test_pronoun_figure_takes_the_name_before_it():
    text = "Forbes lists Charles Koch at $40 billion. Wealth-X says he is worth about $47 billion."
    start = text.index("Wealth-X")
    span = Span.of(text, text.index("about $47"), len(text) - 1)
    source = [Span.of(text, start, start + len("Wealth-X"))]
    assert figure_anchor(text, span, start, len(text), source) is None
    assert antecedent(text, start, span.start, source) == "Koch"
    assert antecedent("Koch spoke. Wealth-X says Koch is worth $47 billion.", 12, 40, []) is None


def test_personal_pronoun_prefers_a_titled_name():
    text = "Hurun lists Mr. Trump's wealth at $6.5 billion and Forbes agrees. Bloomberg pegged him at $2.9 billion."
    start = text.index("Bloomberg")
    assert antecedent(text, start, text.index("$2.9"), []) == "Trump"
    text = "Hurun lists Mr. Trump's wealth at $6.5 billion and Forbes agrees. Bloomberg pegged it at $2.9 billion."
    assert antecedent(text, start, text.index("$2.9"), []) == "Forbes"


def test_sentences_do_not_end_at_titles_or_initials():
    text = "Hurun lists Mr. Trump's wealth at $6.5 billion. Donald J. Trump disputes it."
    assert [m.end() for m in SENTENCE_END.finditer(text)] == [text.index("Donald")]


def test_shares_conflict_only_for_one_name_and_group():
    same = lambda x, y: 1.0  # noqa: E731
    assert figure_items_conflict(share(51), share(46), same)
    assert not figure_items_conflict(share(51), share(46, anchor="Trump"), same)
    assert not figure_items_conflict(share(51, base=frozenset({"republ"})), share(46, base=frozenset({"democr"})), same)
    assert not figure_items_conflict(share(51), share(50, qualifier="about"), same)
    assert not figure_items_conflict(share(51), share(46), lambda x, y: 0.2)


def test_margins_compare_across_who_leads():
    text = ("A Marist poll shows Ted Cruz 16 points ahead of Trump in Indiana. "
            "A Fox poll shows Trump with leads ranging from 2 to 9 percentage points. "
            "Clinton leads Trump by 7 points, a CNN poll found. Sanders trails Clinton by 3 points, Gallup said.")
    found = {}
    for name, other, sign, words in (("Cruz", "Trump", 1, "16"), ("Trump", None, 1, "from 2 to 9"),
                                     ("Clinton", "Trump", 1, "7"), ("Sanders", "Clinton", -1, "3")):
        start = text.index(words)
        span = Span.of(text, start, start + len(words))
        sentence = max((e for e in (0, *[m.end() for m in SENTENCE_END.finditer(text)]) if e <= start))
        anchor = figure_anchor(text, span, sentence, len(text), [])
        assert margin(text, span, sentence, anchor) == (name, other, sign), words
        f = Figure(id="f", span=span, value=float(words) if words.isdigit() else None, low=2.0 if words[0] == "f" else None,
                   high=9.0 if words[0] == "f" else None, unit="points")
        found[name] = FigureItem(f, name, name, name, "a", None, None, sentence="poll", anchor=name, against=other, sign=sign)
    same = lambda x, y: 1.0  # noqa: E731
    assert figure_items_conflict(found["Cruz"], found["Trump"], same)  # Trump 16 behind Cruz, not 2 to 9 ahead
    assert figure_items_conflict(found["Trump"], found["Clinton"], same)  # Trump 7 behind Clinton
    assert not figure_items_conflict(found["Cruz"], found["Clinton"], same)  # two different races
    assert not figure_items_conflict(found["Sanders"], found["Cruz"], same)


def test_a_range_is_one_figure(analyzer):
    a = analyzer.analyze("Polls show Trump with leads ranging from 2 to 9 percentage points, the Post said.")
    assert [(f.span.text, f.low, f.high, f.unit) for f in a.figures] == [("from 2 to 9", 2, 9, "points")]
    a = analyzer.analyze("The company said revenue rose 12 percent to $4.5 billion last year.")
    assert len(a.figures) == 2


def test_poll_scores_split_between_the_names(analyzer):
    a = analyse(analyzer, "A CNN poll released Monday found Clinton leading Trump 46 percent to 41 percent. "
                          "A Fox News poll found Trump ahead of Clinton, 44 percent to 42 percent.")
    # one dispute over who leads, not one more for each name's share
    assert [(d.matter, sorted(s.stance for s in d.sides), sorted(len(s.figure_ids) for s in d.sides))
            for d in a.disagreements] == [
        ("Clinton vs Trump", ["Clinton vs Trump: 46 percent to 41 percent", "Trump vs Clinton: 44 percent to 42 percent"],
         [2, 2])]


def test_a_score_and_a_stated_lead_compare_as_margins(analyzer):
    a = analyse(analyzer, "A Field poll found Mrs. Clinton leading Mr. Sanders among likely voters, 46 percent to "
                          "44 percent. A RealClearPolitics average shows Clinton leads Sanders in California by about 6 points.")
    assert [sorted(s.stance for s in d.sides) for d in a.disagreements] == [
        ["Clinton leads Sanders by about 6 points", "Clinton vs Sanders: 46 percent to 44 percent"]]
    a = analyse(analyzer, "A Field poll found Clinton leading Sanders 46.2 percent to 42.1 percent. "
                          "A RealClearPolitics average shows Clinton leads Sanders by 4 points.")
    assert a.disagreements == []  # 46.2 to 42.1 is 4 points to the precision the lead is given in


def test_lead_wording_names_both_candidates():
    text = ("The Fox poll gave Trump an 18-point lead over Cruz. The USC poll shows Trump with a four-point lead, "
            "46.2 percent to Clinton\u2019s 42.1 percent.")
    start = text.index("18")
    assert margin(text, Span.of(text, start, start + 2), 0, "Trump") == ("Trump", "Cruz", 1)
    shares = [Figure(id=f"f{k}", span=Span.of(text, text.index(v), text.index(v) + len(v) + 8), value=float(v),
                     unit="percent") for k, v in enumerate(("46.2", "42.1"))]
    assert [(s.leader, s.other) for s in poll_scores(text, shares)] == [("Trump", "Clinton")]


def test_shares_of_one_group_saying_one_thing_conflict(analyzer):
    a = analyse(analyzer, "A Gallup poll found that 52 percent of Republicans think the country is on the wrong track. "
                          "A Pew poll found that 71 percent of Republicans think the country is on the wrong track.")
    assert [d.matter for d in a.disagreements] == ["share of Republicans"]
    a = analyse(analyzer, "A Gallup poll found that 52 percent of voters disapprove of the handling of the economy. "
                          "A Pew poll found that 40 percent of voters approve of the new plans for schools.")
    assert a.disagreements == []


def test_a_repeated_figure_is_one_dispute(analyzer):
    a = analyse(analyzer, "Rubio said he had been asked nine times about the bill. Cruz said Rubio had been asked five "
                          "times about the bill. Rubio later said again that he was asked nine times about the bill.")
    assert [sorted(s.stance for s in d.sides) for d in a.disagreements] == [["five times", "nine times"]]


def test_dismissal_words():
    assert dismisses("the AP report is misleading") and dismisses("that is not true")
    assert dismisses("the story is a complete fabrication") and dismisses("his words were taken out of context")
    assert not dismisses("the report was published on Tuesday")
    assert dismisses("he called it a manufactured issue") and dismisses("these are false and misleading claims")
    # said of a person or a thing, these words insult or describe; they do not answer a claim
    assert not dismisses("the most ridiculous candidate in history") and not dismisses("exports of manufactured goods")


def test_more_dismissal_words():
    assert dismisses("She just made it up") and dismisses("I never said that. I never said that")
    assert dismisses("that his words had been misconstrued")
    assert dismisses("Trump's comments are based on his opinion, not actual facts")
    assert dismisses("the quote was made up") and dismisses("It's all made up")
    assert not dismisses("she made up her mind on Tuesday") and not dismisses("the panel is made up of ten members")
    assert not dismisses("he said that the plan would work")


def test_a_quote_that_opens_with_a_dismissal_answers_the_claim_before_it(analyzer):
    a = analyse(analyzer, "On Saturday, Clinton said that Trump was becoming the best recruiter for the Islamic State. "
                          "\"It's nonsense,\" Trump said on Sunday. \"She lies about everything, and she has been wrong "
                          "about this war from the start.\"")
    assert disputes(a) == [("denial", [["Clinton"], ["Trump"]])]


def test_rejecting_a_named_claim_answers_it_even_when_it_is_a_denial(analyzer):
    for rejected in ("Clinton's claim", "the claim"):
        a = analyse(analyzer, "Last week, Clinton said the families of the victims were wrong in their recollections of "
                              f"the meeting. However, Patricia Smith, the mother of one victim, forcefully rejected {rejected}.")
        assert disputes(a) == [("denial", [["Clinton"], ["Patricia Smith"]])], rejected


def test_a_denial_answers_the_other_voice_just_before_it(analyzer):
    # "It is a lie" says what it answers only by where it stands, past a sentence of the reporter's own
    a = analyse(analyzer, "The Turkish government said Adil Oksuz was a leader of the plot. His family moved to Germany "
                          "in the spring, and the house in Ankara now stands empty. \"It is a lie,\" Oksuz said in a "
                          "message to his lawyer.")
    assert disputes(a) == [("denial", [["The Turkish government"], ["Oksuz"]])]
    # a denial with its own content may answer anything: the claim before it is no better a guess than any other
    a = analyse(analyzer, "The Turkish government said Adil Oksuz was a leader of the plot. The mayor of Ankara "
                          "denied that the city had closed its schools on the day after the coup.")
    assert a.disagreements == []


def test_a_reply_that_negates_is_a_denial(analyzer):
    a = analyse(analyzer, "Hewitt said the president had been the founder of the terrorist group only in a figurative "
                          "sense. Trump replied that he was not speaking figuratively about Obama at all.")
    assert disputes(a) == [("denial", [["Hewitt"], ["Trump"]])]
    a = analyse(analyzer, "Hewitt said the president had been the founder of the terrorist group only in a figurative "
                          "sense. Trump replied that he had spoken with the president about the budget at noon.")
    assert a.disagreements == []
    declined = Claim(id="c", attribution_id="a", text="recent accusations that his backers are sexist", polarity="negated")
    assert retorts("replied:", declined) and not retorts("is choosing not to respond to", declined)


def test_said_against_what_others_claim_is_a_denial():
    assert dismisses("that contrary to the claims of some GOP candidates, he is not plotting to take away guns")
    assert dismisses("AP's report a rush to judgment") and dismisses("the idea a ridiculous proposition")
    assert not dismisses("contrary to expectations, turnout rose") and not dismisses("despite reports of progress")
    assert dismisses("he had nothing to do with it") and dismisses("the text of the law says nothing of the kind")


def test_disingenuous_dismisses_what_was_said_not_who_said_it():
    assert dismisses("I think Secretary Clinton knows that what she says is very disingenuous.")
    assert dismisses("that claim is dishonest") and not dismisses("he is a dishonest man")


def test_a_question_takes_no_side(analyzer):
    assert asks("asked", "Did you lie to them?") and asks("wondered", "whether the dam would hold")
    assert not asks("asked", "for a recount") and not asks("said", "the dam would hold")
    assert asks("asked", "Warren whether she would run") and asks("", "whether or not this could mean a joint ticket")
    assert not asks("said", "the question of whether to suspend accounts is not so cut and dried")
    a = analyse(analyzer, "The engineers said the Kestrel dam had not cracked. "
                          "A reporter asked whether the Kestrel dam had cracked.")
    assert a.disagreements == []


def test_asking_for_anonymity_takes_no_side():
    assert asks_anonymity("asked", "not to be named") and asks_anonymity("spoke", "on condition of anonymity")
    assert asks_anonymity("asked", "not to be identified because he was not authorized to speak publicly")
    assert not asks_anonymity("said", "no progress was made") and not asks_anonymity("asked", "whether talks failed")


def test_challenging_a_statement_disputes_it():
    assert questions_statement("challenged", "the assertion that Grayson had ever attacked Clinton")
    assert questions_statement("questioned", "Clinton's account of the meeting")
    assert not questions_statement("challenged", "Clinton to a debate")
    assert not questions_statement("questioned", "whether the plan would work")
    assert not questions_statement("said", "the assertion that Grayson had ever attacked Clinton")


def test_who_cannot_take_a_side():
    def item(source_id, name, **kw):
        claim = Claim(id=f"c{source_id}", attribution_id="a", text="the talks made progress", source_id=source_id)
        return ClaimItem(claim=claim, source_name=name, denial=False, evidence=[], article_id="t", outlet=None,
                         published=None, context="", **kw)
    clinton, experts = item("s1", "Clinton", source_type="person"), item("s3", "tax experts", source_type="people")
    nominee = item("s2", "The presidential candidate", source_type="person", unresolved=True)
    assert independent(clinton, experts) and independent(nominee, experts)
    assert not independent(nominee, clinton)  # perhaps Clinton against herself
    assert not independent(item("s4", "(unattributed)", unsourced=True), experts)
    assert not independent(item("s5", "Hillary Clinton"), clinton)  # one speaker the resolver left in two
    assert independent(item("s5", "Hillary Clinton"), item("s6", "Bill Clinton"))
    assert independent(item("s7", "one of Clinton's advisers"), clinton)
    assert not independent(item("s8", "Sharption"), item("s9", "Al Sharpton"))  # a misspelt name is one speaker
    assert independent(item("s10", "Marco Rubio"), item("s11", "Rubin")) and independent(item("s12", "Trump"),
                                                                                       item("s13", "the Trumps"))


def test_a_pronoun_never_tied_to_a_name_is_unresolved():
    def source(name, *mentions, named=False):
        spans = [Span(start=0, end=len(m), text=m) for m in mentions]
        return Source(id="s", name=name, type="person", named=named, anonymous=False, mentions=spans)
    assert _unresolved(source("he", "he", "his")) and _unresolved(source("The governor", "The governor"))
    assert not _unresolved(source("Sanders", "Sanders", "he", named=True))
    assert not _unresolved(source("I", "I"))  # the quote's own speaker, whoever wrote it
    assert not _unresolved(source("he", "he", "a longtime aide"))  # a description says who it is


def test_a_first_person_never_tied_to_a_name_takes_no_side(analyzer):
    council = "The Harlow council said the new bridge over the Kestrel river was safe for heavy lorries."
    for voice in ("We believe", "\n\nI claim"):
        a = analyse(analyzer, f"{council} {voice} the new bridge over the Kestrel river is not safe for heavy lorries.")
        assert a.disagreements == [], voice  # the author, or a quote's speaker the resolver missed
    b = analyse(analyzer, f"{council} Tom Berg, an engineer, said the new bridge over the Kestrel river is not safe "
                          "for heavy lorries.")
    assert b.disagreements


def test_an_unnamed_text_takes_no_side_in_polarity_but_can_be_denied(analyzer):
    berg = "Tom Berg, an engineer, said the new bridge over the Kestrel river is not safe for heavy lorries."
    a = analyse(analyzer, "The piece said the new bridge over the Kestrel river was safe for heavy lorries. " + berg)
    assert a.disagreements == []  # often a headline, a film or a thing the typer took for a text
    b = analyse(analyzer, "The piece said the new bridge over the Kestrel river was safe for heavy lorries. "
                          "Tom Berg, an engineer, denied that the new bridge over the Kestrel river was safe.")
    assert [d.kind for d in b.disagreements] == ["denial"]


def test_turning_down_a_request_takes_no_side(analyzer):
    a = analyse(analyzer, "The Harlow council said the new bridge over the Kestrel river was safe for lorries. "
                          "The county court rejected a request from residents to close the new bridge over the Kestrel "
                          "river to lorries.")
    assert a.disagreements == []


def test_after_a_concession_the_claim_is_behind_but(analyzer):
    a = analyse(analyzer, "Anna Berg said, \"I do not like the mayor, but the new bridge over the Kestrel is safe.\"")
    assert [c.polarity for c in a.claims] == ["asserted"], a.claims


def test_figures_given_to_different_precision_agree():
    def given(text, value, qualifier="exactly"):
        return Figure(id="f", span=Span(start=0, end=len(text), text=text), value=value, qualifier=qualifier,
                      unit="percent", counts="approval")
    assert not figures_conflict(given("a solid 50 percent", 50), given("49.5 percent", 49.5))
    assert figures_conflict(given("46 percent", 46), given("50 percent", 50))
    assert not figures_conflict(given("nearly $916 million", 916e6, "about"), given("a billion dollars", 1e9))
    assert figures_conflict(given("$1.1 trillion", 1.1e12), given("$498 billion", 498e9))


def test_a_negated_doubt_affirms(analyzer):
    a = analyse(analyzer, "The inspector said there was no doubt that the Kestrel dam had cracked. "
                          "The engineers said there was never any question that the Kestrel dam had cracked in March.")
    assert [c.polarity for c in a.claims] == ["asserted", "asserted"], a.claims
    assert a.disagreements == []




def write(tmp_path: Path, name: str, text: str, **meta) -> Path:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"text": text, **meta}), encoding="utf-8")
    return path


def test_cli_disagreements_across_articles(tmp_path):
    one = write(tmp_path, "one", "Israeli officials said 129 hostages remain in Gaza.", outlet="Daily A", published="2024-04-08")
    two = write(tmp_path, "two", "A Hamas spokesman said 133 hostages remain in Gaza.", outlet="Daily B", published="2024-04-08")
    result = runner.invoke(app, ["disagreements", str(one), str(two), "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    figures = [d for d in found["disagreements"] if d["kind"] == "figure"]
    assert figures, found
    assert {s["outlet"] for s in figures[0]["sides"]} == {"Daily A", "Daily B"}
    assert all(s["article_id"] and s["published"] for s in figures[0]["sides"])


def test_min_confidence_keeps_the_kinds_judged_more_often_right(tmp_path):
    """A figure conflict is right far more often than a polarity clash; a reader asking for fewer false leads
    keeps the one and drops the other, and every finding carries its kind's measured precision."""
    one = write(tmp_path, "one", "Israeli officials said 129 hostages remain in Gaza. "
                                 "Egyptian security sources said progress had been made in the Cairo talks.",
                outlet="Daily A", published="2024-04-08")
    two = write(tmp_path, "two", "A Hamas spokesman said 133 hostages remain in Gaza. "
                                 "A Hamas official said no progress had been made in the Cairo talks.",
                outlet="Daily B", published="2024-04-08")
    every = json.loads(runner.invoke(app, ["disagreements", str(one), str(two), "-f", "json"]).stdout)["disagreements"]
    assert {d["kind"] for d in every} == {"figure", "polarity"}, every
    assert all(d["confidence"] in PRECISION[d["kind"]] for d in every)
    result = runner.invoke(app, ["disagreements", str(one), str(two), "-f", "json",
                                 "--min-confidence", str(PRECISION["figure"][0])])
    assert result.exit_code == 0, result.output
    assert [d["kind"] for d in json.loads(result.stdout)["disagreements"]] == ["figure"]


def test_polls_across_articles_dispute_who_leads_once(tmp_path):
    one = write(tmp_path, "one", "A CNN poll released Monday found Clinton leading Trump 46 percent to 41 percent.",
                outlet="Daily A", published="2016-09-12")
    two = write(tmp_path, "two", "A Fox News poll released Monday found Trump ahead of Clinton, 44 percent to 42 percent.",
                outlet="Daily B", published="2016-09-12")
    result = runner.invoke(app, ["disagreements", str(one), str(two), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [d["matter"] for d in json.loads(result.stdout)["disagreements"]] == ["Clinton vs Trump"]


def test_across_articles_figures_need_one_day_and_a_named_quantity(tmp_path):
    """A lone share matches every poll of a campaign, a count changes by the day and a bare noun ('votes') does
    not say which count: none is a dispute between two articles, while the same count on the same day is."""
    shares = [write(tmp_path, "s1", "A CNN poll of Iowa voters found Trump with 40 percent.", published="2016-02-18"),
              write(tmp_path, "s2", "A national Fox News poll found Trump with 31 percent.", published="2016-02-18")]
    undated = [write(tmp_path, "u1", "Israeli officials said 129 hostages remain in Gaza."),
               write(tmp_path, "u2", "A Hamas spokesman said 133 hostages remain in Gaza.")]
    later = write(tmp_path, "u3", "A Hamas spokesman said 133 hostages remain in Gaza.", published="2024-04-09")
    dated = write(tmp_path, "u4", "Israeli officials said 129 hostages remain in Gaza.", published="2024-04-08")
    bare = [write(tmp_path, "b1", "Trump won Ohio by about 50,000 votes, the AP said.", published="2016-03-16"),
            write(tmp_path, "b2", "Clinton won Missouri by about 1,500 votes, officials said.", published="2016-03-16")]
    yearless = [write(tmp_path, "y1", "Israeli officials said 129 hostages remain in Gaza.", published="Apr 8"),
                write(tmp_path, "y2", "A Hamas spokesman said 133 hostages remain in Gaza.", published="Apr 8")]
    for paths in (shares, undated, [dated, later], bare, yearless):
        result = runner.invoke(app, ["disagreements", *map(str, paths), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert not [d for d in json.loads(result.stdout)["disagreements"] if d["kind"] == "figure"], paths


def test_a_dispute_shows_its_signs_in_its_confidence():
    """Said, not done, and one predicate on both sides: each raises how far a polarity dispute is trusted."""
    def item(text, cue, predicates):
        claim = Claim(id="c", attribution_id="a", text=text, predicates=predicates)
        return ClaimItem(claim=claim, source_name="x", denial=False, evidence=[], article_id="t", outlet=None,
                         published=None, context="", cue=cue)
    said = item("no progress was made", "said", ["deadlocked"])
    told = item("progress had been made", "told reporters", ["deadlocked"])
    proposed = item("a new round of talks", "proposed", ["new"])
    levels = PRECISION["polarity"]
    assert levels[0] < levels[1] < levels[2]
    assert confidence("polarity", [said], [told]) == levels[2]
    assert confidence("polarity", [said], [proposed]) == levels[0]
    assert confidence("polarity", [said], [proposed, told]) == levels[2]
    assert confidence("polarity", [item("talks stalled", "said", ["stall"])], [told]) == levels[1]


def test_a_light_verb_carries_its_noun_as_predicate():
    """'no progress was made' and 'there is no progress' share 'progress' with 'progress had been made'."""
    nlp = load()
    made, none, other = (predicates_of(list(nlp(t))) for t in (
        "progress had been made after a deal was reached", "There is no progress yet.", "both sides made concessions"))
    assert "progress" in made and "progress" in none
    assert "reach" in made and "make" not in made and "be" not in none
    assert "progress" not in other and "concession" in other


def test_a_plural_takes_its_common_lemma():
    """'taxes' is 'tax', not 'taxis': else a claim about taxes and one about a tax name two matters."""
    assert [t.lemma_ for t in load()("Taxes and bases")] == ["tax", "and", "base"]


def test_cli_check(tmp_path):
    result = runner.invoke(app, ["check", "progress was made in the Cairo talks", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    results = json.loads(result.stdout)["results"]
    disputes = " ".join(r["source"].lower() for r in results if r["verdict"] == "disputes")
    supports = " ".join(r["source"].lower() for r in results if r["verdict"] == "supports")
    assert "hamas official" in disputes and "egyptian" in supports


def test_cli_bad_input_is_one_line(tmp_path):
    result = runner.invoke(app, ["disagreements", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_missing_embedder_is_a_clear_error(tmp_path, monkeypatch):
    with pytest.raises(EmbedderUnavailable, match="not found"):
        Embedder(tmp_path)
    monkeypatch.setenv("SAIDWHO_EMBEDDER", str(tmp_path))
    get_embedder.cache_clear()
    try:
        result = runner.invoke(app, ["check", "progress was made", str(SAMPLE)])
        assert result.exit_code == 2 and "embedder not found" in result.output
    finally:
        get_embedder.cache_clear()


def test_corroboration_needs_independent_camps_and_the_same_numbers(analyzer):
    a = analyse(analyzer, "City police said the old river bridge collapsed shortly after noon on Monday. "
                          "The fire department said the old river bridge collapsed shortly after noon on Monday.")
    assert len(a.corroborations) == 1
    a = analyse(analyzer, "Hamas said the ceasefire talks in Cairo had collapsed without any agreement. "
                          "A Hamas official said the ceasefire talks in Cairo had collapsed without any agreement.")
    assert a.corroborations == []
    a = analyse(analyzer, "The health ministry said 30 people were killed in the strike on the market. "
                          "The army said 12 soldiers were killed in the strike on the market.")
    assert a.corroborations == []
