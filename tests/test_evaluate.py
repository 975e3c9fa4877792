import importlib.util
import json

import pytest

from saidwho.evaluate import Scorer, iter_brat, read_citron
from saidwho.formats import citron_json

from .conftest import shared_dir


def reference_scorer():
    path = shared_dir() / "tools" / "attrib_score.py"
    if not path.exists():
        pytest.skip("reference scorer not found")
    spec = importlib.util.spec_from_file_location("attrib_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scores_agree_with_reference_scorer_on_dev(polnear_dev, dev_analyses, tmp_path, capsys):
    ref = reference_scorer()
    pred_dir = tmp_path / "pred"
    pred_dir.mkdir()
    for analysis in dev_analyses:
        (pred_dir / f"{analysis.article.id}.json").write_text(citron_json(analysis), encoding="utf-8")
    ref.main(["--gold-text", str(polnear_dev / "text"), "--gold-ann", str(polnear_dev / "attributions"),
              "--pred", str(pred_dir), "--json"])
    expected = json.loads(capsys.readouterr().out)
    scorer = Scorer()
    for name, text, gold in iter_brat(polnear_dev / "text", polnear_dev / "attributions"):
        path = pred_dir / f"{name}.json"
        scorer.add(name, text, gold, read_citron(text, json.loads(path.read_text(encoding="utf-8"))))
    assert scorer.summary() == expected
    assert expected["attribution"]["f1"] > 0.5


def test_perfect_and_empty_predictions():
    text = "The mayor said the bridge will reopen."
    gold = read_citron(text, {"quotes": [{"cue": {"start": 10, "end": 14}, "sources": [{"start": 0, "end": 9}],
                                          "contents": [{"start": 15, "end": 37}]}]})
    s = Scorer()
    s.add("d", text, gold, gold)
    out = s.summary()
    assert out["attribution"]["f1"] == 1.0 and out["who_said"]["f1"] == 1.0 and out["cue.exact"]["f1"] == 1.0
    s = Scorer()
    s.add("d", text, gold, None)
    assert s.summary()["missing_predictions"] == 1 and s.summary()["attribution"]["recall"] == 0.0
    assert [e["error"] for e in s.errors] == ["missed"]


def test_wrong_source_counts_for_attribution_not_who_said():
    text = "The mayor said the bridge will reopen."
    gold = read_citron(text, {"quotes": [{"cue": {"start": 10, "end": 14}, "sources": [{"start": 0, "end": 9}],
                                          "contents": [{"start": 15, "end": 37}]}]})
    pred = read_citron(text, {"quotes": [{"cue": {"start": 10, "end": 14}, "sources": [],
                                          "contents": [{"start": 19, "end": 37}]}]})
    s = Scorer()
    s.add("d", text, gold, pred)
    out = s.summary()
    assert out["attribution"]["f1"] == 1.0 and out["who_said"]["f1"] == 0.0
