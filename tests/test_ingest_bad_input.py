"""Bad input: each yields one InputError naming the input and the reason; the batch goes on."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from fogwatch.errors import InputError
from fogwatch.ingest import read_inputs
from fogwatch.model import Document

GOOD = "A shell hit a warehouse on the edge of the village, officials said."


def _run(tmp_path: Path, name: str, data: bytes, **kwargs) -> tuple[InputError, Document]:
    """Read a bad file followed by a good one: one error, then the good document."""
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    items = list(read_inputs([str(bad), str(good)], **kwargs))
    assert len(items) == 2, [str(i) for i in items]
    error, doc = items
    assert isinstance(error, InputError), error
    assert isinstance(doc, Document) and doc.text == GOOD
    assert error.source == str(bad)
    assert str(bad) in str(error)
    return error, doc


def test_binary_file(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    assert "binary" in error.reason


def test_empty_file(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "empty.txt", b"")
    assert error.reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "blank.txt", b" \n\t\n")
    assert "empty" in error.reason


def test_invalid_utf8_inside_utf8_text_is_an_error(tmp_path: Path) -> None:
    data = "Обстріл села: двоє поранених.".encode() + b"\xff\xfe broken" + b" more text"
    error, _ = _run(tmp_path, "broken.txt", data)
    assert "invalid UTF-8" in error.reason
    assert error.hint and "UTF-8" in error.hint


def test_undecidable_bytes_are_an_error(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "noise.txt", bytes(range(0x80, 0x100)) * 3)
    assert "UTF-8" in error.reason


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    subprocess.run(["truncate", "-s", "200M", str(path)], check=True)  # sparse: costs nothing
    assert path.stat().st_size == 200 * 1024 * 1024
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "size cap" in items[0].reason and str(path) in str(items[0])


def test_size_cap_is_configurable(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "big.txt", b"word " * 300, max_bytes=1000)
    assert "1500 bytes, above the size cap of 1000" in error.reason


def test_malformed_jsonl_lines_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "First."}).encode(),
        b'{"id": "bad", "text": ',
        b"[1, 2, 3]",
        json.dumps({"id": "no-text", "title": "only a title"}).encode(),
        b'{"text": "bad \xff byte"}',
        json.dumps({"id": "ok2", "text": "Second."}).encode(),
        json.dumps({"text": 42}).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_inputs([str(path)]))
    assert [i.id for i in items if isinstance(i, Document)] == ["ok1", "ok2"]
    errors = {i.source: i.reason for i in items if isinstance(i, InputError)}
    assert set(errors) == {f"{path}:{n}" for n in (2, 3, 4, 5, 7)}
    assert errors[f"{path}:2"].startswith("not valid JSON")
    assert errors[f"{path}:3"] == "expected a JSON object, got list"
    assert "no text" in errors[f"{path}:4"]
    assert "invalid UTF-8" in errors[f"{path}:5"]
    assert "must be a string" in errors[f"{path}:7"]


def test_runaway_jsonl_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"text": "' + b"x" * 5000 + b'"}\n{"id": "after", "text": "ok"}\n')
    error, doc = list(read_inputs([str(path)], max_bytes=1000))
    assert isinstance(error, InputError) and error.source == f"{path}:1"
    assert "size cap" in error.reason
    assert isinstance(doc, Document) and doc.id == "after"


def test_malformed_csv_row_and_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("id,text\nr1,First.\nr2,\nr3,Third.,extra cell\nr4,Fourth.\n")
    items = list(read_inputs([str(path)]))
    assert [i.id for i in items if isinstance(i, Document)] == ["r1", "r4"]
    assert [i.source for i in items if isinstance(i, InputError)] == [f"{path}:3", f"{path}:4"]
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("id,body\n1,Text\n")
    [error] = list(read_inputs([str(nocol)]))
    assert isinstance(error, InputError) and "no 'text' or 'html' column" in error.reason


def test_feed_that_is_not_xml(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "broken.rss", b"this is not a feed <<< at all &&&")
    assert "not an RSS/Atom feed" in error.reason


def test_html_full_of_scripts_has_no_article_text(tmp_path: Path) -> None:
    page = ("<html><head><script>" + "var a = 1;" * 200 + "</script></head><body>"
            + "<script>document.write('x');</script>" * 50 + "</body></html>")
    error, _ = _run(tmp_path, "app.html", page.encode())
    assert "no article text" in error.reason


def test_missing_file(tmp_path: Path) -> None:
    items = list(read_inputs([str(tmp_path / "nope.txt")]))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].reason == "no such file or folder"


def test_not_a_telegram_export_json(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "x.json", b'{"messages": "nope", "foo": 1}')
    assert "no text" in error.reason


def test_errors_print_as_one_line_naming_the_input(tmp_path: Path) -> None:
    error, _ = _run(tmp_path, "empty.txt", b"")
    line = str(error)
    assert "\n" not in line and line.startswith("[E100] ") and str(tmp_path) in line


def test_folder_without_readable_files(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    [error] = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, InputError) and error.source == str(tmp_path)
    assert error.reason == "folder holds no readable files" and ".jsonl" in (error.hint or "")
