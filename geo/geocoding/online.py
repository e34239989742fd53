"""Nominatim through geopy, asked only when the user turns it on, and politely.

geopy's own `Nominatim` class builds the request and parses the answer; this
module only adds the policies Nominatim's usage policy and a flaky network
ask for, each a wrapper around the call:

- identify: a user agent naming the application and a way to reach its user;
- pace: geopy's `RateLimiter`, one request a second at most;
- retry: with doubling waits (or the server's Retry-After) on 429, 5xx,
  time-outs and refused connections, never on a garbage answer;
- give up: after a few names failed in a row the service is taken as down
  for the rest of the run, so a dead server costs seconds, not minutes;
- stay in the conflict's country: `countrycodes=af`, and any answer outside
  it is dropped.

Errors leave `geocode` as geopy errors, so a cache around it does not keep
them and the chain can fall back to the offline answer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError, RequestsAdapter, URLLibAdapter
from geopy.exc import (
    GeocoderParseError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .base import NoNetwork

PUBLIC_URL = "https://nominatim.openstreetmap.org"
APP = "frontline/0.1.0"
ENV_USER_AGENT, ENV_CONTACT, ENV_URL = (
    "FRONTLINE_USER_AGENT",
    "FRONTLINE_CONTACT",
    "FRONTLINE_NOMINATIM_URL",
)


class OnlineConfigError(ValueError):
    """The online geocoder was asked for without what the service's usage policy requires."""


@dataclass(frozen=True)
class OnlineSettings:
    """Who asks, where, and how patiently. Defaults follow Nominatim's public usage policy."""

    user_agent: str = APP
    contact: str = ""  # an e-mail address or URL where the operator can reach the user
    url: str = PUBLIC_URL
    country_codes: str = ""  # the profile's country, always given by the command line and the dashboard
    timeout: float = 10.0  # seconds per request
    min_delay: float = 1.0  # seconds between requests: at most one a second
    max_retries: int = 3
    backoff: float = 2.0  # first wait after a failure; doubled each retry
    max_backoff: float = 60.0
    give_up_after: int = 3  # names failed in a row before the service is taken as down

    @property
    def agent(self) -> str:
        return f"{self.user_agent} ({self.contact})" if self.contact else self.user_agent

    @property
    def namespace(self) -> str:
        """What a cached answer depends on: the service and the country filter."""
        return f"nominatim {self.url.rstrip('/')} countrycodes={self.country_codes}"


def online_settings(
    user_agent: str | None = None,
    contact: str | None = None,
    url: str | None = None,
    environ: dict[str, str] | None = None,
    **policy,
) -> OnlineSettings:
    """Settings from arguments, else $FRONTLINE_USER_AGENT / $FRONTLINE_CONTACT / $FRONTLINE_NOMINATIM_URL.

    The public server requires a contact (its usage policy asks for a way to
    reach whoever sends the requests); a self-hosted one does not.
    """
    env = os.environ if environ is None else environ
    settings = OnlineSettings(
        user_agent=(user_agent or env.get(ENV_USER_AGENT) or APP).strip(),
        contact=(contact or env.get(ENV_CONTACT) or "").strip(),
        url=(url or env.get(ENV_URL) or PUBLIC_URL).strip(),
    )
    settings = replace(settings, **policy)
    parts = urlsplit(settings.url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise OnlineConfigError(f"Nominatim URL {settings.url!r} must look like https://host[:port]")
    if parts.netloc == urlsplit(PUBLIC_URL).netloc and not settings.contact:
        raise OnlineConfigError(
            "online geocoding with the public Nominatim server needs a contact: pass --contact "
            f"EMAIL_OR_URL (or set ${ENV_CONTACT}); its usage policy asks for a way to reach you"
        )
    return settings


@dataclass
class Clock:
    """Time as the policies see it; tests and the bench pass a fake one so nothing really waits."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


DEFAULT_CLOCK = Clock()


class PacedCalls(RateLimiter):
    """geopy's RateLimiter used for pacing only (retries are ours), on an injectable clock."""

    def __init__(self, func: Callable, min_delay: float, clock: Clock):
        super().__init__(
            func,
            min_delay_seconds=min_delay,
            max_retries=0,
            swallow_exceptions=False,
            error_wait_seconds=min_delay,
        )
        self.clock = clock

    def _clock(self) -> float:
        return self.clock.now()

    def _sleep(self, seconds: float) -> None:
        self.clock.sleep(seconds)


def retryable(error: GeopyError) -> bool:
    """Worth asking again: rate limited, timed out, unreachable, or a 5xx from the server."""
    if isinstance(error, (GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable)):
        return True
    cause = error.__cause__
    return isinstance(cause, AdapterHTTPError) and cause.status_code >= 500


def wait_before_retry(error: GeopyError, attempt: int, settings: OnlineSettings) -> float:
    """Doubling waits, or longer if the server said so in Retry-After; never beyond max_backoff."""
    asked = getattr(error, "retry_after", None) or 0
    return min(settings.max_backoff, max(settings.backoff * 2**attempt, asked))


def transport() -> Callable:
    """geopy's HTTP adapter with its own hidden retries off, so the policy above is the only one."""
    return partial(RequestsAdapter, max_retries=0) if RequestsAdapter.is_available else URLLibAdapter


class OnlineGeocoder(Geocoder):
    """Nominatim (geopy's class) with pacing, retries, a give-up rule and the country filter."""

    def __init__(self, settings: OnlineSettings, clock: Clock | None = None):
        super().__init__(adapter_factory=NoNetwork)  # the HTTP is done by the Nominatim inside
        parts = urlsplit(settings.url)
        self.settings = settings
        self.clock = clock or DEFAULT_CLOCK
        self.nominatim = Nominatim(
            user_agent=settings.agent,
            domain=parts.netloc + parts.path.rstrip("/"),
            scheme=parts.scheme,
            timeout=settings.timeout,
            adapter_factory=transport(),
        )
        self.paced = PacedCalls(self.nominatim.geocode, settings.min_delay, self.clock)
        self.failed_in_a_row = 0

    def geocode(self, query: str, exactly_one: bool = True, **_) -> Location | list[Location] | None:
        if self.failed_in_a_row >= self.settings.give_up_after:
            raise GeocoderUnavailable(
                f"{self.settings.url} gave no answer for {self.failed_in_a_row} "
                "names in a row; not asked again in this run"
            )
        try:
            location = self.ask_with_retries(query)
        except GeopyError:
            self.failed_in_a_row += 1
            raise
        self.failed_in_a_row = 0
        location = self.in_country(location)
        if location is None:
            return None
        return location if exactly_one else [location]

    def ask_with_retries(self, query: str) -> Location | None:
        for attempt in range(self.settings.max_retries + 1):
            try:
                return self.ask(query)
            except GeocoderServiceError as error:
                if attempt == self.settings.max_retries or not retryable(error):
                    raise
                self.clock.sleep(wait_before_retry(error, attempt, self.settings))
        raise AssertionError("unreachable")

    def ask(self, query: str) -> Location | None:
        """One paced request; an answer geopy cannot read becomes a parse error, not a crash."""
        try:
            found = self.paced(
                query,
                exactly_one=True,
                addressdetails=True,
                country_codes=self.settings.country_codes or None,
            )
        except GeopyError:
            raise
        except (AttributeError, IndexError, KeyError, TypeError, ValueError) as error:
            raise GeocoderParseError(f"unreadable answer from {self.settings.url}: {error!r}") from error
        if found is not None and not (isinstance(found.raw, dict) and {"lat", "lon"} <= found.raw.keys()):
            # geopy reads a place without coordinates as (0, 0): a point in the Atlantic, not an answer
            raise GeocoderParseError(f"answer from {self.settings.url} has no coordinates: {found.raw!r:.200}")
        return found

    def in_country(self, location: Location | None) -> Location | None:
        """The answer with Frontline's raw keys, or None when it lies outside the allowed countries."""
        if location is None:
            return None
        raw = dict(location.raw) if isinstance(location.raw, dict) else {}
        code = str((raw.get("address") or {}).get("country_code") or "").lower()
        allowed = [c.strip().lower() for c in self.settings.country_codes.split(",") if c.strip()]
        if allowed and code and code not in allowed:
            return None
        raw.update(
            source="nominatim",
            id=f"osm:{raw.get('osm_type', '')}/{raw.get('osm_id', '')}",
            kind=raw.get("addresstype") or raw.get("type") or "",
            country=code.upper(),
            geonameid="",
        )
        return Location(location.address or "", (location.latitude, location.longitude), raw)
