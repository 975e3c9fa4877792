import pytest

import saidwho


def test_api_accepts_text():
    analysis = saidwho.analyze('"We will win," the senator said on Tuesday.')
    assert analysis.attributions
    a = analysis.attributions[0]
    assert a.cue.text == "said" and a.sources[0].text == "the senator"
    assert a.kind == "direct"


def test_analyze_many_streams_and_passes_failures():
    results = list(saidwho.analyze_many(["The mayor said the bridge would reopen.", "", "Police said two people died."]))
    assert [type(r).__name__ for r in results] == ["Analysis", "Failure", "Analysis"]


def test_analyze_many_keeps_order_across_parse_batches_and_stops_early():
    from saidwho.ingest import make_article
    from saidwho.pipeline import Analyzer

    analyzer = Analyzer()
    articles = [make_article(f"Officer {n} said the road was closed.", id=str(n)) for n in range(7)]
    results = list(analyzer.analyze_many(articles, batch_size=3))
    assert [r.article.id for r in results] == [a.id for a in articles]
    stream = analyzer.analyze_many(iter(articles * 20), batch_size=2)
    assert next(stream).article.id == "0"
    stream.close()  # the parsing thread must let go, not block on its full queue


def test_analyze_many_raises_an_input_error_in_the_callers_thread():
    from saidwho.ingest import make_article
    from saidwho.pipeline import Analyzer

    def items():
        yield make_article("The mayor said the bridge would reopen.", id="1")
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        list(Analyzer().analyze_many(items()))


def test_span_invariant_on_every_dev_article(dev_analyses):
    assert len(dev_analyses) == 84
    for analysis in dev_analyses:
        text = analysis.article.text
        for span in analysis.spans():
            assert text[span.start:span.end] == span.text, (analysis.article.id, span)


def test_reference_article_attributions(sample_analysis):
    found = {(" ".join(s.text for s in a.sources), a.cue.text) for a in sample_analysis.attributions}
    sources = " | ".join(s for s, _ in found)
    for who in ["A Hamas official", "Egyptian sources", "the health ministry in Gaza", "Israeli tallies", "the army",
                "Two Egyptian security sources and Al-Qahera News", "A Palestinian official close to mediation efforts"]:
        assert who in sources, who
    assert not any("Google News" in a.contents[0].text for a in sample_analysis.attributions)
