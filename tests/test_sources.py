"""Sources: grouping, typing, anonymity and relays, on the reference article and small texts."""
from __future__ import annotations

import pytest

from saidwho.ingest import make_article
from saidwho.sources import ANONYMITY_RE


def _source(analysis, text):
    """The source one of whose mentions is exactly ``text``."""
    found = [s for s in analysis.sources if any(m.text == text for m in s.mentions)]
    assert len(found) == 1, (text, [s.name for s in analysis.sources])
    return found[0]


def _mentions_of(analysis, text=None):
    """The words of every mention of the source one of whose mentions is ``text``, or of every source."""
    sources = [_source(analysis, text)] if text is not None else analysis.sources
    return [m.text for s in sources for m in s.mentions]


def test_reference_sources_each_appear_once(sample_analysis):
    names = [s.name for s in sample_analysis.sources]
    for name in ("Israeli Foreign Minister Israel Katz", "A Palestinian official close to mediation efforts",
                 "A Hamas official", "a senior Egyptian source", "Two Egyptian security sources"):
        assert names.count(name) == 1, names
    assert len({s.id for s in sample_analysis.sources}) == len(sample_analysis.sources)


def test_reference_hamas_official_is_anonymous_with_reason(sample_analysis):
    s = _source(sample_analysis, "A Hamas official")
    assert (s.type, s.named, s.anonymous) == ("person", False, True)
    assert s.anonymity_reason.text == "asked not to be named"
    assert s.affiliation == "Hamas" and s.channel == "Reuters"
    assert "the Hamas official" in [m.text for m in s.mentions]


def test_reference_palestinian_official_resolves_nominal_and_pronoun(sample_analysis):
    s = _source(sample_analysis, "A Palestinian official close to mediation efforts")
    assert s.anonymous and s.anonymity_reason.text == "speaking on condition of anonymity"
    assert [m.text for m in s.mentions] == ["A Palestinian official close to mediation efforts", "the official", "he"]
    assert s.role == "official close to mediation efforts"
    assert len(s.attribution_ids) == 3


def test_reference_katz_role_affiliation_and_channel(sample_analysis):
    s = _source(sample_analysis, "Israeli Foreign Minister Israel Katz")
    assert (s.type, s.named, s.anonymous) == ("person", True, False)
    assert (s.role, s.affiliation) == ("Foreign Minister", "Israel")
    assert s.channel == "Israel's Army Radio"
    assert "he" in [m.text for m in s.mentions]


def test_reference_relay_and_list(sample_analysis):
    senior = _source(sample_analysis, "a senior Egyptian source")
    channel = next(s for s in sample_analysis.sources if s.id == senior.via)
    assert channel.type == "media" and "Al-Qahera" in channel.name
    assert {"Al-Qahera News", "Al-Qahera"} <= {m.text for m in channel.mentions}
    security = _source(sample_analysis, "Two Egyptian security sources")
    assert security.type == "people" and security.anonymous and security.affiliation == "Egypt"
    listed = next(a for a in sample_analysis.attributions if a.sources and a.sources[0].text.startswith("Two Egyptian"))
    assert listed.id in security.attribution_ids and listed.id in channel.attribution_ids
    assert listed.source_id == security.id


def test_reference_types_and_attribution_links(sample_analysis):
    assert _source(sample_analysis, "the health ministry in Gaza").type == "government"
    assert _source(sample_analysis, "the army").type == "government"
    assert _source(sample_analysis, "Israeli tallies").type == "document"
    medics = _source(sample_analysis, "Palestinian medics")
    assert (medics.type, medics.anonymous) == ("people", False)
    assert _source(sample_analysis, "residents of Rafah").type == "public"
    by_id = {s.id: s for s in sample_analysis.sources}
    for a in sample_analysis.attributions:
        if a.source_id:
            assert a.id in by_id[a.source_id].attribution_ids


def test_reference_sourcing_summary(sample_analysis):
    s = sample_analysis.sourcing
    assert s.sources == len(sample_analysis.sources)
    assert s.named + s.anonymous <= s.sources and s.anonymous >= 4
    assert 0 < s.anonymous_attribution_share < 1
    assert sum(s.types.values()) == s.sources


@pytest.mark.parametrize("text, mention, kind, named", [
    ("John Smith, a spokesman for the company, said the plant would close next year.", "John Smith", "person", True),
    ("Two officials said the talks had failed.", "Two officials", "people", False),
    ("Acme Corp said profits rose in the quarter.", "Acme Corp", "organization", True),
    ("The Defence Ministry said the strike hit an arms depot.", "The Defence Ministry", "government", True),
    ("Reuters reported that the talks had failed.", "Reuters", "media", True),
    ("A UN report said the river was polluted.", "A UN report", "document", True),
    ("A study said the river was polluted.", "A study", "document", False),
    ("Residents said the water had been cut.", "Residents", "public", False),
    ("The army said the raid had ended.", "The army", "government", True),
])
def test_source_types(analyzer, text, mention, kind, named):
    s = _source(analyzer.analyze(text), mention)
    assert (s.type, s.named) == (kind, named)
    assert s.anonymous == (text.startswith("Two officials"))


@pytest.mark.parametrize("text, mention, anonymous", [
    ("People familiar with the matter said the deal was close.", "People familiar with the matter", True),
    ("A source said the deal was close.", "A source", True),
    ("Palestinian medics said they had recovered bodies.", "Palestinian medics", False),
    ("Negotiators said the deal was close.", "Negotiators", False),
])
def test_anonymous_means_identity_withheld(analyzer, text, mention, anonymous):
    assert _source(analyzer.analyze(text), mention).anonymous is anonymous


@pytest.mark.parametrize("text, reason", [
    ("An official, who asked not to be named, said the talks had failed.", "asked not to be named"),
    ("A diplomat said the talks had failed, speaking on condition of anonymity.", "speaking on condition of anonymity"),
    ("A senior officer, who was not authorised to speak publicly, said the raid had begun.", "not authorised to speak publicly"),
    ("An aide, who requested anonymity, said the senator would resign.", "requested anonymity"),
    ("The sources declined to be identified. They said the talks had failed.", "declined to be identified"),
])
def test_anonymity_reasons_end_to_end(analyzer, text, reason):
    anonymous = [s for s in analyzer.analyze(text).sources if s.anonymous]
    assert len(anonymous) == 1 and anonymous[0].anonymity_reason.text == reason


@pytest.mark.parametrize("phrase", [
    "asked not to be identified", "spoke on condition of anonymity", "on the condition of anonymity",
    "not authorized to discuss the matter", "was not permitted to talk to the media", "insisted on anonymity",
    "because of the sensitivity of the talks", "for fear of reprisals", "asked that his name not be used",
    "on condition that they not be named",
])
def test_anonymity_phrasings(phrase):
    assert ANONYMITY_RE.search(f"The official, who {phrase}, said so.")


@pytest.mark.parametrize("text", [
    "Tom Young, a voter in Ohio, said he would stay home.",
    "A Rafah resident, Ahmed Said, said the strikes went on all night.",
])
def test_named_member_of_the_public(analyzer, text):
    (s,) = analyzer.analyze(text).sources
    assert (s.type, s.named, s.anonymous) == ("public", True, False)


def test_surname_and_pronoun_join_named_person(analyzer):
    a = analyzer.analyze('Senator Jane Doe said on Tuesday that the bill would pass. Doe told CNN that she had the votes. "We will win," she said.')
    assert len(a.sources) == 1
    s = a.sources[0]
    assert (s.name, s.role, s.channel) == ("Senator Jane Doe", "Senator", "CNN")
    assert len(s.attribution_ids) == 3


def test_writer_and_campaign_stay_apart_from_the_person_named(analyzer):
    a = analyzer.analyze("Donald Trump claims he is worth $10 billion. I claim Trump is not a billionaire. "
                         "Bernie Sanders said the race was not over. The Sanders campaign said it had raised $40 million.")
    trump = _source(a, "Donald Trump")
    assert "I" not in [m.text for m in trump.mentions]
    assert _source(a, "Bernie Sanders") is not _source(a, "The Sanders campaign")


def test_pronoun_agrees_in_gender_where_the_text_says_it(analyzer):
    a = analyzer.analyze('Mrs. Chen, a council member, said the repairs were not finished. '
                         'Mr. Lopez, the mayor, said the bridge would reopen. "It is not safe," she said.')
    assert "she" in _mentions_of(a, "Mrs. Chen")
    assert "she" not in _mentions_of(a, "Mr. Lopez")


def test_pronoun_agrees_with_a_given_name(analyzer):
    a = analyzer.analyze('Hillary Clinton toured a factory in Ohio on Monday. Bernie Sanders has attacked her record '
                         'on trade for months. "I have always fought for these workers," she said.')
    assert "she" in _mentions_of(a, "Hillary Clinton")
    assert "she" not in _mentions_of(a, "Bernie Sanders")


def test_a_name_inside_the_quote_is_not_the_speaker(analyzer):
    a = analyzer.analyze('Actress Susan Sarandon told MSNBC on Monday that she was not sure. "I think Bernie would '
                         'encourage people to back Clinton if he lost," she said.')
    assert "she" in _mentions_of(a, "Actress Susan Sarandon")
    assert "Clinton" not in _mentions_of(a)


def test_a_source_speaks_on_before_a_person_named_only_as_an_object(analyzer):
    a = analyzer.analyze('Sandy Phillips, who lost her daughter Jessica Ghawi in Aurora, said that the phone call had gone '
                         'badly. "Bernie promised to meet with us face to face," she said.')
    assert "she" in _mentions_of(a, "Sandy Phillips")
    assert "Jessica Ghawi" not in _mentions_of(a)


def test_two_people_named_together_are_not_he_or_she(analyzer):
    a = analyzer.analyze('Senator Jane Doe said the bill would pass. Mary Smith and Ann Lee watched from the gallery. '
                         '"We will win this state," she said.')
    assert "she" in _mentions_of(a, "Senator Jane Doe")


def test_a_title_abbreviated_before_a_name_is_the_role_named_later(analyzer):
    a = analyzer.analyze("Sen. Jane Doe of Ohio said the bill would pass. The senator told CNN that she had the votes. "
                         "Murphy's spokeswoman Ann Lee said the plan was sound. Grayson's spokeswoman said it was not.")
    assert "The senator" in _mentions_of(a, "Sen. Jane Doe of Ohio")
    assert "Grayson's spokeswoman" not in _mentions_of(a, "Murphy's spokeswoman Ann Lee")


def test_a_surname_takes_the_gender_of_its_full_name(analyzer):
    a = analyzer.analyze('Donald Trump spoke in Ohio. Asked whether she would back Trump, Senator Jane Doe was '
                         'blunt. Trump, who has insulted many voters, said the race was over. "I do not know," she replied.')
    assert "she" not in _mentions_of(a, "Trump")


def test_a_quote_the_parse_hangs_on_the_name_is_not_the_name(analyzer):
    a = analyzer.analyze('\u201cThat\u2019s a legitimate concern, because they\u2019re very passionate and very '
                         'principled,\u201d Sarandon, 69, told MSNBC Monday.')
    assert [s.name for s in a.sources] == ["Sarandon"]


def test_a_named_poll_is_not_the_poll_named_before(analyzer):
    a = analyzer.analyze("The latest Reuters/Ipsos poll shows that Clinton leads by 5 points. The poll asked about "
                         "four candidates. The USC Dornsife tracking poll showed that Trump is leading.")
    reuters, usc = _source(a, "The latest Reuters/Ipsos poll"), _source(a, "The USC Dornsife tracking poll")
    assert reuters.id != usc.id and "The poll" in [m.text for m in reuters.mentions]


def test_a_title_before_a_name_gives_way_to_the_name(analyzer):
    a = analyzer.analyze("There, the district GOP Chairman Chuck Williams declined to name the delegates but said one "
                         "was a Trump supporter. Williams said the vote would be close.")
    williams = _source(a, "Williams")
    assert williams.name == "Chuck Williams" and williams.role == "district Chairman"
    assert len(a.sources) == 1


def test_a_multiword_surname_joins_the_full_name(analyzer):
    a = analyzer.analyze("France's far-right party leader, Marine Le Pen, said on Wednesday that the vote was near. "
                         "Le Pen added that her party would win.")
    assert "Le Pen" in _mentions_of(a, "Marine Le Pen")


def test_a_given_name_makes_a_person_of_a_newspaper_word(analyzer):
    a = analyzer.analyze("Atlantic City Mayor Don Guardian said the city had suffered. Guardian said that the casinos "
                         "had closed. He said that jobs were coming back.")
    guardian = _source(a, "Guardian")
    assert guardian.type == "person" and "He" in _mentions_of(a, "Guardian")


def test_a_name_inside_what_someone_said_stands_aside_for_the_speaker(analyzer):
    a = analyzer.analyze("David Simas, the White House political director, recalled that the ads worked best when they "
                         "reminded voters how bleak things had been when Barack Obama took office. \"The folks who "
                         "responded most were young,\" he said.")
    assert "he" in _mentions_of(a, "David Simas")


def test_a_pronoun_does_not_join_a_namesake_of_the_other_gender(analyzer):
    a = analyzer.analyze("Hillary Clinton said the plan would work. Voters in Ohio cheered Bill Clinton. Critics "
                         "attacked Clinton on Monday. He said that it would fail.")
    assert "He" not in _mentions_of(a, "Hillary Clinton")


def test_a_bare_description_names_the_body_or_the_one_person_before_it(analyzer):
    a = analyzer.analyze("A survey by the Public Policy Institute of California was released on Monday. Clinton leads "
                         "Sanders 49 percent to 41 percent, according to the institute. The controversy centers on "
                         "comments Clinton made on Tuesday. The former secretary of state said that debt was bad.")
    assert _source(a, "the institute").name == "the Public Policy Institute of California"
    assert "The former secretary of state" in _mentions_of(a, "Clinton")


def test_a_bare_description_names_the_named_one_just_before_it(analyzer):
    a = analyzer.analyze("Officials close to Donald Trump's campaign met in Ohio on Monday. The campaign said that it "
                         "would win the state.")
    assert _source(a, "The campaign").name == "Donald Trump's campaign"


def test_a_description_that_says_who_it_is_is_left_alone(analyzer):
    a = analyzer.analyze("UnitedHealth Group lost money last year. The trade group for the Blue Cross plans said "
                         "that premiums would rise. Trump attacked Cruz on Monday. The senator said the attack was a lie.")
    assert "UnitedHealth" not in " ".join(_mentions_of(a))
    assert _source(a, "The senator").name == "The senator"


def test_what_is_cited_is_not_who_spoke(analyzer):
    a = analyzer.analyze("By Sunday afternoon she had canceled a joint rally with Obama, citing the attack. "
                         "Prosecutors said a stern sentence could deter others. They cited the case of Guccifer 2.0.")
    names = [s.name for s in a.sources]
    assert "the attack" not in names and not any("Guccifer" in n for n in names)


def test_the_writers_own_i_is_one_source_named_by_the_byline(analyzer):
    text = "I think the plan will fail. Senator Jane Doe said it would pass. But I believe she is wrong."
    bylined = analyzer.analyze(make_article(text, id="op-ed", byline="Joel Pollak"))
    writer = _source(bylined, "I")
    assert (writer.name, writer.type, writer.named, writer.role) == ("Joel Pollak", "person", True, "writer")
    assert _mentions_of(bylined, "I") == ["I", "I"]
    assert _source(analyzer.analyze(text), "I").name == "the writer"


def test_a_party_at_large_is_not_the_narrower_group_named_before(analyzer):
    a = analyzer.analyze("Senate Democrats said the $1.1 billion bill was too small. The House passed a smaller bill "
                         "on Tuesday. Democrats said that it would not pass.")
    assert "Democrats" not in _mentions_of(a, "Senate Democrats")


def test_he_is_never_the_writers_own_i(analyzer):
    a = analyzer.analyze("I called the campaign on Monday, and I asked how it would answer the charge. "
                         "\"We will fight for every vote,\" he said.")
    assert "he" not in _mentions_of(a, "I")


def test_no_attributions_gives_empty_sources(analyzer):
    a = analyzer.analyze("The sky is blue today and the river runs to the sea.")
    assert a.sources == [] and a.sourcing.sources == 0 and a.sourcing.anonymous_attribution_share == 0.0


@pytest.mark.parametrize("text, speaker, relay", [
    ("The Times reported, citing two officials, that the deal was close.", "two officials", "The Times"),
    ("State television quoted the minister as saying the deal was close.", "the minister", "State television"),
])
def test_relayed_sources(analyzer, text, speaker, relay):
    a = analyzer.analyze(text)
    s = _source(a, speaker)
    assert s.via == _source(a, relay).id
    assert a.attributions[0].source_id == s.id


@pytest.mark.parametrize("text, channel", [
    ("Smith said in an interview with CNN that the deal was close.", "CNN"),
    ("Smith wrote on Twitter that the deal was close.", "Twitter"),
    ("The minister told reporters that the deal was close.", "reporters"),
])
def test_channels(analyzer, text, channel):
    assert analyzer.analyze(text).sources[0].channel == channel


def test_table_shows_sources_and_figures(sample_analysis):
    from rich.console import Console

    from saidwho.formats import render_table

    console = Console(record=True, width=200)
    render_table(sample_analysis, console)
    out = console.export_text()
    assert "Sources" in out and "Figures" in out
    assert "asked not to be named" in out and "33,100" in out and "the health ministry in Gaza" in out


def test_a_surname_the_parser_mistypes_stays_the_person(analyzer):
    # the small parser calls the later 'Sanders' an organization or a plural noun; another sentence calls him a person
    a = analyzer.analyze(make_article(
        "Sen. Bernie Sanders accused Hillary Clinton of ducking the debates. The Sanders campaign rejected the proposed "
        "date. Then Sanders continued to portray her as hiding. On Friday, he told the Daily News that she was not "
        "willing to debate.", id="t"))
    assert sorted((s.name, s.type, [m.text for m in s.mentions]) for s in a.sources) == [
        ("Sen. Bernie Sanders", "person", ["Sen. Bernie Sanders", "Sanders", "he"]),
        ("The Sanders campaign", "organization", ["The Sanders campaign"])]
    a = analyzer.analyze(make_article("Bernie Sanders said on Monday that the debates were hidden on weekends. "
                                      "Sanders continued to portray Clinton as hiding.", id="t"))
    assert [(s.name, s.type, len(s.mentions)) for s in a.sources] == [("Bernie Sanders", "person", 2)]


def test_some_of_a_persons_allies_are_not_that_person(analyzer):
    # 'some' is a pronoun to the parser; resolved as one, it made Clinton her own critic
    a = analyzer.analyze(make_article(
        "Hillary Clinton said she had done nothing wrong. Even some of Clinton's allies have described it as a "
        "serious lapse in judgment. One of the officials said the emails were harmless.", id="t"))
    clinton = _source(a, "Hillary Clinton")
    allies = _source(a, "Clinton's allies")
    assert allies is not clinton and allies.type == "people"
    assert len(clinton.attribution_ids) == 1
    assert _source(a, "the officials") not in (clinton, allies)


@pytest.mark.parametrize("text, name", [
    ("“It is not the position that everything is hunky-dory,” Gene Sperling, a top outside Clinton adviser, said "
     "at a recent event.", "Gene Sperling"),
    ("The “Avatar” star said she was happy to help.", "The “Avatar” star"),
])
def test_a_name_does_not_reach_into_a_quotation(analyzer, text, name):
    # the parse hung the end of the quote on the name; a title in quotation marks is part of it
    assert [s.name for s in analyzer.analyze(make_article(text, id="t")).sources] == [name]


def test_cited_comments_do_not_speak(analyzer):
    # 'cited derogatory comments' names what was cited, not who spoke
    a = analyzer.analyze(make_article(
        "Trump has been targeting Machado since Clinton, at Monday\u2019s debate, cited derogatory comments Trump had "
        "made about Machado after she gained weight. Clinton cited it as an example of his disrespect toward women.",
        id="t"))
    assert sorted(s.name for s in a.sources) == ["Clinton", "Trump"]
