import json

import pytest

from saidwho.ingest import Failure, IngestError, analysable_text, coerce, decode, iter_inputs, make_article, normalize_date, read_path

from .conftest import SAMPLE


def only(path):
    items = list(read_path(path))
    assert len(items) == 1
    return items[0]


def test_plain_text_keeps_original_text_and_finds_boilerplate_and_dateline():
    raw = SAMPLE.read_text(encoding="utf-8")
    article = only(SAMPLE)
    assert article.text == raw
    assert article.title.startswith("Hamas says Gaza truce talks")
    texts = [b.text for b in article.boilerplate]
    assert "Follow us on Google News" in texts and "Follow on" in texts
    assert texts.count(article.title) == 1  # the repeat, not the headline itself
    assert article.dateline.place == "Cairo" and article.dateline.agency == "Reuters"
    for span in [*article.boilerplate, article.dateline.span]:
        assert raw[span.start:span.end] == span.text


def test_analysable_text_blanks_boilerplate_without_moving_offsets():
    article = only(SAMPLE)
    masked = analysable_text(article)
    assert len(masked) == len(article.text)
    assert "Google News" not in masked and "(Reuters)" not in masked
    i = article.text.index("A Hamas official")
    assert masked[i:i + 16] == "A Hamas official"


def test_embedded_post_markup_is_blanked_but_its_text_is_read():
    text = ('Trump answered on Twitter.\n\n<tweet tweet-author="@MashableNews" tweet-date="March 4, 2016">Donald Trump '
            'says there is no problem.<tweet/>.\n\nThe rate is < 5 percent and x>y.')
    article = make_article(text, id="x")
    tags = [b.text for b in article.boilerplate]
    assert tags == ['<tweet tweet-author="@MashableNews" tweet-date="March 4, 2016">', "<tweet/>"]
    masked = analysable_text(article)
    assert "tweet-author" not in masked and "Donald Trump says there is no problem." in masked
    assert masked.endswith("The rate is < 5 percent and x>y.")


@pytest.mark.parametrize("line,place,agency", [
    ("WASHINGTON (AP) \u2014 The Senate voted on Tuesday to approve the bill.", "Washington", "AP"),
    ("NEWPORT NEWS, Va. - A local official said the plant would close next year.", "Newport News, Va.", None),
    ("BEIJING -- Officials said on Monday that exports had fallen sharply.", "Beijing", None),
    ("New York (AFP) \u2013 Oscar-winning actress Susan Sarandon is not sure she can vote.", "New York", "AFP"),
])
def test_datelines(line, place, agency):
    article = make_article("Some headline here\n\n" + line, id="x")
    assert article.dateline.place == place
    assert article.dateline.agency == agency


@pytest.mark.parametrize("text", [
    "The Senate voted on Tuesday - after a long debate - to approve the bill.",
    "Headline\n\nSen. Jane Doe (D) - who chairs the panel - said the bill would pass easily.",
    "Headline\n\nJane Doe - a senator - said the bill would pass easily this week.",
])
def test_no_dateline_in_ordinary_text(text):
    assert make_article(text, id="x").dateline is None


def test_html_extracts_title_and_main_text(tmp_path):
    body = " ".join(["The minister said the talks would resume next week, according to officials."] * 4)
    html = f"""<!doctype html><html><head><title>Talks to resume | The Daily</title>
    <meta property="og:site_name" content="The Daily"><meta name="author" content="Jane Roe">
    <meta property="article:published_time" content="2024-04-08"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Talks to resume</h1><p>{body}</p><p>"We are hopeful," she told reporters.</p></article>
    <footer>Copyright The Daily</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    article = only(path)
    assert "The minister said the talks would resume" in article.text
    assert "Home" not in article.text.split()
    assert article.title.startswith("Talks to resume")
    assert article.published == "2024-04-08"


def test_html_without_article_text_fails(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    item = only(path)
    assert isinstance(item, Failure) and "no article text" in item.message


def test_jsonl_records_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": "a1", "title": "T", "text": "The mayor said the road will reopen.", "url": "http://x", "published": "2024-01-02", "outlet": "Daily"},
        "not json",
        {"id": "a3", "text": ""},
        {"id": "a4", "text": "Police said two people were hurt."},
    ]
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows), encoding="utf-8")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert items[0].id == "a1" and items[0].outlet == "Daily" and items[0].published == "2024-01-02"
    assert items[1].name.endswith(":2") and "invalid JSON" in items[1].message
    assert "no article text" in items[2].message


def test_records_under_other_corpora_field_names(tmp_path):
    path = tmp_path / "news-please.jsonl"
    path.write_text(json.dumps({"maintext": "Police said two people were hurt.", "date_publish": "Mon, 08 Apr 2024 10:00:00 GMT",
                                "source_domain": "example.com", "authors": ["Ann Lee", "Bo Kim"], "headline": "Two hurt"}),
                    encoding="utf-8")
    article = only(path)
    assert (article.published, article.outlet, article.byline, article.title) == (
        "2024-04-08T10:00:00+00:00", "example.com", "Ann Lee, Bo Kim", "Two hurt")
    path.write_text(json.dumps({"content": "Police said two people were hurt.", "publishedAt": "2024-04-08T09:00:00Z",
                                "source": {"id": "reuters", "name": "Reuters"}}), encoding="utf-8")
    assert (only(path).outlet, only(path).published) == ("Reuters", "2024-04-08T09:00:00Z")
    path.write_text(json.dumps({"body": ["not", "a string"]}), encoding="utf-8")
    assert "no text string" in only(path).message


@pytest.mark.parametrize("given,kept", [
    ("2024-04-08", "2024-04-08"), ("April 8, 2024", "2024-04-08"), ("8 April 2024", "2024-04-08"),
    ("Apr 8", "Apr 8"), ("yesterday", "yesterday"), ("2024", "2024"), ("March 2024", "March 2024"),
])
def test_published_dates_become_iso_when_they_say_a_day(given, kept):
    assert normalize_date(given) == kept


def test_a_plain_file_takes_its_day_from_its_name(tmp_path):
    dated, undated = tmp_path / "wire_2024-04-08_talks.txt", tmp_path / "talks-20240408.txt"
    for path in (dated, undated):
        path.write_text("Officials said the talks failed.", encoding="utf-8")
    assert (only(dated).published, only(undated).published) == ("2024-04-08", None)


def test_json_file_single_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "z", "text": "Officials said the plan failed."}), encoding="utf-8")
    assert only(path).id == "z"


@pytest.mark.parametrize("content,message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02\x03binary\x00", "binary"),
])
def test_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = only(path)
    assert isinstance(item, Failure) and message in item.message


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    items = list(read_path(path, max_bytes=100))
    assert isinstance(items[0], Failure) and "limit" in items[0].message


def test_decoding_fallbacks():
    assert decode("caf\u00e9 \u201cquoted\u201d".encode("cp1252")) == "caf\u00e9 \u201cquoted\u201d"
    assert decode("\ufeffhello".encode("utf-8")) == "hello"
    assert decode("hello".encode("utf-16")) == "hello"


def test_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    items = list(iter_inputs([tmp_path / "nope.txt", tmp_path / "empty"]))
    assert all(isinstance(i, Failure) for i in items)
    assert "no such file" in items[0].message and "no article files" in items[1].message


def test_directory_walk_is_sorted_and_filtered(tmp_path):
    (tmp_path / "b.txt").write_text("B said so.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A said so.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [i.id for i in iter_inputs([tmp_path])] == ["a", "b"]


def test_coerce_accepts_text_records_and_paths():
    assert coerce("He said it was fine.").text == "He said it was fine."
    assert coerce({"id": "r", "text": "She said no."}).id == "r"
    assert coerce(str(SAMPLE)).id == SAMPLE.stem
    with pytest.raises(IngestError):
        coerce("")
