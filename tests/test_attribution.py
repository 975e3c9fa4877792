from saidwho import nlp as nlp_module
from saidwho.attribution.pairing import TokenSpan, pair


def _paired(text, role_words=()):
    """Pair the spans a tagger would have marked (each given by its tokens) in the parsed text."""
    doc = nlp_module.load()(text)
    tagged = []
    for role, words in role_words:
        n = len(words.split())
        start = next(t.i for t in doc if [w.text for w in doc[t.i:t.i + n]] == words.split())
        tagged.append(TokenSpan(role, start, start + n))
    return doc, pair(doc, tagged)


def _texts(doc, ranges):
    return [doc.text[s:e] for s, e in ranges]


def test_source_keeps_a_comma_only_when_it_closes_an_apposition():
    doc, (found,) = _paired("Scott Pruitt, the attorney general of Oklahoma, said the rule was illegal.", [
        ("SRC", "Scott Pruitt , the attorney general of Oklahoma"), ("CUE", "said"), ("CON", "the rule was illegal")])
    assert _texts(doc, found.sources) == ["Scott Pruitt, the attorney general of Oklahoma,"]
    doc, (found,) = _paired("Mr. Kamin, in an interview, said the plan was sound.", [
        ("SRC", "Mr. Kamin ,"), ("CUE", "said"), ("CON", "the plan was sound")])
    assert _texts(doc, found.sources) == ["Mr. Kamin"]


def test_a_content_ends_before_a_loose_comma_or_conjunction():
    doc, (found,) = _paired("Incomes would go up by 19.9 percent, according to the Tax Foundation.", [
        ("CON", "Incomes would go up by 19.9 percent ,"), ("CUE", "according to"), ("SRC", "the Tax Foundation")])
    assert _texts(doc, found.contents) == ["Incomes would go up by 19.9 percent"]
    doc, (found,) = _paired("The mayor said a curfew would continue and called for calm.", [
        ("SRC", "The mayor"), ("CUE", "said"), ("CON", "a curfew would continue and")])
    assert _texts(doc, found.contents) == ["a curfew would continue"]
    doc, (found,) = _paired('"It was a lie," she said.', [
        ("CON", '" It was a lie , "'), ("SRC", "she"), ("CUE", "said")])
    assert _texts(doc, found.contents) == ['"It was a lie,"']


def test_the_preposition_after_a_verb_of_saying_is_not_part_of_the_cue():
    doc, (found,) = _paired("Mr. Smith said of the plan that it would fail.", [
        ("SRC", "Mr. Smith"), ("CUE", "said of"), ("CON", "that it would fail")])
    assert doc.text[slice(*found.cue)] == "said"
    doc, (found,) = _paired("Reporters asked about the emails whether she would testify.", [
        ("SRC", "Reporters"), ("CUE", "asked about"), ("CON", "whether she would testify")])
    assert doc.text[slice(*found.cue)] == "asked about"


def test_quotation_credited_after_a_dash():
    doc, found = _paired(
        "\u201cWe deserve a president who respects us.\u201d \u2015 Carla Sanchez\n\n\u201cI will vote.\u201d\u00a0\u2015 Jorge Falcon",
        [("CON", "\u201c We deserve a president who respects us . \u201d"), ("SRC", "Carla"),
         ("CON", "\u201c I will vote . \u201d")])
    assert [(doc.text[slice(*f.cue)], _texts(doc, f.sources)) for f in found] == [
        ("\u2015", ["Carla Sanchez"]), ("\u2015", ["Jorge Falcon"])]


def test_quotation_in_the_paragraph_after_a_colon():
    doc, (found,) = _paired("Caddell continued:\n\n\"The health issue is very much a partisan issue.\"", [
        ("SRC", "Caddell"), ("CUE", "continued :"), ("CON", "\" The health issue is very much a partisan issue . \"")])
    assert doc.text[slice(*found.contents[0])].startswith('"The health issue')


def test_a_quotation_mark_left_in_the_sentence_before_does_not_move_the_quote():
    doc, found = _paired("All agreed that the plan would raise taxes. ''There's a lot of new complexity,'' said Mr. Burman.", [
        ("SRC", "All"), ("CUE", "agreed"), ("CON", "that the plan would raise taxes"),
        ("CON", "'' There 's a lot of new complexity , ''"), ("CUE", "said"), ("SRC", "Mr. Burman")])
    said = next(f for f in found if doc.text[slice(*f.cue)] == "said")
    assert _texts(doc, said.contents) == ["''There's a lot of new complexity,''"]


def test_a_possessive_source_keeps_its_s_only_before_its_own_cue():
    doc, (found,) = _paired("Trump's claim that the race is rigged alarmed officials.", [
        ("SRC", "Trump"), ("CUE", "claim"), ("CON", "that the race is rigged")])
    assert _texts(doc, found.sources) == ["Trump's"]
    doc, (found,) = _paired("Trump's campaign said the race is rigged.", [
        ("SRC", "Trump 's"), ("CUE", "said"), ("CON", "the race is rigged")])
    assert _texts(doc, found.sources) == ["Trump"]


def test_transcript_turns_are_attributed_to_their_speaker():
    doc, found = _paired("Partial transcript as follows:\n\n\"WALLACE: Let's start with the breaking news.\n\n"
                         "\"PENCE: Well, look, we will be there tomorrow night.\n\nUPDATE: The debate ended.")
    assert [(_texts(doc, f.sources), doc.text[slice(*f.contents[0])]) for f in found] == [
        (["WALLACE"], "Let's start with the breaking news."), (["PENCE"], "Well, look, we will be there tomorrow night.")]
    doc, found = _paired("Loretta Lynch: 'Be the voice that people hear.'\n\nUpdate: The attorney general spoke on Monday.")
    assert [_texts(doc, f.sources) for f in found] == [["Loretta Lynch"]]


def test_token_encoder_gives_each_token_a_vector_that_depends_on_its_sentence():
    import numpy as np
    from saidwho.attribution.encoder import DIM, load_encoder
    from saidwho.attribution.features import _chunks

    doc = nlp_module.load()("Officials said the talks failed.\n\nThe talks, officials said, were unprecedented.")
    keep = [t for t in doc if not t.is_space]
    vectors = load_encoder("encoder").vectors(doc, keep, _chunks(keep))
    assert vectors.shape == (len(keep), DIM)
    assert np.all(np.abs(vectors).sum(1) > 0)  # 'unprecedented' is several word pieces, pooled into one row
    said = [row for row, t in enumerate(keep) if t.text == "said"]
    assert not np.allclose(vectors[said[0]], vectors[said[1]])


def test_relative_clause_source_and_a_name_that_looks_like_a_cue():
    doc, found = _paired("The official, who asked not to be named, told Reuters the talks failed.", [
        ("SRC", "The official , who"), ("CUE", "asked"), ("CON", "not to be named"), ("CUE", "told"),
        ("CON", "the talks failed")])
    assert [(doc.text[slice(*f.cue)], _texts(doc, f.sources)) for f in found] == [
        ("asked", ["The official, who"]), ("told", ["The official"])]
    doc, (found,) = _paired("A Rafah resident, Ahmed Said, said the strikes went on all night.", [
        ("SRC", "A Rafah resident , Ahmed"), ("CUE", "Said"), ("CUE", "said"), ("CON", "the strikes went on all night")])
    assert (doc.text[slice(*found.cue)], _texts(doc, found.sources)) == ("said", ["A Rafah resident, Ahmed Said,"])


def test_a_time_phrase_the_parser_hangs_on_the_cue_is_not_part_of_the_source():
    doc, (found,) = _paired("Wells Fargo just this month announced it would end the incentives.", [
        ("SRC", "Wells Fargo just this month"), ("CUE", "announced"), ("CON", "it would end the incentives")])
    assert _texts(doc, found.sources) == ["Wells Fargo"]


def test_an_attribution_gets_one_source_joined_from_pieces_or_chosen_from_rivals():
    doc, (found,) = _paired("Everyone I interviewed criticized the plan as too complicated.", [
        ("SRC", "Everyone"), ("SRC", "I interviewed"), ("CUE", "criticized"), ("CON", "the plan as too complicated")])
    assert _texts(doc, found.sources) == ["Everyone I interviewed"]
    doc, (found,) = _paired("Trump, speaking to a veterans group in Virginia, said he would order a review.", [
        ("SRC", "Trump"), ("SRC", "a veterans group"), ("CUE", "said"), ("CON", "he would order a review")])
    assert _texts(doc, found.sources) == ["Trump"]


def test_a_headline_without_a_full_stop_does_not_swallow_the_paragraph_below(analyzer):
    from saidwho.attribution.features import _chunks
    from saidwho.ingest import make_article

    text = ("CNN poll shows Clinton ahead\n\nA CNN poll released Monday found Clinton leading Trump 46 percent "
            "to 41 percent among likely voters.\n")
    keep = [t for t in nlp_module.load()(text) if not t.is_space]
    assert [keep[a].text for a, _ in _chunks(keep)] == ["CNN", "A"]  # a model sequence never runs across a line
    a = analyzer.analyze(make_article(text, id="t"))
    assert [(at.cue.text, [s.text for s in at.sources]) for at in a.attributions] == [
        ("shows", ["CNN poll"]), ("found", ["A CNN poll released Monday"])]
