"""A small web server on 127.0.0.1 for the fetching tests: pages, redirects, errors, a slow page, a huge one,
an image, a page in the wrong charset and a feed of 200 items. No test touches the internet.

Every article text here is written for the tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = """<html><head><meta charset="utf-8"><title>{title}</title>
<meta property="article:published_time" content="{published}T09:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>{title}</h1>
<p>{sentence} Local officials said the insurgents entered the city from three directions before dawn and
took the governor's compound and the police headquarters after several hours of fighting.</p>
<p>Residents said that shops stayed closed for most of the day and that many families had left for the
provincial capital, while elders tried to negotiate the safe departure of the remaining soldiers.</p>
</article><footer>Copyright 2024 Example News</footer></body></html>"""

KUNDUZ = PAGE.format(
    title="Taliban take Kunduz after days of fighting",
    published="2021-08-08",
    sentence="The Taliban captured Kunduz on Sunday after days of fighting, officials said.",
)
CP1252 = PAGE.format(
    title="Taliban enter Herat’s old city",
    published="2021-08-12",
    sentence="The Taliban captured Herat on Thursday – residents said the café by the citadel closed.",
).replace('<meta charset="utf-8">', "")
FEED_ITEMS = 200


def item_page(n: int) -> str:
    return PAGE.format(
        title=f"Report number {n} from the north",
        published="2021-08-09",
        sentence=f"The Taliban captured district number {n} of Kunduz province on Monday, officials said.",
    )


def feed() -> str:
    items = "".join(
        f"<item><title>Report number {n}</title><link>{{base}}/item/{n}</link>"
        f"<pubDate>Mon, 09 Aug 2021 10:0{n % 10}:00 GMT</pubDate></item>"
        for n in range(FEED_ITEMS)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example</title>{items}</channel></rss>'


class Handler(BaseHTTPRequestHandler):
    requests: list[str]  # every path asked, in order (set per server)

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.requests.append(self.path)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/news/2021/08/08/kunduz":
            self.send(200, KUNDUZ.encode())
        elif path == "/moved":
            self.send(301, b"", Location="/news/2021/08/08/kunduz")
        elif path.startswith("/loop"):
            self.send(302, b"", Location=f"/loop{len(path)}")
        elif path == "/missing":
            self.send(404, b"<html><body>Not found</body></html>")
        elif path == "/broken":
            self.send(500, b"<html><body>Internal error</body></html>")
        elif path == "/slow":
            time.sleep(3)
            self.send(200, KUNDUZ.encode())
        elif path == "/huge":
            self.send(200, b"<html><body><p>" + b"word " * 60_000 + b"</p></body></html>")
        elif path == "/photo.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "image/png")
        elif path == "/herat":
            self.send(200, CP1252.encode("cp1252"), "text/html; charset=utf-8")  # the header lies
        elif path == "/feed.xml":
            self.send(200, feed().replace("{base}", base).encode(), "application/rss+xml")
        elif path.startswith("/item/"):
            self.send(200, item_page(int(path.rsplit("/", 1)[1])).encode())
        else:
            self.send(404, b"")


@contextmanager
def serve() -> Iterator[tuple[str, list[str]]]:
    """The server's base URL and the list of paths it was asked for."""
    asked: list[str] = []
    handler = type("Recording", (Handler,), {"requests": asked})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()
