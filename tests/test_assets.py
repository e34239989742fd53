"""The offline asset cache: inlining on a hand-made cache, then a real map in an offline browser."""

from __future__ import annotations

import base64
from pathlib import Path

import folium
import pytest

from geo.mapping.assets import (
    MissingAssets,
    cache_dir,
    cache_path,
    fetch_assets,
    fetch_for_folium,
    inline_assets,
)

JS_URL = "https://cdn.example.org/npm/lib@1.0/dist/lib.min.js"
CSS_URL = "https://cdn.example.org/npm/lib@1.0/dist/lib.css"
PNG = b"\x89PNG\r\n\x1a\nfake"


def _put(cache: Path, url: str, data: bytes) -> None:
    path = cache_path(url, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    _put(tmp_path, JS_URL, b'var s = "</script><script>alert(1)</SCRIPT>"; window.LIB = 1;')
    css = (
        b".a{background:url(images/icon.png)}"
        b' .b{background:url("data:image/svg+xml,x(1)")}'
        b" .c{src:url('../fonts/f.woff2?v=1#x')}"
    )
    _put(tmp_path, CSS_URL, css)
    _put(tmp_path, "https://cdn.example.org/npm/lib@1.0/dist/images/icon.png", PNG)
    _put(tmp_path, "https://cdn.example.org/npm/lib@1.0/fonts/f.woff2", b"wOF2")
    return tmp_path


def _page(*tags: str) -> str:
    return "<html><head>\n" + "\n".join(tags) + "\n</head><body></body></html>"


def test_script_is_inlined_and_closing_tags_escaped(cache: Path) -> None:
    out = inline_assets(_page(f'<script src="{JS_URL}"></script>'), cache)
    assert JS_URL not in out.replace(f"/* {JS_URL} */", "")
    assert "window.LIB = 1;" in out
    assert r'"<\/script><script>alert(1)<\/SCRIPT>"' in out
    assert out.lower().count("</script") == 1  # only the inline tag's own closer


def test_stylesheet_becomes_style_with_data_uris(cache: Path) -> None:
    out = inline_assets(_page(f'<link rel="stylesheet" href="{CSS_URL}"/>'), cache)
    assert "<link" not in out and "<style>" in out
    assert f'url("data:image/png;base64,{base64.b64encode(PNG).decode()}")' in out
    assert f'url("data:font/woff2;base64,{base64.b64encode(b"wOF2").decode()}")' in out
    assert 'url("data:image/svg+xml,x(1)")' in out  # existing data: URI left untouched


def test_missing_asset_raises_naming_url_and_command(cache: Path) -> None:
    gone = "https://cdn.example.org/npm/other@2.0/other.js"
    html = _page(f'<script src="{JS_URL}"></script>', f'<script src="{gone}"></script>')
    with pytest.raises(MissingAssets) as err:
        inline_assets(html, cache)
    assert err.value.urls == [gone]
    assert gone in str(err.value) and "python -m geo assets" in str(err.value)


def test_missing_css_reference_is_reported(cache: Path) -> None:
    cache_path("https://cdn.example.org/npm/lib@1.0/dist/images/icon.png", cache).unlink()
    with pytest.raises(MissingAssets, match="images/icon.png"):
        inline_assets(_page(f'<link rel="stylesheet" href="{CSS_URL}">'), cache)


def test_font_src_keeps_woff2_only(tmp_path: Path) -> None:
    url = "https://cdn.example.org/fa/css/all.css"
    face = b'@font-face{src:url(../f/x.woff2) format("woff2"),url(../f/x.ttf) format("truetype")}'
    _put(tmp_path, url, face)
    _put(tmp_path, "https://cdn.example.org/fa/f/x.woff2", b"w2")
    _put(tmp_path, "https://cdn.example.org/fa/f/x.ttf", b"ttf")
    out = inline_assets(_page(f'<link rel="stylesheet" href="{url}">'), tmp_path)
    assert "font/woff2" in out and "font/ttf" not in out


def test_fetch_reports_unknown_url_without_raising(tmp_path: Path) -> None:
    report = fetch_assets(["https://example.invalid/lib.js"], cache=tmp_path)
    assert "no npm package known" in report.failed["https://example.invalid/lib.js"]
    assert not report.ok


def test_cache_dir_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTLINE_ASSET_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    assert cache_path("https://h.org/a/../b.js") == tmp_path / "h.org" / "a" / "b.js"


@pytest.fixture(scope="session")
def real_cache() -> Path:
    """The real cache, filled from the npm registry if needed (so this test stands alone)."""
    report = fetch_for_folium()
    assert not report.failed, report.lines()
    return cache_dir()


def test_inlined_folium_map_renders_offline(real_cache: Path, offline_page, tmp_path: Path) -> None:
    m = folium.Map(location=[48.85, 2.35], zoom_start=5, tiles=None)  # tiles would need the network
    folium.CircleMarker([48.85, 2.35], radius=8, color="red", popup="Paris").add_to(m)
    folium.Marker([45.76, 4.84]).add_to(m)  # default icon: online, found via leaflet.css's URL
    html = inline_assets(m.get_root().render(), real_cache)
    assert "<script src=" not in html and 'rel="stylesheet"' not in html
    out = tmp_path / "map.html"
    out.write_text(html, encoding="utf-8")

    offline_page.goto(out.as_uri())
    offline_page.wait_for_selector(".leaflet-container")
    assert offline_page.evaluate("typeof L") != "undefined"
    assert offline_page.evaluate("typeof jQuery") == "function"
    assert offline_page.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 1
    icon = offline_page.locator("img.leaflet-marker-icon")
    assert icon.get_attribute("src").startswith("data:image/png;base64,")
    assert icon.evaluate("img => img.complete && img.naturalWidth > 0")
    assert offline_page.errors == []
