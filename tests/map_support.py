"""Shared by the map's browser tests: open an exported map offline and tell real errors from tile noise.

Why: the export keeps its OpenStreetMap tile layer for readers who are
online. Offline (as in these tests) every tile request is blocked and Chromium
logs each failure; those are expected, everything else on the page is not.
"""

from __future__ import annotations

from pathlib import Path

TILE_HOST = "https://tile.openstreetmap.org/"
LOAD_FAILED = "console.error: Failed to load resource: net::ERR_FAILED"


def open_map(page, path: Path):
    """Load the map from disk and wait for its panel; count the tile failures it logs from now on."""
    page.tile_failures = 0

    def console(msg) -> None:
        if msg.type == "error" and msg.location.get("url", "").startswith(TILE_HOST):
            page.tile_failures += 1

    page.on("console", console)
    page.goto(path.as_uri())
    page.wait_for_selector(".frontline-panel")
    return page


def errors(page) -> list[str]:
    """page.errors less the blocked tile requests and as many load failures as tiles failed."""
    out, allowed = [], getattr(page, "tile_failures", 0)
    for error in page.errors:
        if error.startswith("blocked request: " + TILE_HOST):
            continue
        if error == LOAD_FAILED and allowed:
            allowed -= 1
            continue
        out.append(error)
    return out


def rgb(hex_color: str) -> str:
    """A '#rrggbb' colour as getComputedStyle reports it."""
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"
