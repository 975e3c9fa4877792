"""The command line: a thin layer over the library API."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from . import __version__
from .ingest import DEFAULT_MAX_BYTES, Failure, iter_inputs

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Who said what in news articles.")
err = Console(stderr=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    citron = "citron"


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]saidwho: error:[/red] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def report(failure: Failure) -> None:
    err.print(f"[red]saidwho: error:[/red] {failure.name}: {failure.message}", highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        print(f"saidwho {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """saidwho reads news articles and reports who said what, who vouches for each figure, and where sources disagree."""


def _count_files(paths: List[Path]) -> int:
    total = 0
    for p in paths:
        total += sum(1 for f in p.rglob("*") if f.is_file()) if p.is_dir() else 1
    return total


def _analyses(paths: List[Path], extractor: str, max_bytes: int, progress: bool):
    """Yield analyses and failures, with a progress bar for bigger batches on a terminal."""
    from .pipeline import Analyzer

    try:
        analyzer = Analyzer(extractor=extractor)
    except (ValueError, RuntimeError) as e:
        fail(str(e))
    results = analyzer.analyze_many(iter_inputs(paths, max_bytes))
    total = _count_files(paths) if progress else 0
    if not progress or total <= 3:
        yield from results
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("analysing", total=total)
        for item in results:
            bar.advance(task)
            yield item


@app.command()
def analyze(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .json, .jsonl) or directories."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="table (default on a terminal), json, jsonl or citron."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Directory for json/citron files (one per article) or analyses.jsonl."),
    extractor: str = typer.Option("default", help="Attribution extractor: default, tagger or rules."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Skip files larger than this."),
) -> None:
    """Analyse articles and print who said what."""
    fmt = format or (Format.table if sys.stdout.isatty() and out is None else Format.json)
    if fmt is Format.citron and out is None:
        fail("--format citron writes one NAME.json per article: give --out DIR")
    from . import formats

    failures = 0
    rows: list[str] = []
    console = Console()
    count = 0
    try:
        for item in _analyses(paths, extractor, max_bytes, progress=err.is_terminal):
            if isinstance(item, Failure):
                failures += 1
                report(item)
                continue
            count += 1
            if fmt is Format.table:
                formats.render_table(item, console)
            elif fmt is Format.citron:
                formats.write_atomic(out / formats.citron_name(item), formats.citron_json(item))
            elif out is not None and fmt is Format.json:
                formats.write_atomic(out / f"{item.article.id}.json", formats.to_json(item))
            else:
                rows.append(formats.to_json(item, indent=None))
    except KeyboardInterrupt:
        err.print("saidwho: interrupted; files already written are complete")
        raise typer.Exit(130)
    if rows:
        if out is not None:
            formats.write_atomic(out / "analyses.jsonl", "\n".join(rows) + "\n")
        elif fmt is Format.json and len(rows) == 1:
            print(json.dumps(json.loads(rows[0]), indent=2, ensure_ascii=False))
        else:
            sys.stdout.write("\n".join(rows) + "\n")
    if out is not None and fmt is not Format.table:
        err.print(f"saidwho: wrote {count} article(s) to {out}", highlight=False)
    if failures:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold_text: Optional[Path] = typer.Option(None, help="Folder of gold article texts (PolNeAR layout)."),
    gold_ann: Optional[Path] = typer.Option(None, help="Folder of gold brat .ann files."),
    gold_json: Optional[Path] = typer.Option(None, help="Folder of gold citron-format JSON files."),
    pred: Optional[Path] = typer.Option(None, help="Score these citron predictions instead of running saidwho."),
    extractor: str = typer.Option("default", help="Attribution extractor to evaluate."),
    errors: Optional[Path] = typer.Option(None, help="Write misses, false alarms and wrong sources here (JSON Lines)."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Score attributions against gold annotations (same metrics as attrib_score.py)."""
    from . import evaluate as ev

    if gold_json:
        gold = ev.iter_citron(gold_json)
    elif gold_text and gold_ann:
        gold = ev.iter_brat(gold_text, gold_ann)
    else:
        fail("give --gold-json DIR, or --gold-text DIR with --gold-ann DIR")
    for d in (gold_json, gold_text, gold_ann, pred):
        if d is not None and not d.is_dir():
            fail(f"{d}: not a directory")
    scorer = ev.Scorer()
    analyzer = None
    if pred is None:
        from .formats import to_citron
        from .ingest import make_article
        from .pipeline import Analyzer

        analyzer = Analyzer(extractor=extractor, stages=[])
    for name, text, gold_atts in gold:
        if analyzer is not None:
            analysis = analyzer.analyze(make_article(text, id=name))
            predicted = ev.read_citron(text, to_citron(analysis))
        else:
            path = pred / f"{name}.json"
            predicted = ev.read_citron(text, json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None
        scorer.add(name, text, gold_atts, predicted)
    summary = scorer.summary()
    if errors:
        from .formats import write_atomic

        write_atomic(errors, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in scorer.errors))
    print(json.dumps(summary, indent=1) if as_json else ev.format_summary(summary))


@app.command()
def train(
    polnear: Path = typer.Option(..., help="PolNeAR folder with train/ and dev/ (each with text/ and attributions/)."),
    out: Path = typer.Option(..., help="Where to write the model (model.onnx, vocab.json, meta.json)."),
    epochs: int = typer.Option(12, help="Training epochs; the best epoch on dev is kept."),
    seed: int = typer.Option(13, help="Random seed."),
    cache: Optional[Path] = typer.Option(None, help="Keep the spaCy parses of the corpus here between runs."),
) -> None:
    """Train the attribution tagger (needs: pip install saidwho[train])."""
    for split in ("train", "dev"):
        if not (polnear / split / "text").is_dir() or not (polnear / split / "attributions").is_dir():
            fail(f"{polnear / split}: expected text/ and attributions/ folders")
    try:
        import torch  # noqa: F401
    except ImportError:
        fail("training needs torch: pip install 'saidwho[train]'")
    from .attribution.train import Settings, train as run_training

    meta = run_training(polnear, out, Settings(epochs=epochs, seed=seed), log=lambda m: err.print(m, highlight=False), cache=cache)
    print(json.dumps({"best_epoch": meta["best_epoch"], "dev": meta["dev"]}, indent=1))


def _collection(paths: List[Path], extractor: str, max_bytes: int):
    """Analyse every input (failures reported, never fatal) and load the embedder up front."""
    from .disagreements import EmbedderUnavailable, get_embedder

    try:
        embedder = get_embedder()
    except EmbedderUnavailable as e:
        fail(str(e))
    analyses, failures = [], 0
    for item in _analyses(paths, extractor, max_bytes, progress=err.is_terminal):
        if isinstance(item, Failure):
            failures += 1
            report(item)
        else:
            analyses.append(item)
    if not analyses:
        fail("no article could be analysed", 1)
    return analyses, embedder, failures


@app.command()
def disagreements(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .json, .jsonl) or directories."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="table (default on a terminal) or json."),
    extractor: str = typer.Option("default", help="Attribution extractor: default, tagger or rules."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Skip files larger than this."),
    min_confidence: float = typer.Option(0.0, min=0.0, max=1.0, help="Only findings at least this likely right: "
                                         "a finding's confidence is its kind's judged precision, higher "
                                         "between claims sources were said to say (README)."),
) -> None:
    """List where sources disagree (and corroborate) across all the articles given."""
    from .disagreements import collection

    analyses, embedder, failures = _collection(paths, extractor, max_bytes)
    found = collection.across(analyses, embedder).at_least(min_confidence)
    if (format or (Format.table if sys.stdout.isatty() else Format.json)) is Format.table:
        from .formats import collection_table

        Console().print(collection_table(found))
    else:
        print(json.dumps(collection.findings_json(found), indent=2, ensure_ascii=False))
    if failures:
        raise typer.Exit(1)


@app.command()
def check(
    claim: str = typer.Argument(..., help="The claim to check, as a sentence."),
    paths: List[Path] = typer.Argument(..., help="Article files (.txt, .html, .json, .jsonl) or directories."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="table (default on a terminal) or json."),
    extractor: str = typer.Option("default", help="Attribution extractor: default, tagger or rules."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, help="Skip files larger than this."),
) -> None:
    """Show which sources support, dispute or merely mention a claim, with evidence."""
    if len(claim.split()) < 2:
        fail("give the claim as a sentence, e.g. \"progress was made in the Cairo talks\"")
    from .disagreements import collection
    from .nlp import load

    analyses, embedder, failures = _collection(paths, extractor, max_bytes)
    hits = collection.check(claim, analyses, load(), embedder)
    if (format or (Format.table if sys.stdout.isatty() else Format.json)) is Format.table:
        from .formats import check_table

        Console().print(check_table(claim, hits))
    else:
        print(json.dumps({"claim": claim, "results": collection.hits_json(hits)}, indent=2, ensure_ascii=False))
    if failures:
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Analysis output."""
    from .model import json_schema

    print(json_schema())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("saidwho: interrupted")
        sys.exit(130)
    except Exception as e:  # the user gets one line, never a traceback
        err.print(f"[red]saidwho: error:[/red] {type(e).__name__}: {e}", highlight=False, soft_wrap=True)
        sys.exit(1)
