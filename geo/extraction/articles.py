"""Article files in, clean Articles out (text, title, publication date, sentences).

Files come as .txt, .md or saved .html. A folder may hold an `index.csv`
(`file,url,published,title`) whose values win over anything found in the text.
A bad file raises ArticleError with a message that names it; the caller
decides to go on with the rest. A file with no findable date is not a bad file:
it is read with its date unknown (geo.extraction.published says where dates
are looked for).
"""

from __future__ import annotations

import codecs
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from ..records import Article, Sentence
from ..text import paragraphs, printable, split_sentences
from .dates import FULL_DATE, parse_iso_date, plausible, plausible_span
from .folders import MAX_TITLE, SUFFIXES, Metadata, find_articles
from .published import decide, find_dates

MAX_BYTES = 5_000_000


class ArticleError(ValueError):
    """A file that cannot be read as an article; the message names the file."""


def expand_paths(paths: list[str | Path]) -> list[tuple[Path, Metadata]]:
    """Every article file under the given files and folders, with its index.csv metadata (problems dropped)."""
    return find_articles(paths).files


def load_article(path: Path, meta: Metadata = Metadata()) -> Article:
    """Read one file; ArticleError names the file when it is not a usable article.

    The size is checked before anything is read: a 3 GB file costs a stat, not 3 GB of memory.
    """
    shown = printable(str(path))
    if not path.is_file():
        raise ArticleError(f"{shown}: no such file")
    if path.suffix and path.suffix.lower() not in SUFFIXES:  # "map events.csv" would map the table's text
        raise ArticleError(f"{shown}: not an article file (articles are {', '.join(sorted(SUFFIXES))})")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(f"{shown}: {size:,} bytes is more than the {MAX_BYTES:,} allowed")
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)  # a file growing as it is read stops here too
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{shown}: more than the {MAX_BYTES:,} bytes allowed")
    text, notes = decode(data, shown)
    name = printable(path.name)
    if path.suffix.lower() in {".html", ".htm"}:
        article = article_from_html(text, name, meta, str(path))
    else:
        article = article_from_text(text, name, meta, str(path))
    article.notes[:0] = notes
    return article


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
NOT_UTF8 = re.compile("[\udc80-\udcff]")  # the bytes surrogateescape keeps


def decode(data: bytes, name: Path | str) -> tuple[str, list[str]]:
    """The file's text, and a note when it was not clean UTF-8; ArticleError when it is not text at all.

    UTF-16 (which Windows tools write) is read as such; a UTF-8 file with a few broken bytes keeps its
    good characters ("café") with each broken byte shown as U+FFFD, and says so; a file with no UTF-8 in it
    is read as Windows-1252, as before.
    """
    if data.startswith(UTF16_BOMS) or utf16_without_bom(data):
        try:
            return data.decode("utf-16" if data.startswith(UTF16_BOMS) else utf16_without_bom(data)), []
        except UnicodeDecodeError:
            raise ArticleError(f"{name}: broken UTF-16 text") from None
    if b"\x00" in data[:4096]:
        raise ArticleError(f"{name}: binary file, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        escaped = data.decode("utf-8-sig", errors="surrogateescape")
        broken = len(NOT_UTF8.findall(escaped))
        if any(ord(c) > 0x7F for c in NOT_UTF8.sub("", escaped)):  # real UTF-8 characters stand beside the bytes
            if broken > max(3, len(data) // 100):
                raise ArticleError(f"{name}: not text: {broken:,} bytes are not UTF-8 (first at line {line})") from None
            note = f"{name}: line {line}: {broken} byte(s) that are not UTF-8 shown as \ufffd"
            return data.decode("utf-8-sig", errors="replace"), [note]
    text = data.decode("cp1252", errors="replace")
    if text.count("\ufffd") > len(text) // 100:
        raise ArticleError(f"{name}: not UTF-8 or Windows-1252 text") from None
    return text, [f"{name}: not UTF-8 (line {line}); read as Windows-1252"]


def utf16_without_bom(data: bytes) -> str:
    """ "utf-16-le" or "utf-16-be" when every other byte of the start is NUL, as in UTF-16 English text."""
    head = data[:4096]
    if len(head) < 16:
        return ""
    if head[1::2].count(0) > 0.9 * (len(head) // 2) and head[0::2].count(0) < 0.1 * (len(head) // 2):
        return "utf-16-le"
    if head[0::2].count(0) > 0.9 * (len(head) // 2) and head[1::2].count(0) < 0.1 * (len(head) // 2):
        return "utf-16-be"
    return ""


# Text copied from a web page may keep its inline markup ('eastern <a href="...">Syria</a> has fallen'): the
# tags are no words of the report, and a link's address between a place and its predicate hides the claim.
# Only links (with quoted attributes) and bare emphasis: anything else stays, to be shown as text.
INLINE_TAG = re.compile(
    r"""<a\s+href="[^"<>]{0,2000}"(?:\s+[\w-]+="[^"<>]{0,200}")*\s*>|</a>|</?(?:b|i|em|strong|span|sup|sub|u)>""", re.I
)


def article_from_text(
    text: str,
    name: str,
    meta: Metadata = Metadata(),
    path: str = "",
    html_date: date | None = None,
) -> Article:
    """An Article from plain text: title and date from the text unless meta gives them; the date may stay unknown."""
    blocks = paragraphs(INLINE_TAG.sub("", text))
    if not any(b.count(" ") >= 2 for b in blocks):  # three words: blocks are single-spaced
        raise ArticleError(f"{name}: empty, no article text found")
    title = short_title(meta.title) or guess_title(blocks)
    found = find_dates(blocks, title, name, meta.url, meta.published, html_date)
    publication = decide(found)
    notes = [] if publication.day is None or plausible(publication.day) else [implausible(name, publication.day)]
    sentences: list[Sentence] = []
    for number, block in enumerate(blocks):
        for sentence in split_sentences(block):
            sentences.append(Sentence(len(sentences), sentence, number))
    return Article(
        id=name or meta.url,
        title=title,
        published=publication.day,
        text="\n\n".join(blocks),
        sentences=sentences,
        url=meta.url,
        path=path,
        published_source=publication.source,
        dates=found,
        notes=notes,
    )


def implausible(name: str, published: date) -> str:
    return (
        f"{name}: publication date {published} is implausible (not in {plausible_span()}): "
        "its claims are kept but not drawn on the map"
    )


def article_from_html(html: str, name: str, meta: Metadata = Metadata(), path: str = "") -> Article:
    """Main text by trafilatura; title and date from the page's metadata when the index lacks them."""
    import trafilatura
    from htmldate import find_date

    notes = []
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False)
    except (RecursionError, ValueError):  # a page lxml cannot build a tree of
        text = None
    if not text:
        text = page_text(html)  # lxml stops 255 elements deep: 10,000 nested divs hide the whole text from it
        if not text.strip():
            raise ArticleError(f"{name}: no article text found in the HTML")
        notes.append(f"{name}: no main text found in the page's layout; all of its text was read")
    try:
        info = trafilatura.extract_metadata(html)
    except (RecursionError, ValueError):
        info = None
    title = meta.title or (info.title if info and info.title else "")
    html_date = None
    if meta.published is None:
        html_date = parse_iso_date(find_date(html, original_date=True, outputformat="%Y-%m-%d") or "")
    dated = Metadata(url=meta.url or (info.url if info and info.url else ""), published=meta.published, title=title)
    article = article_from_text(text, name, dated, path, html_date)
    article.notes.extend(notes)
    return article


class PageText(HTMLParser):
    """Every text node of a page outside scripts and styles, each block on its own line; no depth limit."""

    SKIP = {"script", "style", "noscript", "template", "head"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = PageText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def short_title(title: str) -> str:
    """A title given by an index or a page, cut at MAX_TITLE characters: a title is never a whole text."""
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def guess_title(blocks: list[str]) -> str:
    """The first line that reads like a headline: several words, not a date, no final period.

    Saved pages carry stray markup ("!-- Google tag (gtag.js) -->"): a line that is not mostly words is not a title.
    """
    for block in blocks[:8]:
        if len(block) > MAX_TITLE:  # a paragraph, or a whole file on one line: the title is copied into every claim
            continue
        tokens = block.split()
        if len(tokens) < 4 or block.endswith("."):
            continue
        wordy = sum(t[0].isalpha() or t[0] in "'\"‘“" for t in tokens) >= 0.8 * len(tokens)
        dateline = len(tokens) < 8 and FULL_DATE.search(block)  # "Published 9 August 2021"
        if wordy and not dateline:
            return block
    return ""
