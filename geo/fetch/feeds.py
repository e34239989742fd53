"""The items of an RSS or Atom feed: each one's address, title and date, as the feed gives them.

Why: a feed is how a newsroom lists its reports; giving Frontline the feed's URL should add its
items the way giving each item's URL would, their dates kept from the feed when the page lacks one.
Read with lxml, with entities and the network off: a feed is untrusted input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime

from lxml import etree

from ..extraction.dates import parse_iso_date

ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str = ""
    published: date | None = None


class FeedError(ValueError):
    """Not a feed that can be read."""


def feed_items(body: bytes) -> list[FeedItem]:
    """Every item (RSS) or entry (Atom) with a link, in the feed's order."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise FeedError(f"not a readable feed: {error}") from None
    if root is None:
        raise FeedError("not a readable feed")
    items: list[FeedItem] = []
    for item in root.iter("item"):  # RSS 2.0
        link = (item.findtext("link") or item.findtext("guid") or "").strip()
        if link:
            items.append(FeedItem(link, (item.findtext("title") or "").strip(), rss_date(item.findtext("pubDate"))))
    for entry in root.iter(f"{ATOM}entry"):
        links = entry.findall(f"{ATOM}link")
        chosen = next((x for x in links if x.get("rel", "alternate") == "alternate"), links[0] if links else None)
        if chosen is not None and chosen.get("href"):
            when = entry.findtext(f"{ATOM}published") or entry.findtext(f"{ATOM}updated") or ""
            items.append(
                FeedItem(
                    chosen.get("href").strip(), (entry.findtext(f"{ATOM}title") or "").strip(), parse_iso_date(when)
                )
            )
    return items


def rss_date(text: str | None) -> date | None:
    """RSS's "Mon, 09 Aug 2021 10:08:00 GMT"."""
    if not text:
        return None
    try:
        return parsedate_to_datetime(text.strip()).date()
    except (TypeError, ValueError, IndexError):
        return parse_iso_date(text)
