"""Each reader on small files written here: what comes out, field by field."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from fogwatch.errors import InputError
from fogwatch.ingest import read_inputs, sniff
from fogwatch.ingest._common import sha256_id
from fogwatch.model import Document

ARTICLE = (
    "Two people were wounded when a drone hit a bus stop in the centre of the town on "
    "Sunday morning, the mayor said. Emergency crews arrived within minutes and the "
    "injured were taken to the district hospital. The mayor said the attack was the third "
    "on the town this week and asked residents to stay near shelters during alerts."
)


def _read(*inputs: str, **kwargs) -> list[Document | InputError]:
    return list(read_inputs(list(inputs), **kwargs))


def _docs(items: list[Document | InputError]) -> list[Document]:
    assert all(isinstance(i, Document) for i in items), [str(i) for i in items]
    return items  # type: ignore[return-value]


def test_text_file_id_is_stem_and_cli_metadata_fills_in(tmp_path: Path) -> None:
    path = tmp_path / "bus_stop.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = _docs(_read(str(path), published="2023-05-07", source="Town Herald"))
    assert doc.id == "bus_stop"
    assert doc.text == ARTICLE
    assert doc.published == "2023-05-07"
    assert doc.source == "Town Herald"
    assert doc.origin == str(path)
    assert doc.sentences == () and doc.flags.boilerplate == ()


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    [doc] = _docs(_read(str(path)))
    assert doc.text == ARTICLE


def test_cp1251_file_is_decoded_when_detection_is_confident(tmp_path: Path) -> None:
    text = ("Российские войска обстреляли окраины города ночью, сообщила областная "
            "администрация. Погибших нет, ранены два человека, повреждены дома и школа. ") * 3
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1251"))
    [doc] = _docs(_read(str(path)))
    assert doc.text == text
    assert doc.flags.notes == ("decoded as cp1251",)


HTML_PAGE = f"""<!DOCTYPE html><html><head>
<title>Drone hits bus stop | Town Herald</title>
<meta property="og:title" content="Drone hits bus stop">
<meta property="og:site_name" content="Town Herald">
<meta property="article:published_time" content="2023-05-07T10:00:00+03:00">
<script>var tracking = 1;</script></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Drone hits bus stop</h1><p>{ARTICLE}</p>
<p>The regional governor said repairs to the bus stop and the nearby shops would start
as soon as the police had finished their work at the scene.</p></article>
<footer>Copyright Town Herald</footer></body></html>"""


def test_html_page_text_title_date_and_raw(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [doc] = _docs(_read(str(path), published="1999-01-01", source="cli source"))
    assert doc.id == "page"
    assert "Two people were wounded when a drone hit a bus stop" in doc.text
    assert "var tracking" not in doc.text and "Home" not in doc.text.split("\n")[0]
    assert doc.title == "Drone hits bus stop"
    assert doc.published == "2023-05-07"  # the page's own date wins over the CLI's
    assert doc.source == "Town Herald"
    assert doc.raw == HTML_PAGE


def test_jsonl_fields_ids_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        {"id": "a1", "text": ARTICLE, "url": "https://example.org/a1", "source": "Herald",
         "title": "Bus stop", "published": "2023-05-07T10:00:00+03:00", "language": "en"},
        {"text": "Second document about shelling of a village."},
        {"html": HTML_PAGE, "source": "From the record"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    a, b, c = _docs(_read(str(path), published="2023-01-01", source="CLI"))
    assert (a.id, a.url, a.source, a.title, a.published, a.language) == (
        "a1", "https://example.org/a1", "Herald", "Bus stop", "2023-05-07T10:00:00+03:00", "en")
    assert b.id == sha256_id("Second document about shelling of a village.")
    assert (b.published, b.source) == ("2023-01-01", "CLI")
    assert b.origin == f"{path}:2"
    assert "drone hit a bus stop" in c.text and c.raw == HTML_PAGE
    assert c.source == "From the record" and c.title == "Drone hits bus stop"


def test_csv_rows_with_header(tmp_path: Path) -> None:
    path = tmp_path / "docs.csv"
    path.write_text(
        'id,text,source,published,url\n'
        f'c1,"{ARTICLE}",Herald,2023-05-07,\n'
        '"c2","Line one, with a comma\nand a second line",,,https://example.org/c2\n',
        encoding="utf-8",
    )
    one, two = _docs(_read(str(path), source="CLI"))
    assert (one.id, one.text, one.source, one.published, one.url) == (
        "c1", ARTICLE, "Herald", "2023-05-07", None)
    assert (two.id, two.source, two.url) == ("c2", "CLI", "https://example.org/c2")
    assert two.text == "Line one, with a comma\nand a second line"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Frontline Wire</title><link>https://example.org</link>
<item><title>Shelling in the north</title><link>https://example.org/1</link>
<pubDate>Tue, 08 Aug 2023 01:30:00 +0300</pubDate>
<description><![CDATA[<p>Artillery hit a school overnight.</p>
<p>No one was hurt.</p>]]></description>
</item>
<item><title>Headline only item</title><link>https://example.org/2</link>
<pubDate>Wed, 09 Aug 2023 12:00:00 GMT</pubDate></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Missile strike</title><link href="https://example.org/atom/1"/>
<id>urn:1</id><updated>2023-08-07T18:45:00+02:00</updated>
<content type="html">&lt;p&gt;A missile struck a depot.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_one_document_per_entry_with_date_link_and_feed_title(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = _docs(_read(str(path)))
    assert first.text == "Artillery hit a school overnight.\nNo one was hurt."
    assert first.published == "2023-08-08T01:30:00+03:00"  # local day kept, not UTC
    assert (first.url, first.source, first.title) == (
        "https://example.org/1", "Frontline Wire", "Shelling in the north")
    assert second.text == "Headline only item"
    assert second.published == "2023-08-09T12:00:00+00:00"


def test_atom_feed_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "atomfeed"
    path.write_text(ATOM, encoding="utf-8")
    [doc] = _docs(_read(str(path)))
    assert doc.text == "A missile struck a depot."
    assert doc.published == "2023-08-07T18:45:00+02:00"
    assert doc.source == "Atom Desk" and doc.url == "https://example.org/atom/1"


TELEGRAM = {
    "name": "Oblast News",
    "type": "public_channel",
    "id": 123,
    "messages": [
        {"id": 1, "type": "service", "date": "2023-08-07T08:00:00", "action": "pin_message",
         "text": ""},
        {"id": 2, "type": "message", "date": "2023-08-07T18:45:00",
         "text": ["Explosions in ", {"type": "bold", "text": "Alchevsk"},
                  " at 18:45, one rocket, see ", {"type": "link", "text": "t.me/x"}],
         "text_entities": []},
        {"id": 3, "type": "message", "date": "2023-08-07T19:00:00", "text": "",
         "photo": "photos/1.jpg"},
        {"id": 4, "type": "message", "date": "2023-08-08T07:10:00",
         "text": "Plain string message: two wounded."},
    ],
}


def test_telegram_export_messages(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(TELEGRAM, ensure_ascii=False), encoding="utf-8")
    first, second = _docs(_read(str(path)))
    assert first.id == "Oblast News-2"
    assert first.text == "Explosions in Alchevsk at 18:45, one rocket, see t.me/x"
    assert (first.source, first.published) == ("Oblast News", "2023-08-07T18:45:00")
    assert second.id == "Oblast News-4" and second.text == "Plain string message: two wounded."


def test_folder_is_walked_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Second article about a strike.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Nested article about shelling.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    docs = _docs(_read(str(tmp_path)))
    assert [d.id for d in docs] == ["b", "a"]


def test_stdin_dash_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = json.dumps({"id": "s1", "text": "From stdin."}).encode() + b"\nnot json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    doc, error = _read("-")
    assert isinstance(doc, Document) and doc.id == "s1"
    assert isinstance(error, InputError) and error.source == "<stdin>:2"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"<?xml version='1.0'?><rss>", "feed"),
        (b"  <feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"\xef\xbb\xbf<html><body>", "html"),
        (b'{"name": "x", "messages": []}', "json"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b"Just a plain article.", "text"),
    ],
)
def test_sniff(head: bytes, kind: str) -> None:
    assert sniff(head) == kind


def test_json_list_of_records(tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    path.write_text(json.dumps([{"id": "j1", "text": "One."}, 5, {"text": "Two."}]))
    one, error, two = _read(str(path))
    assert isinstance(one, Document) and one.id == "j1"
    assert isinstance(error, InputError) and error.source == f"{path}[2]"
    assert isinstance(two, Document) and two.text == "Two."
