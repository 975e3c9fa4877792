import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from saidwho.cli import app

from .conftest import ROOT, SAMPLE

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("saidwho ")


def test_json_for_one_input_is_an_analysis():
    result = run("analyze", SAMPLE, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["article"]["id"] == SAMPLE.stem
    assert data["attributions"], "the sample has attributions"
    text = data["article"]["text"]
    for a in data["attributions"]:
        for span in [a["cue"], *a["sources"], *a["contents"]]:
            assert text[span["start"]:span["end"]] == span["text"]


def test_several_inputs_give_json_lines(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("The mayor said the bridge would reopen on Friday.", encoding="utf-8")
    result = run("analyze", SAMPLE, other, "--format", "jsonl")
    lines = result.stdout.strip().splitlines()
    assert result.exit_code == 0 and len(lines) == 2
    assert [json.loads(l)["article"]["id"] for l in lines] == [SAMPLE.stem, "other"]


def test_citron_writes_one_file_per_input(tmp_path):
    out = tmp_path / "pred"
    result = run("analyze", SAMPLE, "--format", "citron", "--out", out)
    assert result.exit_code == 0
    doc = json.loads((out / f"{SAMPLE.stem}.json").read_text(encoding="utf-8"))
    assert doc["text"] == SAMPLE.read_text(encoding="utf-8")
    assert doc["quotes"] and {"cue", "sources", "contents"} <= set(doc["quotes"][0])
    assert not list(out.glob(".*.tmp"))


def test_citron_needs_out():
    result = run("analyze", SAMPLE, "--format", "citron")
    assert result.exit_code == 2 and "--out" in result.output


def test_table_shows_sources_and_cues():
    result = runner.invoke(app, ["analyze", str(SAMPLE), "--format", "table"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Who said what" in result.stdout and "A Hamas official" in result.stdout


def test_bad_inputs_fail_alone_and_set_exit_status(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00\xff")
    result = run("analyze", tmp_path / "missing.txt", empty, binary, SAMPLE, "--format", "jsonl")
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1  # the good file still comes out
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3 and all(line.startswith("saidwho: error:") for line in errors)
    assert "Traceback" not in result.output


def test_no_traceback_from_real_process(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "saidwho", "analyze", str(tmp_path / "nope")], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no such file" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_schema_file_is_current():
    result = run("schema")
    assert result.stdout == (ROOT / "schema" / "analysis.schema.json").read_text(encoding="utf-8"), \
        "regenerate with: saidwho schema > schema/analysis.schema.json"
