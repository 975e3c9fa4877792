import spacy

import saidwho.spacy_component  # noqa: F401  (registers the factory)
from saidwho.nlp import MODEL_NAMES


def test_add_pipe_fills_doc_attributions():
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    nlp.add_pipe("saidwho")
    doc = nlp('"The talks failed," a senior official told reporters on Monday.')
    atts = doc._.attributions
    assert len(atts) == 1
    assert atts[0].cue.text == "told"
    assert "The talks failed" in atts[0].contents[0].text
    assert doc.text[atts[0].cue.start:atts[0].cue.end] == "told"
