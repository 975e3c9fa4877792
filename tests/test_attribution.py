from saidwho import nlp as nlp_module
from saidwho.attribution.pairing import TokenSpan, pair


def _spans(doc, role_words):
    out = []
    for role, words in role_words:
        n = len(words.split())
        start = next(t.i for t in doc if [w.text for w in doc[t.i:t.i + n]] == words.split())
        out.append(TokenSpan(role, start, start + n))
    return out


def test_source_keeps_a_comma_only_when_it_closes_an_apposition():
    nlp = nlp_module.load()
    doc = nlp("Scott Pruitt, the attorney general of Oklahoma, said the rule was illegal.")
    tagged = _spans(doc, [("SRC", "Scott Pruitt , the attorney general of Oklahoma"), ("CUE", "said"),
                          ("CON", "the rule was illegal")])
    (found,) = pair(doc, tagged)
    assert [doc.text[s:e] for s, e in found.sources] == ["Scott Pruitt, the attorney general of Oklahoma,"]
    doc = nlp("Mr. Kamin, in an interview, said the plan was sound.")
    tagged = _spans(doc, [("SRC", "Mr. Kamin ,"), ("CUE", "said"), ("CON", "the plan was sound")])
    (found,) = pair(doc, tagged)
    assert [doc.text[s:e] for s, e in found.sources] == ["Mr. Kamin"]


def test_quotation_credited_after_a_dash():
    nlp = nlp_module.load()
    doc = nlp("\u201cWe deserve a president who respects us.\u201d \u2015 Carla Sanchez\n\n\u201cI will vote.\u201d\u00a0\u2015 Jorge Falcon")
    tagged = _spans(doc, [("CON", "\u201c We deserve a president who respects us . \u201d"), ("SRC", "Carla"),
                          ("CON", "\u201c I will vote . \u201d")])
    found = pair(doc, tagged)
    assert [(doc.text[slice(*f.cue)], [doc.text[slice(*s)] for s in f.sources]) for f in found] == [
        ("\u2015", ["Carla Sanchez"]), ("\u2015", ["Jorge Falcon"])]


def test_quotation_in_the_paragraph_after_a_colon():
    nlp = nlp_module.load()
    doc = nlp("Caddell continued:\n\n\"The health issue is very much a partisan issue.\"")
    tagged = _spans(doc, [("SRC", "Caddell"), ("CUE", "continued :"),
                          ("CON", "\" The health issue is very much a partisan issue . \"")])
    (found,) = pair(doc, tagged)
    assert doc.text[slice(*found.contents[0])].startswith('"The health issue')


def test_a_quotation_mark_left_in_the_sentence_before_does_not_move_the_quote():
    nlp = nlp_module.load()
    doc = nlp("All agreed that the plan would raise taxes. ''There's a lot of new complexity,'' said Mr. Burman.")
    tagged = _spans(doc, [("SRC", "All"), ("CUE", "agreed"), ("CON", "that the plan would raise taxes"),
                          ("CON", "'' There 's a lot of new complexity , ''"), ("CUE", "said"), ("SRC", "Mr. Burman")])
    said = next(f for f in pair(doc, tagged) if doc.text[slice(*f.cue)] == "said")
    assert [doc.text[slice(*c)] for c in said.contents] == ["''There's a lot of new complexity,''"]


def test_a_possessive_source_keeps_its_s_only_before_its_own_cue():
    nlp = nlp_module.load()
    doc = nlp("Trump's claim that the race is rigged alarmed officials.")
    tagged = _spans(doc, [("SRC", "Trump"), ("CUE", "claim"), ("CON", "that the race is rigged")])
    (found,) = pair(doc, tagged)
    assert [doc.text[slice(*s)] for s in found.sources] == ["Trump's"]
    doc = nlp("Trump's campaign said the race is rigged.")
    tagged = _spans(doc, [("SRC", "Trump 's"), ("CUE", "said"), ("CON", "the race is rigged")])
    (found,) = pair(doc, tagged)
    assert [doc.text[slice(*s)] for s in found.sources] == ["Trump"]


def test_transcript_turns_are_attributed_to_their_speaker():
    nlp = nlp_module.load()
    doc = nlp("Partial transcript as follows:\n\n\"WALLACE: Let's start with the breaking news.\n\n"
              "\"PENCE: Well, look, we will be there tomorrow night.\n\nUPDATE: The debate ended.")
    found = pair(doc, [])
    assert [([doc.text[slice(*s)] for s in f.sources], doc.text[slice(*f.contents[0])]) for f in found] == [
        (["WALLACE"], "Let's start with the breaking news."), (["PENCE"], "Well, look, we will be there tomorrow night.")]
    doc = nlp("Loretta Lynch: 'Be the voice that people hear.'\n\nUpdate: The attorney general spoke on Monday.")
    found = pair(doc, [])
    assert [[doc.text[slice(*s)] for s in f.sources] for f in found] == [["Loretta Lynch"]]
