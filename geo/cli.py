"""`python -m geo`: extract, map, evaluate, fetch, assets — a thin shell over geo/."""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from pathlib import Path

from tqdm import tqdm

from . import paths, pipeline
from .csvsafe import csv_text
from .geocoding.chain import GeocoderChain, default_geocoder, geocoder_notes
from .text import printable


def progress(items, total):
    """A bar on stderr when there are enough files for it to matter."""
    return tqdm(items, total=total, file=sys.stderr, unit="file", disable=total < 10 or None, leave=False)


def say(message: str) -> None:
    """One line on stderr, whatever a file name holds: newlines, ANSI codes and undecodable bytes escaped."""
    print(printable(message), file=sys.stderr)


def report(result: pipeline.Result, geocoder: GeocoderChain | None = None) -> None:
    for problem in result.problems:
        say(f"skipped {problem}")
    for note in result.notes:
        say(f"note: {note}")
    for note in geocoder_notes(geocoder) if geocoder else []:
        say(note)
    print(
        f"{len(result.articles)} articles read, {len(result.events)} control claims, "
        f"{len(result.problems)} files skipped, {len(result.undated)} without a publication date",
        file=sys.stderr,
    )
    if result.undated:
        print(undated_help(result.undated), file=sys.stderr)
    if result.unlocated:
        say("not located (add them to data/places_override.csv): " + ", ".join(result.unlocated))


def undated_help(articles: list) -> str:
    """Names the files no source dated, and the index.csv rows that would date them."""
    rows = io.StringIO()
    writer = csv.writer(rows, lineterminator="\n")
    writer.writerow(["file", "url", "published", "title"])
    writer.writerows([Path(a.path).name if a.path else a.id, a.url, "", ""] for a in articles)
    return (
        "no publication date found in these files; their claims wait until they are dated.\n"
        "Date them in an index.csv beside them: these rows, each with its published date as YYYY-MM-DD "
        "(url and title may stay empty):\n" + rows.getvalue().rstrip("\n")
    )


def reader_of(args: argparse.Namespace):
    """The reader of --profile (a shipped profile's name or a TOML file), or a clear error naming it."""
    from .extraction.reader import reader_for
    from .profiles import ProfileError, load

    try:
        return reader_for(load(args.profile))
    except (ProfileError, RuntimeError) as error:
        raise SystemExit(f"error: {error}") from None


def geocoder_for(args: argparse.Namespace) -> GeocoderChain:
    """The offline chain, plus Nominatim behind the cache when --online is given (in the profile's country)."""
    from geopy.exc import ConfigurationError

    from .geocoding.online import OnlineConfigError, online_settings

    gazetteer = reader_of(args).gazetteer
    try:
        online = (
            online_settings(args.user_agent, args.contact, args.nominatim_url, country_codes=gazetteer.country.lower())
            if args.online
            else None
        )
        return default_geocoder(gazetteer, paths.overrides(), online=online, cache=args.geocode_cache)
    except (
        OnlineConfigError,
        ConfigurationError,
    ) as error:  # geopy refuses sample user agents, too
        raise SystemExit(f"error: {error}") from None


def run(args: argparse.Namespace) -> pipeline.Result:
    geocoder = geocoder_for(args)
    jobs = args.jobs or os.cpu_count() or 1
    # Online geocoding stays in one process (one request a second, one cache); offline, each process
    # builds the same chain as this one.
    spread = jobs > 1 and not args.online
    result = pipeline.run(
        args.paths or [pipeline.DEMO],
        progress,
        reader=reader_of(args),
        geocoder=None if spread else geocoder,
        jobs=jobs if spread else 1,
    )
    report(result, geocoder)
    return result


def cmd_extract(args: argparse.Namespace) -> int:
    output = writable(args.output)
    result = run(args)
    if not write_output(output, csv_text(result.table)):
        return 2
    say(f"wrote {output}")
    return 0 if result.articles else 1


def writable(name: str) -> Path:
    """The output path, checked before any work is done: its folder is made if missing; a folder, or a place
    that cannot be written, stops the run at once instead of after the whole extraction."""
    path = Path(name)
    try:
        if path.is_dir():
            example = printable(str(path / "out"))
            raise SystemExit(f"error: -o {printable(name)} is a folder; give a file name, e.g. {example}")
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SystemExit(f"error: cannot write {printable(name)}: {error.strerror or error}") from None
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise SystemExit(f"error: cannot write {printable(name)}: permission denied")
    return path


def write_output(path: Path, text: str) -> bool:
    """Write beside the file and swap it in: a full disk leaves the old file whole and says so."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        say(f"error: cannot write {path}: {error.strerror or error}; nothing written")
        return False
    return True


def cmd_map(args: argparse.Namespace) -> int:
    from .mapping.assets import MissingAssets
    from .mapping.page import map_html

    output = writable(args.output)
    result = run(args)
    try:
        page = map_html(result.table, reader_of(args).profile, self_contained=args.self_contained)
    except MissingAssets as error:
        say(f"error: {error}")
        return 2
    if not write_output(output, page):
        return 2
    say(f"wrote {output}")
    return 0 if result.articles else 1


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report

    result = run(args)
    print(format_report(evaluate(result.table, Path(args.gold), result.named, reader_of(args))))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    """Opt-in network: each URL's page (a feed's items too) into the folder, with its index.csv row."""
    from .fetch.folder import fetch_into
    from .fetch.http import Fetcher

    folder = Path(args.output)
    fetcher = Fetcher(timeout=args.timeout, host_delay=args.delay, allow_private=args.allow_private)
    report = fetch_into(args.urls, folder, fetcher)
    for line in report.already:
        print(line, file=sys.stderr)
    for line in report.failed:
        print(f"failed {line}", file=sys.stderr)
    pages = [s for s in report.saved if s.endswith(".html")]
    print(
        f"{len(pages)} pages saved in {folder} (index.csv updated), {len(report.already)} already there, "
        f"{len(report.failed)} failed; read them with: "
        f"python -m geo extract{profile_words(args)} {folder} -o events.csv",
        file=sys.stderr,
    )
    return 0 if not report.failed else 1


def cmd_assets(args: argparse.Namespace) -> int:
    from .mapping.assets import fetch_for_folium

    report = fetch_for_folium()
    return 0 if not getattr(report, "failed", None) else 1


def cmd_explain(args: argparse.Namespace) -> int:
    from datetime import date

    from .extraction.dates import parse_iso_date
    from .extraction.explain import explain, format_explanation

    published = parse_iso_date(args.date) if args.date else date.today()
    if published is None:
        print(f"error: --date {args.date!r} is not a date (YYYY-MM-DD)", file=sys.stderr)
        return 2
    print(format_explanation(explain(" ".join(args.sentence), published, reader_of(args))))
    return 0


def profile_words(args: argparse.Namespace) -> str:
    return f" --profile {args.profile}" if args.profile else ""


def profile_option() -> argparse.ArgumentParser:
    """--profile, shared by every command that reads reports."""
    from .profiles import DEFAULT, available

    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--profile",
        metavar="NAME|PATH",
        help=f"the war the reports are about: {', '.join(available())}, or a profile's .toml file (default {DEFAULT})",
    )
    return options


def online_options() -> argparse.ArgumentParser:
    """--online and what Nominatim's usage policy asks for; shared by extract, map and evaluate."""
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_argument_group("online geocoding (off by default: no network unless asked)")
    group.add_argument(
        "--online",
        action="store_true",
        help="ask Nominatim for places the gazetteer cannot locate (1 request/s, cached)",
    )
    group.add_argument("--user-agent", help="identifies the application ($FRONTLINE_USER_AGENT)")
    group.add_argument("--contact", help="your e-mail or URL; the public server requires it ($FRONTLINE_CONTACT)")
    group.add_argument("--nominatim-url", help="a self-hosted Nominatim ($FRONTLINE_NOMINATIM_URL)")
    group.add_argument(
        "--jobs",
        type=int,
        default=0,
        help=f"processes for a batch of {pipeline.PARALLEL_FROM} files or more (default 0: every core; "
        "1 with --online); the events are the same either way",
    )
    group.add_argument(
        "--geocode-cache",
        help="SQLite cache file ($FRONTLINE_GEOCODE_CACHE, default ~/.cache/frontline/geocode.sqlite)",
    )
    return options


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    paths_help = "article files or folders (.txt, .md, .html); default: the demo articles"
    online = online_options()
    profile = profile_option()

    extract = commands.add_parser("extract", parents=[profile, online], help="write the control claims as events.csv")
    extract.add_argument("paths", nargs="*", help=paths_help)
    extract.add_argument("-o", "--output", default="events.csv")
    extract.set_defaults(func=cmd_extract)

    map_ = commands.add_parser(
        "map", parents=[profile, online], help="write the map with its time slider as one HTML file"
    )
    map_.add_argument("paths", nargs="*", help=paths_help)
    map_.add_argument("-o", "--output", default="map.html")
    map_.add_argument(
        "--self-contained",
        action="store_true",
        help="inline every script and stylesheet so the file opens with no network",
    )
    map_.set_defaults(func=cmd_map)

    evaluate = commands.add_parser("evaluate", parents=[profile, online], help="score extraction against a gold.csv")
    evaluate.add_argument("--gold", required=True)
    evaluate.add_argument("paths", nargs="*", help=paths_help)
    evaluate.set_defaults(func=cmd_evaluate)

    explain = commands.add_parser(
        "explain",
        parents=[profile],
        help="say why a sentence makes each claim it makes, or none: rule, trigger, actor, veto, day",
    )
    explain.add_argument("sentence", nargs="+", help="the sentence (or a few), as one argument or several words")
    explain.add_argument("--date", help="the publication date the sentence's days count from (default: today)")
    explain.set_defaults(func=cmd_explain)

    fetch = commands.add_parser(
        "fetch",
        parents=[profile],
        help="fetch web pages or RSS/Atom feeds into a folder with its index.csv (uses the network)",
    )
    fetch.add_argument("urls", nargs="+", help="article pages, or feeds whose items are fetched too")
    fetch.add_argument("-o", "--output", required=True, help="the folder to write the pages and index.csv into")
    fetch.add_argument("--timeout", type=int, default=20, help="seconds to wait for each page (default 20)")
    fetch.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host")
    fetch.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch from local and private addresses (an intranet, a test server); refused by default",
    )
    fetch.set_defaults(func=cmd_fetch)

    assets = commands.add_parser("assets", help="fill the offline cache of the map's scripts and styles")
    assets.set_defaults(func=cmd_assets)

    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)
