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
