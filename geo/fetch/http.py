"""One page over HTTP, fetched by trafilatura, with the limits a polite and safe fetcher keeps.

Why a wrapper: trafilatura's fetch_response does the download (redirects, size cap, encoding) but answers
None on any failure and only logs why; a user needs one clear reason per URL. So the request runs with
its log captured and the reason is read back from it, and the limits (timeout, size, redirects, one
request at a time and a pause per host) are ours, set through trafilatura's own config.
"""

from __future__ import annotations

import logging
import threading
import time
from configparser import ConfigParser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

TIMEOUT = 20  # seconds, per request
MAX_BYTES = 5_000_000  # the same limit as an uploaded file
MAX_REDIRECTS = 3
HOST_DELAY = 1.0  # seconds between two requests to one host
USER_AGENT = "Frontline/0.1 (news articles to a territorial-control map; opt-in fetching)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


class FetchError(Exception):
    """A URL that could not be fetched as a page; the message names the URL and says why."""


@dataclass(frozen=True)
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    content_type: str
    body: bytes
    html: str  # decoded by trafilatura (its encoding detection wins over a wrong charset)

    @property
    def is_feed(self) -> bool:
        head = self.body[:500].lstrip().lower()
        return self.content_type in FEED_TYPES or (
            head.startswith(b"<?xml") and (b"<rss" in self.body[:2000] or b"<feed" in self.body[:2000])
        )


@dataclass
class Fetcher:
    """Fetches one URL at a time, pausing between requests to one host; `allow_private` is for tests only."""

    timeout: int = TIMEOUT
    max_bytes: int = MAX_BYTES
    host_delay: float = HOST_DELAY
    allow_private: bool = False  # trafilatura refuses loopback and private addresses unless told
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def config(self) -> ConfigParser:
        from trafilatura.settings import DEFAULT_CONFIG

        config = ConfigParser()
        config.read_dict({"DEFAULT": dict(DEFAULT_CONFIG["DEFAULT"])})
        config["DEFAULT"].update(
            {
                "DOWNLOAD_TIMEOUT": str(self.timeout),
                "MAX_FILE_SIZE": str(self.max_bytes),
                "MAX_REDIRECTS": str(MAX_REDIRECTS),
                "USER_AGENTS": USER_AGENT,
                "SSRF_PROTECTION": str(not self.allow_private),
                "INSECURE_SSL_FALLBACK": "False",
            }
        )
        return config

    def wait_for(self, host: str) -> None:
        pause = self._last.get(host, 0.0) + self.host_delay - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def fetch(self, url: str) -> Page:
        """The page at `url`, or FetchError saying why not (status, timeout, size, type)."""
        from trafilatura.downloads import fetch_response

        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: not a web address (http:// or https://)")
        with self._lock:  # one request at a time
            self.wait_for(parts.hostname)
            with captured_log() as log:
                try:
                    response = fetch_response(url, decode=True, config=self.config())
                finally:
                    self._last[parts.hostname] = time.monotonic()
        if response is None:
            raise FetchError(f"{url}: {reason(log.messages, self)}")
        if response.status != 200:
            raise FetchError(f"{url}: the server answered HTTP {response.status}")
        content_type = (response.headers or {}).get("content-type", "").split(";")[0].strip().lower()
        page = Page(url, response.url or url, content_type, response.data or b"", response.html or "")
        if not page.is_feed and content_type and content_type not in HTML_TYPES:
            raise FetchError(f"{url}: not a web page or feed (Content-Type {content_type})")
        if not page.body.strip():
            raise FetchError(f"{url}: the page is empty")
        return page


def reason(messages: list[str], fetcher: Fetcher) -> str:
    """What trafilatura logged, said the way a user can act on it."""
    text = " ".join(messages)
    lowered = text.lower()
    if "max_file_size" in lowered or "exceeds" in lowered:
        return f"the page is larger than the {fetcher.max_bytes:,} bytes allowed"
    if "timed out" in lowered or "timeout" in lowered:
        return f"no answer within {fetcher.timeout} s (timed out)"
    if "too many redirects" in lowered or ("redirect" in lowered and "max retries" in lowered):
        return f"more than {MAX_REDIRECTS} redirects"
    if "too many" in lowered and "error responses" in lowered:
        status = next((w for w in text.split() if w.isdigit() and len(w) == 3), "5xx")
        return f"the server answered HTTP {status}, also when asked again"
    if "ssrf" in lowered:
        return "a private or local address, which is not fetched"
    if "name or service not known" in lowered or "failed to resolve" in lowered or "refused" in lowered:
        return "the server cannot be reached"
    return "the download failed" + (f" ({text[:200]})" if text else "")


class LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class captured_log:
    """trafilatura's download log while one request runs (its only account of why a download failed)."""

    def __enter__(self) -> LogCapture:
        self.logger = logging.getLogger("trafilatura.downloads")
        self.handler = LogCapture()
        self.level, self.propagate = self.logger.level, self.logger.propagate
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.DEBUG)
        self.logger.propagate = False  # the reason is told once, by FetchError
        return self.handler

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.level)
        self.logger.propagate = self.propagate
