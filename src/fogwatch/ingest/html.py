"""HTML pages: the article text via trafilatura, title and date from the page metadata.

trafilatura is used rather than hand-written tag stripping because it removes
navigation, comments and footers, which plain-text boilerplate rules cannot see once
the markup is gone. Feed entries are HTML *fragments* (a paragraph or two), which
trafilatura's whole-page heuristics tend to drop, so ``fragment_text`` flattens them
with lxml instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..model import Document, Flags
from ._common import decode_bytes, sha256_id

__all__ = ["Page", "extract_html", "fragment_text", "read_html"]

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "tr", "table", "section", "article", "header", "footer", "pre", "hr", "figcaption"}
)


@dataclass(frozen=True)
class Page:
    """What an HTML page yields: the article text and what its metadata says."""

    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None


def extract_html(html: str, name: str, url: str | None = None) -> Page:
    """Article text, title and publication date of a whole HTML page.

    Raises InputError when no article text is left (a page built by scripts, an
    empty shell, a login wall), so the batch reports it instead of storing nothing.
    """
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True,
                                   output_format="txt")
    except Exception as error:  # trafilatura raises many lxml/parser errors on junk
        raise InputError(name, f"cannot parse HTML: {type(error).__name__}: {error}") from error
    if not text or not text.strip():
        raise InputError(name, "no article text in the HTML page after extraction",
                         hint="the page may be rendered by JavaScript; save the rendered page")
    title = published = site = None
    try:
        meta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    except Exception:  # metadata is a bonus; the text is what matters
        meta = None
    if meta is not None:
        title = meta.title or None
        published = meta.date or None
        site = meta.sitename or None
    return Page(text=text.strip(), title=title, published=published, site=site)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    if "<" not in fragment:
        import html as html_lib

        return html_lib.unescape(fragment).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some junk; treat it as text
        return fragment.strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def read_html(
    data: bytes,
    name: str,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    charset: str | None = None,
) -> Iterator[Document]:
    """One document from an HTML page; the page itself is kept in ``raw``."""
    html, note = decode_bytes(data, name, charset)
    page = extract_html(html, name, url=url)
    yield Document(
        id=doc_id or sha256_id(page.text),
        text=page.text,
        source=page.site or source,
        url=url,
        title=page.title,
        published=page.published or published,
        raw=html,
        origin=name,
        flags=Flags(notes=(note,)) if note else Flags(),
    )
