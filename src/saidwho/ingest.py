"""Turn files, records and strings into :class:`Article` objects.

Clean-up never edits the text: boilerplate and the dateline are recorded as
spans, and :func:`analysable_text` blanks them out with spaces of the same
length, so every offset computed downstream indexes the original text.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from dateutil import parser as date_parser

from .model import Article, Dateline, Span

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MIN_HTML_WORDS = 8  # less is navigation or an error page, not an article
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


class IngestError(ValueError):
    """A file or record that cannot be read as an article; the message is one line for the user."""


@dataclass
class Failure:
    """A bad input in a batch: reported, while the rest of the batch goes on."""

    name: str
    message: str


ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d")
NAMED_DAY = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
FILLERS = (datetime(1900, 1, 1), datetime(1904, 2, 2))  # what the date parser fills in for parts a value lacks
BOILERPLATE_LINE = re.compile(
    r"^\s*(follow (us )?on\b.*|follow\s*$|share (this|on)\b.*|sign up for\b.*|subscribe\b.*"
    r"|read (more|the rest)( here)?\.?|advertisement|skip to (main )?content|click here\b.*"
    r"|reporting by\b.*|editing by\b.*|writing by\b.*|our standards:.*|related:?)\s*$",
    re.IGNORECASE,
)
# embedded-post markup left in scraped text: '<tweet tweet-author="@hardball" tweet-date="...">', '</tweet>', '<a href=...>'
MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w-]+=(?:\"[^\"<>]{0,200}\"|'[^'<>\n]{0,200}'|\u201d[^<>\n]{0,200}?\u201d|[^\s<>]*))*\s*/?>")
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.\- ]{1,30}?)?)\s*"
    r"(?:\((?P<agency>[^()\n]{1,30})\)\s*)?[\u2013\u2014-]{1,2}\s*"
)
# 'New York (AFP) –': a place not in capitals is a dateline only with its agency, or it would be any name and a
# dash; 'Hillary Clinton (D) -' names a party
TITLED_DATELINE = re.compile(
    r"(?P<place>[A-Z][a-z]+(?:[ '-][A-Z][a-z]+){0,3}(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][a-z]+)?)?)\s*"
    r"\((?![DRI]\b)(?P<agency>[A-Z][^()\n]{1,29})\)\s*[\u2013\u2014-]{1,2}\s*"
)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line.rstrip("\r\n"))
        yield pos, end
        pos += len(line)


def find_boilerplate(text: str) -> list[Span]:
    """Navigation/social lines, second copies of a headline or paragraph, and markup tags; without the tags a
    tweet's text reads as text and 'tweet-author="@MashableNews"' never becomes part of a source's name."""
    spans = [Span.of(text, m.start(), m.end()) for m in MARKUP.finditer(text)]
    seen: set[str] = set()
    for start, end in _lines(text):
        line = text[start:end]
        key = line.strip().lower()
        if not key:
            continue
        repeated_heading = key in seen and not key.endswith((".", "!", "?", '"', "\u201d"))
        if BOILERPLATE_LINE.match(line) or repeated_heading:
            s = start + (len(line) - len(line.lstrip()))
            spans.append(Span.of(text, s, start + len(line.rstrip())))
        elif len(key.split()) >= 3:
            seen.add(key)
    return sorted(spans, key=lambda s: s.start)


def find_dateline(text: str, skip: list[Span]) -> Optional[Dateline]:
    """'CAIRO (Reuters) –' at the start of the first body paragraph."""
    skipped = [(s.start, s.end) for s in skip]
    paragraphs = 0
    for start, end in _lines(text):
        line = text[start:end]
        if not line.strip() or any(a <= start < b for a, b in skipped):
            continue
        paragraphs += 1
        if paragraphs > 6:
            return None  # a dateline opens the body, which starts near the top
        lead = len(line) - len(line.lstrip())
        m = DATELINE.match(line, lead) or TITLED_DATELINE.match(line, lead)
        if m and len(line) > m.end() + 20:
            place = m.group("place").strip()
            return Dateline(place=place.title(), agency=m.group("agency"), span=Span.of(text, start + lead, start + m.end()))
    return None


def analysable_text(article: Article) -> str:
    """The article text with boilerplate and dateline blanked, offsets unchanged."""
    regions = list(article.boilerplate)
    if article.dateline:
        regions.append(article.dateline.span)
    if not regions:
        return article.text
    chars = list(article.text)
    for span in regions:
        for i in range(span.start, span.end):
            if not chars[i].isspace():
                chars[i] = " "
    return "".join(chars)


def make_article(text: str, *, id: str, title: Optional[str] = None, **meta) -> Article:
    if not text or not text.strip():
        raise IngestError("no article text")
    if title is None:
        first = text.strip().splitlines()[0].strip()
        if 2 < len(first.split()) < 30 and not first.endswith((".", '"', "\u201d")):
            title = first
    boilerplate = find_boilerplate(text)
    dateline = find_dateline(text, boilerplate)
    if meta.get("published"):
        meta["published"] = normalize_date(str(meta["published"]))  # a datetime from the library API, too
    return Article(id=id, text=text, title=title, boilerplate=boilerplate, dateline=dateline, **meta)


def normalize_date(value: str) -> str:
    """ISO 8601 for the dates feeds and scrapers write ('Mon, 08 Apr 2024 10:00:00 GMT', 'April 8, 2024'), so two
    articles' days compare; a value with no year, or none that parses, is kept as given and never matches a day."""
    value = value.strip()
    if ISO_DAY.match(value):
        return value
    if not YEAR.search(value):
        return value
    try:
        when, check = (date_parser.parse(value, default=d) for d in FILLERS)
    except (ValueError, OverflowError):
        return value
    if when.date() != check.date():
        return value  # 'March 2024' or '2024' names no day; the parser would make one up
    return when.isoformat() if when.time() != time() or when.tzinfo else when.date().isoformat()


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), then UTF-16 by BOM, then cp1252 for old newsroom exports."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary file, not text")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise IngestError("not valid UTF-8 or Windows-1252 text") from None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > len(text) / 100:
        raise IngestError("binary file, not text")
    return text


def from_html(html: str, *, id: str, **meta) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        raise IngestError("HTML page has no article text")
    def get(name):
        value = getattr(doc, name, None)
        return str(value) if value else None

    meta.setdefault("url", get("url"))
    meta.setdefault("outlet", get("sitename"))
    meta.setdefault("published", get("date"))
    meta.setdefault("byline", get("author"))
    return make_article(body, id=id, title=get("title"), **meta)


# each field under the names common corpora give it (news-please, scraper exports, RSS dumps), first found wins
RECORD_FIELDS = {
    "text": ("text", "maintext", "body", "content"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "date_publish", "published_at", "publishedAt", "publish_date", "pubdate",
                  "datePublished"),
    "outlet": ("outlet", "source_domain", "sitename", "publisher", "source"),
    "byline": ("byline", "author", "authors"),
}


def _field(record: dict, field: str) -> Optional[str]:
    for key in RECORD_FIELDS[field]:
        value = record.get(key)
        if field == "text":
            if isinstance(value, str):
                return value
        elif isinstance(value, list):
            if any(value):
                return ", ".join(_named(v) for v in value if v)  # 'authors': ['Ann Lee', 'Bo Kim']
        elif value is not None and (named := _named(value)):
            return named
    return None


def _named(value: object) -> str:
    """NewsAPI's 'source': {'id': 'reuters', 'name': 'Reuters'} is Reuters."""
    return str(value.get("name") or value.get("id") or "") if isinstance(value, dict) else str(value)


def from_record(record: dict, *, default_id: str) -> Article:
    if not isinstance(record, dict):
        raise IngestError("JSON record is not an object")
    text = _field(record, "text")
    if text is None:
        raise IngestError(f"JSON record has no text string (looked for {', '.join(map(repr, RECORD_FIELDS['text']))})")
    meta = {k: v for k in RECORD_FIELDS if k != "text" and (v := _field(record, k)) is not None}
    return make_article(text, id=str(record.get("id") or default_id), **meta)


def read_path(path: Union[str, Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[Article, Failure]]:
    """Articles in one file: one for text and HTML, one per record for JSON Lines."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        yield Failure(name, f"cannot read: {e.strerror or e}")
        return
    if size > max_bytes:
        yield Failure(name, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit (--max-bytes)")
        return
    try:
        text = decode(path.read_bytes())
        if not text.strip():
            raise IngestError("empty file")
        suffix = path.suffix.lower()
        stem = path.stem
        meta = {"path": name}
        if suffix in HTML_SUFFIXES or (suffix not in JSON_SUFFIXES | JSONL_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
            yield from_html(text, id=stem, **meta)
        elif suffix in JSONL_SUFFIXES:
            yield from _jsonl(text, name, stem)
        elif suffix in JSON_SUFFIXES:
            try:
                data = json.loads(text)
            except json.JSONDecodeError as e:
                raise IngestError(f"invalid JSON: {e.msg} at line {e.lineno}") from None
            records = data if isinstance(data, list) else [data]
            for i, record in enumerate(records):
                try:
                    yield from_record(record, default_id=stem if len(records) == 1 else f"{stem}-{i + 1}").model_copy(update=meta)
                except IngestError as e:
                    yield Failure(f"{name}[{i}]", str(e))
        else:
            day = NAMED_DAY.search(stem)  # 'reuters_2024-04-08_gaza-talks.txt': a plain file says its day only there
            yield make_article(text, id=stem, **meta, **({"published": day.group()} if day else {}))
    except IngestError as e:
        yield Failure(name, str(e))


def _jsonl(text: str, name: str, stem: str) -> Iterator[Union[Article, Failure]]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield from_record(record, default_id=f"{stem}-{n}").model_copy(update={"path": name})
        except json.JSONDecodeError as e:
            yield Failure(f"{name}:{n}", f"invalid JSON: {e.msg}")
        except IngestError as e:
            yield Failure(f"{name}:{n}", str(e))


def iter_inputs(paths: Iterable[Union[str, Path]], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Union[Article, Failure]]:
    """Walk files and directories in a stable order; directories yield only article-like files."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(
                Path(root) / f
                for root, dirs, names in os.walk(path)
                for f in names
                if not f.startswith(".") and Path(f).suffix.lower() in ARTICLE_SUFFIXES - {""}
            )
            if not files:
                yield Failure(str(path), "directory has no article files (.txt, .html, .json, .jsonl)")
            for f in files:
                yield from read_path(f, max_bytes)
        elif path.exists():
            yield from read_path(path, max_bytes)
        else:
            yield Failure(str(path), "no such file or directory")


def coerce(item: Union[str, Path, Article, dict], id: str = "article") -> Article:
    """The Python API's forgiving input: an Article, a record, a path, or raw text."""
    if isinstance(item, Article):
        return item
    if isinstance(item, dict):
        return from_record(item, default_id=id)
    if isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and len(item) < 4096 and os.path.isfile(item)):
        results = list(read_path(item))
        for r in results:
            if isinstance(r, Failure):
                raise IngestError(f"{r.name}: {r.message}")
        if len(results) != 1:
            raise IngestError(f"{item}: holds {len(results)} articles; use analyze_many")
        return results[0]
    if isinstance(item, str):
        if item.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            return from_html(item, id=id)
        return make_article(item, id=id)
    raise IngestError(f"cannot read an article from {type(item).__name__}")
