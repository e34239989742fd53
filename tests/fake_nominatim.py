"""A local stand-in for nominatim.openstreetmap.org, for the tests and the bench.

Why: the online geocoder must be tested through geopy's real `Nominatim`
class and a real HTTP exchange, but no test may touch the internet. This
server listens on 127.0.0.1 (a free port), answers /search with the JSON the
real service sends, and on request misbehaves the ways services do: 429 with
Retry-After, 500, 503, answers slower than the client's timeout, garbage.
It counts every request, so a test can say "no request was made".
"""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"


def nominatim_place(
    name: str,
    latitude: float,
    longitude: float,
    state: str,
    osm_id: int,
    addresstype: str = "county",
    country_code: str = "af",
    country: str = "Afghanistan",
) -> dict:
    """One result as /search?format=json&addressdetails=1 returns it."""
    return {
        "place_id": 100000 + osm_id,
        "licence": LICENCE,
        "osm_type": "relation",
        "osm_id": osm_id,
        "lat": f"{latitude:.7f}",
        "lon": f"{longitude:.7f}",
        "class": "boundary",
        "type": "administrative",
        "place_rank": 12,
        "importance": 0.3512,
        "addresstype": addresstype,
        "name": name,
        "display_name": f"{name}, {state}, {country}",
        "address": {
            addresstype: name,
            "state": state,
            "country": country,
            "country_code": country_code,
        },
        "boundingbox": [
            f"{latitude - 0.2:.7f}",
            f"{latitude + 0.2:.7f}",
            f"{longitude - 0.2:.7f}",
            f"{longitude + 0.2:.7f}",
        ],
    }


def free_port() -> int:
    """A port nothing listens on (for a 'server down' test)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class FakeNominatim:
    """`with FakeNominatim(places) as server:` then point the geocoder at `server.url`.

    `places` maps a query (lower case) to its results. `plan` lists the
    behaviours of the next requests in order; after it runs out, `default`.
    Behaviours: ok, 429, 500, 503, slow, garbage (not JSON), badshape (JSON
    without coordinates), foreign (a place outside the asked countries).
    """

    def __init__(
        self,
        places: dict[str, list[dict]] | None = None,
        default: str = "ok",
        slow_seconds: float = 2.0,
    ):
        self.places = {k.lower(): v for k, v in (places or {}).items()}
        self.plan: list[str] = []
        self.default = default
        self.slow_seconds = slow_seconds
        self.requests: list[dict] = []  # {"path", "query": {name: value}, "user_agent", "behaviour"}
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler_class())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeNominatim:
        self.thread.start()
        return self

    def __exit__(self, *_) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def next_behaviour(self, request: dict) -> str:
        with self.lock:
            request["behaviour"] = self.plan.pop(0) if self.plan else self.default
            self.requests.append(request)
            return request["behaviour"]

    def answer(self, query: dict[str, str], behaviour: str) -> tuple[int, dict[str, str], bytes]:
        """(status, headers, body) for one request."""
        if behaviour == "429":
            return 429, {"Retry-After": "3"}, b'{"error": "Too Many Requests"}'
        if behaviour in ("500", "503"):
            return int(behaviour), {}, b"<html><body>Internal Server Error</body></html>"
        if behaviour == "garbage":
            return 200, {}, b"<!DOCTYPE html><html>captive portal: please log in</html>"
        if behaviour == "badshape":
            return 200, {}, json.dumps([{"display_name": "nowhere", "osm_id": 1}]).encode()
        if behaviour == "slow":
            self.stopping.wait(self.slow_seconds)
        results = self.places.get(query.get("q", "").lower(), [])
        if behaviour == "foreign":
            results = [nominatim_place("Chaman", 30.92, 66.45, "Balochistan", 42, "town", "pk", "Pakistan")]
        else:
            allowed = {c for c in query.get("countrycodes", "").lower().split(",") if c}
            results = [r for r in results if not allowed or r["address"]["country_code"] in allowed]
        limit = int(query.get("limit", 10))
        return 200, {}, json.dumps(results[:limit], ensure_ascii=False).encode()

    def handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                behaviour = fake.next_behaviour(
                    {
                        "path": parts.path,
                        "query": query,
                        "user_agent": self.headers.get("User-Agent", ""),
                    }
                )
                status, headers, body = fake.answer(query, behaviour)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up waiting (the slow case)

            def log_message(self, *_) -> None:
                pass

        return Handler
