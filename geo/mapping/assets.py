"""Make folium's CDN assets available offline, then inline them into one HTML file.

Why: folium's page loads Leaflet and its plugins from public CDNs. Where no CDN
is reachable (CI, some users) the map is blank ("L is not defined"). The npm
registry serves the same packages at the same versions, so a local cache is
filled from there (``npm pack``), or by plain HTTP when asked to; the export,
the dashboard and the browser tests then read only from this cache.

The cache mirrors the CDN: the file for ``https://host/a/b.css`` is stored at
``CACHE/host/a/b.css``, and a file that a stylesheet names by a relative
``url(...)`` is stored where that reference resolves against the stylesheet's
URL. Filling and inlining therefore agree on paths with no index file.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from .. import paths

ENV_VAR = "FRONTLINE_ASSET_CACHE"
FETCH_COMMAND = "python -m geo assets"
NPM_TIMEOUT = 180  # seconds for one `npm pack`
HTTP_TIMEOUT = 20

# cdnjs library name -> npm package that publishes the same files at the same version.
_CDNJS_TO_NPM: dict[str, str] = {
    "moment.js": "moment",
    # The original author never published to npm; drmonty's package is a verbatim
    # republication of the 2.0.2 release (css/, js/, css/images/).
    "Leaflet.awesome-markers": "drmonty-leaflet-awesome-markers",
}

# URLs that no npm package publishes verbatim: (package, version, path) of the
# closest equivalent. Bootstrap 3.0.0's separate glyphicons sheet existed only
# on its CDN; this package holds Bootstrap 3.3.7's glyphicon rules and fonts
# (the same class names, a superset of icons).
_SUBSTITUTES: dict[str, tuple[str, str, str]] = {
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": (
        "@neos21/bootstrap3-glyphicons",
        "1.0.7",
        "dist/css/bootstrap3-glyphicons.min.css",
    ),
}

# folium serves a few files from its own GitHub repository.
_FOLIUM_GH = "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"

_SCRIPT_RE = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>\s*</script\s*>""", re.I)
_LINK_RE = re.compile(r"<link\b[^>]*>", re.I)
_HREF_RE = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.I)
_STYLESHEET_RE = re.compile(r"""\brel\s*=\s*["']?stylesheet\b""", re.I)
# Quoted forms first: data: URIs in bootstrap contain ')' inside quotes.
_CSS_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""")

_LEAFLET_ICONS = {
    "iconUrl": "images/marker-icon.png",
    "iconRetinaUrl": "images/marker-icon-2x.png",
    "shadowUrl": "images/marker-shadow.png",
}
# Inside one @font-face src list, woff2 alone is kept when present: every browser
# Leaflet 1.9 supports reads it, and fontawesome names each font three times.
_FONT_SRC_RE = re.compile(r"(\bsrc\s*:)([^;}]*)")

_MIME = {
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".eot": "application/vnd.ms-fontobject",
    ".otf": "font/otf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".gif": "image/gif",
    ".css": "text/css",
    ".js": "text/javascript",
}


class MissingAssets(RuntimeError):
    """Some asset the page needs is not in the cache; the message says how to fill it."""

    def __init__(self, urls: list[str], cache: Path) -> None:
        self.urls = urls
        listing = "\n  ".join(urls)
        super().__init__(
            f"{len(urls)} asset(s) missing from the offline cache {cache}:\n  {listing}\n"
            f"Run `{FETCH_COMMAND}` (needs the npm registry) to fill the cache."
        )


@dataclass
class FetchReport:
    """What fetch_assets did: url -> where it came from, url -> why it failed."""

    ok: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"ok      {u}  ({s})" for u, s in self.ok.items()] + [
            f"FAILED  {u}  ({r})" for u, r in self.failed.items()
        ]


def cache_dir(cache: str | os.PathLike[str] | None = None) -> Path:
    """The cache root: the argument, else $FRONTLINE_ASSET_CACHE, else ~/.cache/frontline/assets."""
    return Path(cache) if cache is not None else paths.asset_cache()


def cache_path(url: str, cache: str | os.PathLike[str] | None = None) -> Path:
    """Where `url` is stored: host/path, with '..' and empty segments dropped."""
    parts = urlsplit(url)
    segs = [s for s in unquote(parts.path).split("/") if s not in ("", ".", "..")]
    host = parts.netloc or "local"
    return cache_dir(cache).joinpath(host, *segs)


def _url_arg(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g is not None)


def _relative_ref(ref: str) -> str | None:
    """The cacheable path of a CSS url() reference; None for data:, absolute or fragment-only."""
    if not ref or ref.startswith(("data:", "#", "http:", "https:", "//", "/")):
        return None
    return re.split(r"[?#]", ref, maxsplit=1)[0] or None


def _css_refs(css: str) -> list[str]:
    """Relative url(...) references of a stylesheet, without query or fragment."""
    refs = (_relative_ref(_url_arg(m)) for m in _CSS_URL_RE.finditer(css))
    return list(dict.fromkeys(r for r in refs if r))


def _is_leaflet(url: str) -> bool:
    return posixpath.basename(urlsplit(url).path) in ("leaflet.js", "leaflet-src.js")


def _companions(url: str, data: bytes) -> list[str]:
    """Files next to `url` that the page loads through it, as paths relative to it.

    A stylesheet's relative url(...)s; for Leaflet, its default marker images,
    which Leaflet finds through leaflet.css's URL - a path an inlined page no
    longer has, so inline_assets points Leaflet at data: URIs instead.
    """
    if urlsplit(url).path.endswith(".css"):
        return _css_refs(data.decode("utf-8", "replace"))
    return list(_LEAFLET_ICONS.values()) if _is_leaflet(url) else []


def _missing(url: str, cache: Path) -> list[str]:
    """URLs (the asset, or files it needs beside it) not yet in the cache."""
    path = cache_path(url, cache)
    if not path.is_file():
        return [url]
    refs = _companions(url, path.read_bytes())
    return [u for r in refs if not cache_path(u := urljoin(url, r), cache).is_file()]


def _html_asset_urls(html: str) -> list[str]:
    urls = [m.group(1) for m in _SCRIPT_RE.finditer(html)]
    for tag in _LINK_RE.findall(html):
        href = _HREF_RE.search(tag)
        if href and _STYLESHEET_RE.search(tag):
            urls.append(href.group(1))
    return list(dict.fromkeys(urls))


def asset_urls(element: Any) -> list[str]:
    """Every script/stylesheet URL a folium element's page loads, in page order.

    Parses the rendered page rather than walking default_js/default_css, so
    whatever folium puts in the header (and templates that add tags) is seen.
    Accepts an already rendered HTML string too.
    """
    html = element if isinstance(element, str) else element.get_root().render()
    return _html_asset_urls(html)


# --- sources: each returns (the file, a loader of paths relative to it, where it came from) ---

Source = tuple[bytes, Callable[[str], bytes], str]


def _http_source(url: str) -> Source:
    def get(u: str) -> bytes:
        req = urllib.request.Request(u, headers={"User-Agent": "frontline-assets"})
        with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as resp:
            return resp.read()

    return get(url), lambda rel: get(urljoin(url, rel)), "http"


def _folium_source(url: str) -> Source:
    """Files folium serves from its GitHub repo: the installed package, else generated."""
    import folium

    name = url[len(_FOLIUM_GH) :]
    local = Path(folium.__file__).parent / "templates" / name
    if local.is_file():
        return local.read_bytes(), lambda rel: (local.parent / rel).read_bytes(), f"folium {local}"
    if name == "leaflet.awesome.rotate.min.css":
        # Not shipped in the folium wheel; it is only `.fa-rotate-N` for 0..360 degrees,
        # the classes folium's Icon(angle=N) sets.
        css = "".join(f".fa-rotate-{n}{{transform:rotate({n}deg)}}" for n in range(361))
        return css.encode(), lambda rel: b"", "generated (not in the folium wheel)"
    raise LookupError(f"{name} is not in the installed folium package")


def _npm_spec(url: str) -> tuple[str, str, str | None, str]:
    """(package, version, exact path or None, file name) that `url` is served from."""
    if url in _SUBSTITUTES:
        pkg, ver, path = _SUBSTITUTES[url]
        return pkg, ver, path, posixpath.basename(path)
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.netloc == "cdn.jsdelivr.net" and path.startswith("/npm/"):
        m = re.match(r"/npm/((?:@[^/]+/)?[^/@]+)@([^/]+)/(.+)", path)
        if m:
            return m.group(1), m.group(2), m.group(3), posixpath.basename(m.group(3))
    if parts.netloc == "cdnjs.cloudflare.com":
        m = re.match(r"/ajax/libs/([^/]+)/([^/]+)/(.+)", path)
        if m and m.group(1) in _CDNJS_TO_NPM:
            return _CDNJS_TO_NPM[m.group(1)], m.group(2), None, posixpath.basename(m.group(3))
    if parts.netloc == "code.jquery.com":
        m = re.match(r"/jquery-(\d[\w.\-]*?)((?:\.slim)?(?:\.min)?\.js)$", path)
        if m:
            return "jquery", m.group(1), "dist/jquery" + m.group(2), "jquery" + m.group(2)
    raise LookupError("no npm package known for this URL")


class _Npm:
    """`npm pack` each package@version once per fetch, into a temporary directory."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.tars: dict[str, tuple[tarfile.TarFile, dict[str, tarfile.TarInfo]]] = {}

    def _open(self, spec: str) -> tuple[tarfile.TarFile, dict[str, tarfile.TarInfo]]:
        if spec not in self.tars:
            npm = shutil.which("npm")
            if npm is None:
                raise LookupError("npm is not installed")
            proc = subprocess.run(
                [npm, "pack", spec, "--json", "--pack-destination", str(self.tmp)],
                capture_output=True,
                text=True,
                timeout=NPM_TIMEOUT,
            )
            if proc.returncode != 0:
                err = [ln for ln in proc.stderr.splitlines() if "npm error" in ln]
                why = " ".join(err[:2]) or proc.stderr[-300:]
                raise LookupError(f"npm pack {spec} failed: {why}")
            tar = tarfile.open(self.tmp / json.loads(proc.stdout)[0]["filename"])
            # Strip the top directory ('package/' nearly always).
            members = {m.name.split("/", 1)[1]: m for m in tar.getmembers() if m.isfile() and "/" in m.name}
            self.tars[spec] = (tar, members)
        return self.tars[spec]

    def source(self, url: str) -> Source:
        pkg, ver, path, name = _npm_spec(url)
        tar, members = self._open(f"{pkg}@{ver}")
        # The CDN minifies on the fly; a tarball may ship only the plain file.
        names = [name, re.sub(r"\.min\.(js|css)$", r".\1", name)]
        if path:
            wanted = [path, posixpath.join(posixpath.dirname(path), names[1])]
        else:  # cdnjs flattens paths: find the file by name, shallowest first
            by_depth = sorted(members, key=len)
            wanted = [p for n in names for p in by_depth if posixpath.basename(p) == n]
        found = next((p for p in wanted if p in members), None)
        if found is None:
            raise LookupError(f"{name} not in {pkg}@{ver} tarball")

        def read(p: str) -> bytes:
            f = tar.extractfile(members[p]) if p in members else None
            if f is None:
                raise LookupError(f"{p} not in {pkg}@{ver} tarball")
            return f.read()

        def rel(r):
            return read(posixpath.normpath(posixpath.join(posixpath.dirname(found), r)))

        what = "substitute " if url in _SUBSTITUTES else ""
        return read(found), rel, f"{what}npm {pkg}@{ver} {found}"

    def close(self) -> None:
        for tar, _ in self.tars.values():
            tar.close()


def _store(url: str, data: bytes, cache: Path) -> None:
    path = cache_path(url, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)


def fetch_assets(urls: list[str], cache: str | os.PathLike[str] | None = None, online: bool = False) -> FetchReport:
    """Fill the cache for `urls` (and files their CSS references); never raises for one URL.

    Already cached URLs are left alone. Sources, in order: plain HTTP (only if
    online=True), then the npm tarball of the same package and version (or the
    installed folium package for folium's own files).
    """
    root = cache_dir(cache)
    report = FetchReport()
    with tempfile.TemporaryDirectory(prefix="frontline-npm-") as tmp:
        npm = _Npm(Path(tmp))
        try:
            for url in dict.fromkeys(urls):
                if not _missing(url, root):
                    report.ok[url] = "cached"
                    continue
                getters: list[tuple[str, Callable[[str], Source]]] = []
                if online:
                    getters.append(("http", _http_source))
                if url.startswith(_FOLIUM_GH):
                    getters.append(("folium", _folium_source))
                else:
                    getters.append(("npm", npm.source))
                errors: list[str] = []
                for label, get in getters:
                    try:
                        data, sibling, origin = get(url)
                        _store(url, data, root)
                        for ref in _companions(url, data):
                            target = urljoin(url, ref)
                            if not cache_path(target, root).is_file():
                                _store(target, sibling(ref), root)
                        report.ok[url] = origin
                        break
                    except Exception as exc:  # noqa: BLE001 - one URL must not stop the rest
                        errors.append(f"{label}: {type(exc).__name__}: {exc}")
                else:
                    report.failed[url] = "; ".join(errors)
        finally:
            npm.close()
    return report


def _data_uri(path: Path) -> str:
    mime = _MIME.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    mime = mime or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _woff2_only(m: re.Match[str]) -> str:
    items = m.group(2).split(",")
    if "data:" in m.group(2) or not any("woff2" in i for i in items):
        return m.group(0)
    return m.group(1) + ",".join(i for i in items if "woff2" in i)


def _inline_css(url: str, css: str, cache: Path) -> str:
    css = _FONT_SRC_RE.sub(_woff2_only, css)

    def repl(m: re.Match[str]) -> str:
        plain = _relative_ref(_url_arg(m))
        if plain is None:
            return m.group(0)  # data:, absolute or fragment-only: left as is
        return f'url("{_data_uri(cache_path(urljoin(url, plain), cache))}")'

    return _CSS_URL_RE.sub(repl, css)


def inline_assets(html: str, cache: str | os.PathLike[str] | None = None) -> str:
    """Replace every external <script src> and stylesheet <link> with the cached file inline.

    Raises MissingAssets (listing every missing URL) before changing anything,
    so a half-inlined page that silently needs the network is never produced.
    """
    root = cache_dir(cache)
    missing = [u for url in _html_asset_urls(html) for u in _missing(url, root)]
    if missing:
        raise MissingAssets(list(dict.fromkeys(missing)), root)

    def script(m: re.Match[str]) -> str:
        js = cache_path(m.group(1), root).read_text(encoding="utf-8")
        if _is_leaflet(m.group(1)):
            icons = {k: _data_uri(cache_path(urljoin(m.group(1), v), root)) for k, v in _LEAFLET_ICONS.items()}
            js += "\nL.Icon.Default.imagePath = '';"
            js += f"\nL.Icon.Default.mergeOptions({json.dumps(icons)});"
        js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.I)
        return f"<script>/* {m.group(1)} */\n{js}\n</script>"

    def link(m: re.Match[str]) -> str:
        tag = m.group(0)
        href = _HREF_RE.search(tag)
        if not (href and _STYLESHEET_RE.search(tag)):
            return tag
        url = href.group(1)
        css = _inline_css(url, cache_path(url, root).read_text(encoding="utf-8"), root)
        css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.I)
        return f"<style>/* {url} */\n{css}\n</style>"

    return _LINK_RE.sub(link, _SCRIPT_RE.sub(script, html))


def fetch_for_folium(cache: str | os.PathLike[str] | None = None, online: bool = False) -> FetchReport:
    """Fetch what a Frontline map needs (folium defaults, Timeline, TimelineSlider).

    Prints one line per URL: where it came from, or why it failed.
    """
    import folium
    from folium.plugins import Timeline, TimelineSlider

    m = folium.Map()
    timeline = Timeline({"type": "FeatureCollection", "features": []}).add_to(m)
    TimelineSlider().add_timelines(timeline).add_to(m)
    report = fetch_assets(asset_urls(m), cache=cache, online=online)
    print(f"asset cache: {cache_dir(cache)}")
    for line in report.lines():
        print(line)
    return report


if __name__ == "__main__":
    sys.exit(1 if fetch_for_folium(online="--online" in sys.argv).failed else 0)
