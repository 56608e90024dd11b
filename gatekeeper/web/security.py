"""Defences of the self-service pages that do not depend on a page: per-client rate limits,
the CSRF token, a cap on request bodies, and the response headers.

- Rate limits are token buckets in memory, keyed by the client's address, at most
  ``max_clients`` of them (the least recently used bucket goes first). One web service
  process serves a site; behind a NAT every phone shares an address, so the defaults allow
  a morning rush of a few hundred people.
- CSRF: a signed double-submit token. Each browser gets a random ``gk_csrf`` cookie
  (HttpOnly, SameSite=Strict); its forms carry HMAC-SHA256(server secret, cookie). A post
  whose token does not match its cookie (compared in constant time), or whose Origin header
  names another site, is refused. The secret lives in the data folder, so that a restart
  does not void forms that are open.
- Bodies above ``max_body`` bytes are refused with 413 before they are read whole, whether
  they announce their length or are sent in chunks.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "gk_csrf"
CSRF_FIELD = "csrf"
SECRET_FILENAME = "web_session.key"

#: Content-Security-Policy: our own styles and images only, no script at all.
CSP = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode("ascii")),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


# --- rate limits ----------------------------------------------------------------------------


class TokenBuckets:
    """A token bucket per key: ``capacity`` tokens, refilled at ``per_second``. Thread-safe;
    holds at most ``max_clients`` buckets."""

    def __init__(
        self,
        capacity: float,
        per_second: float,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1 or per_second <= 0 or max_clients < 1:
            raise ValueError("a bucket holds at least one token and refills")
        self.capacity = capacity
        self.per_second = per_second
        self.max_clients = max_clients
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str, cost: float = 1.0) -> float:
        """Take ``cost`` tokens from ``key``'s bucket: 0.0 when there were enough, else the
        seconds until there will be (nothing is taken then)."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.pop(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.per_second)
            wait = 0.0
            if tokens >= cost:
                tokens -= cost
            else:
                wait = (cost - tokens) / self.per_second
            self._buckets[key] = (tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
            return wait

    def wait(self, key: str, cost: float = 1.0) -> float:
        """The seconds until ``key``'s bucket holds ``cost`` tokens (0.0: it does now); takes
        nothing."""
        now = self.clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - at) * self.per_second)
            return 0.0 if tokens >= cost else (cost - tokens) / self.per_second

    def __len__(self) -> int:
        return len(self._buckets)


@dataclass(frozen=True)
class Limits:
    #: Any request, per client: a burst, then a steady rate.
    requests_burst: int = 120
    requests_per_second: float = 2.0
    #: Form posts (registrations, declarations), per client.
    posts_burst: int = 30
    posts_per_second: float = 0.5
    #: Wrong personal codes, per client (each staff number is throttled on its own too).
    code_failures_burst: int = 10
    code_failures_per_second: float = 1 / 30
    max_clients: int = 10_000


# --- CSRF -----------------------------------------------------------------------------------


def load_secret(folder: Path) -> bytes:
    """The server's CSRF secret: 32 random bytes in FOLDER/web_session.key (made, readable by
    its owner only, on first use)."""
    path = folder / SECRET_FILENAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    if len(data) != 32:
        folder.mkdir(parents=True, exist_ok=True)
        data = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    return data


class Csrf:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the CSRF secret is too short")
        self._secret = secret

    @staticmethod
    def new_cookie() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def cookie_ok(cookie: str | None) -> bool:
        return cookie is not None and 40 <= len(cookie) <= 64 and cookie.isascii()

    def token_for(self, cookie: str) -> str:
        return hmac.new(self._secret, cookie.encode("ascii"), hashlib.sha256).hexdigest()

    def check(self, cookie: str | None, token: str | None) -> bool:
        if not self.cookie_ok(cookie) or not token or len(token) != 64:
            return False
        assert cookie is not None
        return hmac.compare_digest(self.token_for(cookie), token)


# --- the body cap and the headers -----------------------------------------------------------


class BodyTooLarge(Exception):
    """Raised while reading a body that grew past the cap (BodyLimit answers 413)."""


class BodyLimit:
    """Refuses a request whose body is larger than ``max_body`` bytes with 413: at once when
    its Content-Length says so, else as soon as the chunks read add up to more."""

    def __init__(self, app: ASGIApp, max_body: int, too_large: ASGIApp) -> None:
        self.app = app
        self.max_body = max_body
        self.too_large = too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = self.max_body + 1
                if declared > self.max_body:
                    await self.too_large(scope, receive, send)
                    return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            if started:  # pragma: no cover - the app answered before reading the body
                raise
            await self.too_large(scope, receive, send)


class SecurityHeaders:
    """Adds the security headers to every response, and ``Cache-Control: no-store`` to every
    response but the static files (pages carry CSRF tokens or a pass)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", [])
                    if k.lower() not in (b"server", b"cache-control") or static
                ]
                headers.extend(HEADERS)
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
