"""Output formats: JSON, citron files for the reference scorer, and the terminal table."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Callable

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from .model import Analysis

KIND_STYLE = {"direct": "green", "indirect": "cyan", "mixed": "yellow", "according_to": "magenta", "belief": "blue"}


def to_json(analysis: Analysis, indent: int | None = 2) -> str:
    return analysis.model_dump_json(indent=indent)


def to_citron(analysis: Analysis) -> dict:
    """The citron annotation format read by attrib_score.py."""
    def span(s):
        return {"start": s.start, "end": s.end, "text": s.text}

    return {
        "text": analysis.article.text,
        "quotes": [
            {"cue": span(a.cue), "sources": [span(s) for s in a.sources], "contents": [span(c) for c in a.contents]}
            for a in analysis.attributions
        ],
    }


def write_atomic(path: Path, data: str) -> None:
    """Write through a temporary file so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def source_label(analysis: Analysis, attribution) -> str:
    by_id = {s.id: s for s in analysis.sources}
    source = by_id.get(attribution.source_id) if attribution.source_id else None
    if source:
        return source.name
    return " + ".join(s.text for s in attribution.sources) or "(unattributed)"


def attributions_table(analysis: Analysis) -> Table:
    table = Table(title="Who said what", show_lines=False, expand=True)
    table.add_column("Source", style="bold", ratio=2)
    table.add_column("Cue", ratio=2, overflow="fold")  # rich drops min_width under ratios: 'voice d outra ge' at 80 columns
    table.add_column("Kind", no_wrap=True, min_width=12)
    table.add_column("Content", ratio=6)
    for a in analysis.attributions:
        style = KIND_STYLE.get(a.kind, "")
        content = " \u2026 ".join(_short(c.text, 200) for c in a.contents)
        table.add_row(_short(source_label(analysis, a), 60), a.cue.text, Text(a.kind, style=style), Text(content, style=style))
    return table


def sources_table(analysis: Analysis) -> Table | None:
    if not analysis.sources:
        return None
    s = analysis.sourcing
    caption = (f"{s.sources} sources: {s.named} named, {s.anonymous} anonymous; "
               f"{s.anonymous_attribution_share:.0%} of attributed statements from anonymous sources")
    table = Table(title="Sources", caption=caption, expand=True)
    table.add_column("Id", no_wrap=True)
    table.add_column("Source", style="bold", ratio=3)
    table.add_column("Type", no_wrap=True)
    table.add_column("Status", ratio=2)
    table.add_column("Role, affiliation", ratio=2)
    table.add_column("Channel, via", ratio=2)
    table.add_column("Said", no_wrap=True)
    names = {x.id: x.name for x in analysis.sources}
    for x in analysis.sources:
        status = "named" if x.named else ("anonymous" if x.anonymous else "unnamed")
        if x.anonymity_reason:
            status += f": {x.anonymity_reason.text}"
        relay = ", ".join(v for v in (x.channel, x.via and f"via {_short(names[x.via], 40)}") if v)
        role = ", ".join(v for v in (x.role, x.affiliation) if v)
        table.add_row(x.id, _short(x.name, 80), x.type, status, role, relay, str(len(x.attribution_ids)))
    return table


def figures_table(analysis: Analysis) -> Table | None:
    if not analysis.figures:
        return None
    names = {x.id: x.name for x in analysis.sources}
    table = Table(title="Figures", expand=True)
    for column in ("Figure", "Value", "Qualifier", "Counts / unit", "Vouched for by"):
        table.add_column(column)
    for f in analysis.figures:
        if f.value is not None:
            value = f"{f.value:,.10g}"
        elif f.low is not None:
            value = f"{f.low:,.10g}\u2013{f.high:,.10g}"
        else:
            value = "(vague)"
        what = " / ".join(x for x in (f.counts, f.unit) if x)
        table.add_row(f.span.text, value, f.qualifier.replace("_", " "), what, _short(names.get(f.source_id, ""), 50))
    return table


# Each section renders one part of the analysis; stages append their own.
SECTIONS: list[Callable[[Analysis], object]] = [attributions_table, sources_table, figures_table]


def _sides_text(sides) -> Text:
    out = Text()
    for k, side in enumerate(sides):
        if k:
            out.append("\n")
        who = _short(" + ".join(side.sources) or "(unattributed)", 70)
        where = " \u00b7 ".join(x for x in (side.outlet, side.published, side.article_id) if x)
        out.append(f"{who}", style="bold")
        out.append(f" [{where}]" if where else "", style="dim")
        out.append(f": {_short(side.stance, 140)}")
    return out


def claims_table(analysis: Analysis) -> Table | None:
    if not analysis.claims:
        return None
    table = Table(title="Claims", expand=True)
    for column in ("Claim", "Matter", "Polarity", "Modality", "Text"):
        table.add_column(column, ratio=6 if column == "Text" else None)
    for c in analysis.claims:
        table.add_row(c.id, c.matter_id or "", c.polarity, c.modality, _short(c.text, 160))
    return table


def disagreements_table(analysis: Analysis) -> Table | None:
    return _findings_table("Disagreements", analysis.disagreements) if analysis.disagreements else None


def corroborations_table(analysis: Analysis) -> Table | None:
    return _findings_table("Corroborations", analysis.corroborations) if analysis.corroborations else None


def _findings_table(title: str, findings) -> Table:
    table = Table(title=title, expand=True, show_lines=True)
    table.add_column("Matter", ratio=2, min_width=5)
    table.add_column("Kind", width=len("polarity"), no_wrap=True)
    table.add_column("Conf.", width=len("Conf."), no_wrap=True)
    table.add_column("Sides", ratio=8, min_width=5)
    for f in findings:
        table.add_row(_short(f.matter, 40), getattr(f, "kind", "agree"), f"{f.confidence:.2f}", _sides_text(f.sides))
    return table


def collection_table(found) -> Group:
    """Disagreements and corroborations across a collection, each side with outlet, date and article."""
    parts: list = [Text(f"{found.articles} article(s), {found.claims} claim(s)", style="dim")]
    parts.append(_findings_table("Disagreements", found.disagreements) if found.disagreements else Text("No disagreements found."))
    if found.corroborations:
        parts.append(_findings_table("Corroborations", found.corroborations))
    return Group(*parts)


def check_table(claim: str, hits) -> Table:
    table = Table(title=f"Check: {_short(claim, 80)}", expand=True, show_lines=True)
    for column, ratio in (("Verdict", 1), ("Source", 2), ("Where", 2), ("Evidence", 5)):
        table.add_column(column, ratio=ratio, min_width=9 if column == "Verdict" else 8)
    style = {"supports": "green", "disputes": "red", "mentions": "dim"}
    for h in hits:
        where = " \u00b7 ".join(x for x in (h.outlet, h.published, h.article_id) if x)
        table.add_row(Text(h.verdict, style=style[h.verdict]), _short(h.source, 50), where, _short(h.text, 200))
    return table


SECTIONS += [claims_table, disagreements_table, corroborations_table]


def render_table(analysis: Analysis, console: Console) -> None:
    title = analysis.article.title or analysis.article.id
    console.rule(Text(title, style="bold"))
    meta = [x for x in (analysis.article.outlet, analysis.article.published,
                        analysis.article.dateline and analysis.article.dateline.place) if x]
    if meta:
        console.print(Text(" \u00b7 ".join(meta), style="dim"))
    rendered = (section(analysis) for section in SECTIONS)
    console.print(Group(*[r for r in rendered if r is not None]))


def citron_name(analysis: Analysis) -> str:
    return f"{analysis.article.id}.json"


def citron_json(analysis: Analysis) -> str:
    return json.dumps(to_citron(analysis), ensure_ascii=False)
