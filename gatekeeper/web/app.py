"""The self-service pages: a FastAPI application over services/selfservice.py.

No SQL and no rule here: the pages read forms, call the service, and show what it answers in
the visitor's language. Pages use no JavaScript and nothing from outside the site (the site
may have no internet): our own stylesheet, and pass codes drawn here as PNG.

Routes: ``/`` (choose), ``/visit`` (visitors and contractors), ``/pass/{capability}`` and its
``qr.png`` (the pass), ``/declare`` (employees), ``/lang/{language}`` (the switch),
``/healthz`` (for monitoring), ``/static/*``.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import qrcode
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from qrcode.constants import ERROR_CORRECT_M
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gatekeeper.services.selfservice import (
    SYMPTOMS,
    CodeRefused,
    DeclarationRequest,
    FormProblems,
    HealthAnswers,
    Problem,
    SelfService,
    VisitRequest,
)
from gatekeeper.web import i18n
from gatekeeper.web.security import (
    CSRF_COOKIE,
    CSRF_FIELD,
    BodyLimit,
    BodyTooLarge,
    Csrf,
    Limits,
    SecurityHeaders,
    TokenBuckets,
)

HERE = Path(__file__).resolve().parent
log = logging.getLogger("gatekeeper.web")

#: Form fields a page takes, and the most values one form may carry.
VISIT_FIELDS = ("name", "phone", "company", "host", "purpose", "kind", "visit_date",
                "symptoms", "places", "contact", CSRF_FIELD)
DECLARE_FIELDS = ("staff_no", "code", "symptoms", "places", "contact", CSRF_FIELD)
MAX_FIELDS = 40
MAX_FIELD_BYTES = 2_000
#: Problems answered with "please choose" rather than "please fill in".
_CHOICES = {"kind", "visit_date", "contact"}
_LOCAL_PATH = re.compile(r"^/[A-Za-z0-9_\-/.]*$")


@dataclass(frozen=True)
class WebConfig:
    #: The CSRF secret (security.load_secret).
    secret: bytes
    limits: Limits = field(default_factory=Limits)
    max_body: int = 16 * 1024
    site_name: str = ""


class _Refused(Exception):
    """A request refused with an error page (status, message key, values)."""

    def __init__(self, status: int, key: str, **values: object) -> None:
        self.status = status
        self.key = key
        self.values = values
        super().__init__(key)


def client_of(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def create_app(service: SelfService, config: WebConfig) -> FastAPI:
    """The application: ``service`` does the work; ``config`` holds the secret and limits."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    csrf = Csrf(config.secret)
    limits = config.limits
    requests_limit = TokenBuckets(limits.requests_burst, limits.requests_per_second,
                                  max_clients=limits.max_clients)
    posts_limit = TokenBuckets(limits.posts_burst, limits.posts_per_second,
                               max_clients=limits.max_clients)
    code_limit = TokenBuckets(limits.code_failures_burst, limits.code_failures_per_second,
                              max_clients=limits.max_clients)
    site = config.site_name or service.installation.site_name

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.state.service = service
    app.state.limits = (requests_limit, posts_limit, code_limit)

    # --- rendering --------------------------------------------------------------------------

    def language_of(request: Request) -> str:
        return i18n.choose(request.cookies.get(i18n.COOKIE),
                           request.headers.get("accept-language"))

    def csrf_cookie(request: Request) -> tuple[str, bool]:
        cookie = request.cookies.get(CSRF_COOKIE)
        if csrf.cookie_ok(cookie):
            assert cookie is not None
            return cookie, False
        return csrf.new_cookie(), True

    def render(
        request: Request, template: str, status: int = 200, **context: Any
    ) -> HTMLResponse:
        language = language_of(request)
        cookie, fresh = csrf_cookie(request)
        t = i18n.translator(language)
        path = request.url.path
        body = env.get_template(template).render(
            t=t, lang=language, html_lang=i18n.HTML_LANG[language], site=site,
            languages=[(code, i18n.NATIVE[code], f"/lang/{code}?next={path}")
                       for code in i18n.LANGUAGES],
            csrf_field=CSRF_FIELD, csrf_token=csrf.token_for(cookie),
            date_text=lambda day: i18n.format_date(day, language), **context,
        )
        response = HTMLResponse(body, status_code=status)
        if fresh:
            response.set_cookie(
                CSRF_COOKIE, cookie, httponly=True, samesite="strict",
                secure=request.url.scheme == "https", path="/",
            )
        return response

    def error_page(request: Request, status: int, key: str, **values: object) -> HTMLResponse:
        # Error pages name nobody: no form value, no person, no pass.
        return render(request, "error.html", status, message_key=key, values=values)

    def messages(request: Request, problems: FormProblems) -> dict[str, str]:
        t = i18n.translator(language_of(request))
        found: dict[str, str] = {}
        for name, problem in problems.by_field().items():
            found[name] = problem_text(t, problem)
        return found

    # --- defences ---------------------------------------------------------------------------

    async def read_form(request: Request, fields: tuple[str, ...]) -> FormData:
        """The posted form, once the client is within its limits, the CSRF token matches
        and the origin is ours."""
        wait = posts_limit.take(client_of(request))
        if wait:
            raise _Refused(429, "error.429", seconds=int(wait) + 1)
        origin = request.headers.get("origin")
        if origin is not None and origin != "null":
            parts = urlsplit(origin)
            if parts.netloc != request.headers.get("host", ""):
                raise _Refused(403, "error.403")
        try:
            form = await request.form(max_files=0, max_fields=MAX_FIELDS,
                                      max_part_size=MAX_FIELD_BYTES)
        except BodyTooLarge:
            raise
        except Exception as exc:  # multipart errors of every kind: the request is bad
            if isinstance(exc, StarletteHTTPException):
                raise _Refused(exc.status_code if exc.status_code < 500 else 400,
                               "error.400") from exc
            raise _Refused(400, "error.400") from exc
        if any(key not in fields for key in form):
            raise _Refused(400, "error.400")
        if any(not isinstance(value, str) for value in form.values()):
            raise _Refused(400, "error.400")
        if not csrf.check(request.cookies.get(CSRF_COOKIE), _one(form, CSRF_FIELD)):
            raise _Refused(403, "error.403")
        return form

    async def per_client(scope: Scope, receive: Receive, send: Send, inner: ASGIApp) -> None:
        """Every request: within the client's rate, then logged (a pass's address without
        its secret)."""
        request = Request(scope)
        status = 0

        async def logged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        wait = requests_limit.take(client_of(request))
        if wait:
            response = error_page(request, 429, "error.429", seconds=int(wait) + 1)
            response.headers["Retry-After"] = str(int(wait) + 1)
            await response(scope, receive, logged)
        else:
            await inner(scope, receive, logged)
        log.info("%s %s %s", request.method, _loggable(request.url.path), status)

    @app.exception_handler(_Refused)
    async def refused(request: Request, exc: _Refused) -> Response:
        response = error_page(request, exc.status, exc.key, **exc.values)
        if exc.status == 429:
            response.headers["Retry-After"] = str(exc.values.get("seconds", 60))
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        key = f"error.{status}" if f"error.{status}" in i18n.EN else "error.400"
        return error_page(request, status, key)

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("self-service: %s on %s", type(exc).__name__, _loggable(request.url.path))
        return error_page(request, 500, "error.500")

    # --- pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request) -> Response:
        return render(request, "home.html")

    @app.get("/healthz", response_class=PlainTextResponse)
    async def healthz() -> Response:
        return PlainTextResponse("ok")

    @app.get("/lang/{language}")
    async def switch_language(request: Request, language: str) -> Response:
        if language not in i18n.LANGUAGES:
            raise StarletteHTTPException(404)
        target = request.query_params.get("next", "/")
        if not _LOCAL_PATH.match(target) or target.startswith("//") or ".." in target:
            target = "/"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(i18n.COOKIE, language, max_age=365 * 24 * 3600, samesite="lax",
                            path="/", httponly=True)
        return response

    def visit_page(
        request: Request, values: dict[str, Any], errors: dict[str, str], status: int = 200
    ) -> HTMLResponse:
        today = service.today()
        t = i18n.translator(language_of(request))
        language = language_of(request)
        dates = []
        for day in service.visit_dates():
            label = i18n.format_date(day, language)
            if day == today:
                label = f"{t('date.today')} · {label}"
            elif day == today + timedelta(days=1):
                label = f"{t('date.tomorrow')} · {label}"
            dates.append((day.isoformat(), label))
        return render(request, "visit.html", status, values=values, errors=errors,
                      dates=dates, symptoms=SYMPTOMS)

    @app.get("/visit", response_class=HTMLResponse)
    async def visit_form(request: Request) -> Response:
        return visit_page(request, {"kind": "visitor", "symptoms": ()}, {})

    @app.post("/visit", response_class=HTMLResponse)
    async def visit_post(request: Request) -> Response:
        form = await read_form(request, VISIT_FIELDS)
        values: dict[str, Any] = {
            name: _one(form, name) for name in VISIT_FIELDS if name != CSRF_FIELD
        }
        values["symptoms"] = tuple(str(v) for v in form.getlist("symptoms"))
        visit = VisitRequest(
            name=values["name"], phone=values["phone"], company=values["company"],
            host=values["host"], purpose=values["purpose"], kind=values["kind"] or "",
            visit_date=values["visit_date"],
            health=HealthAnswers(values["symptoms"], values["places"], values["contact"]),
        )
        try:
            issued = await run_in_threadpool(service.preregister, visit)
        except FormProblems as problems:
            return visit_page(request, values, messages(request, problems), 400)
        return RedirectResponse(f"/pass/{issued.capability}", status_code=303)

    @app.get("/pass/{capability}", response_class=HTMLResponse)
    async def pass_page(request: Request, capability: str) -> Response:
        page = await run_in_threadpool(service.pass_page, capability)
        if page is None:
            raise StarletteHTTPException(404)
        return render(request, "pass.html", page=page, capability=capability)

    @app.get("/pass/{capability}/qr.png")
    async def pass_qr(request: Request, capability: str) -> Response:
        page = await run_in_threadpool(service.pass_page, capability)
        if page is None or page.token is None:
            raise StarletteHTTPException(404)
        headers = {}
        if request.query_params.get("download"):
            name = f"pass-{page.visit_date.isoformat()}.png"
            headers["content-disposition"] = f'attachment; filename="{name}"'
        return Response(qr_png(page.token), media_type="image/png", headers=headers)

    def declare_page(
        request: Request, values: dict[str, Any], errors: dict[str, str], *,
        refused: str = "", status: int = 200,
    ) -> HTMLResponse:
        return render(request, "declare.html", status, values=values, errors=errors,
                      refused=refused, symptoms=SYMPTOMS)

    @app.get("/declare", response_class=HTMLResponse)
    async def declare_form(request: Request) -> Response:
        return declare_page(request, {"symptoms": ()}, {})

    @app.post("/declare", response_class=HTMLResponse)
    async def declare_post(request: Request) -> Response:
        client = client_of(request)
        form = await read_form(request, DECLARE_FIELDS)
        values: dict[str, Any] = {
            name: _one(form, name) for name in DECLARE_FIELDS if name != CSRF_FIELD
        }
        values["symptoms"] = tuple(str(v) for v in form.getlist("symptoms"))
        values["code"] = ""  # never sent back into the page
        t = i18n.translator(language_of(request))
        # Guessing codes is throttled per client as well as per staff number: each wrong
        # code takes a token; with none left, codes are not even checked.
        wait = code_limit.wait(client)
        if wait:
            return declare_page(request, values, {}, status=429,
                                refused=t("declare.wait", minutes=int(wait) // 60 + 1))
        declaration = DeclarationRequest(
            staff_no=values["staff_no"], code=_one(form, "code"),
            health=HealthAnswers(values["symptoms"], values["places"], values["contact"]),
        )
        try:
            done = await run_in_threadpool(service.declare, declaration)
        except FormProblems as problems:
            return declare_page(request, values, messages(request, problems), status=400)
        except CodeRefused as error:
            code_limit.take(client, cost=1.0)
            if error.wait_seconds:
                text = t("declare.wait", minutes=error.wait_seconds // 60 + 1)
                return declare_page(request, values, {}, refused=text, status=429)
            return declare_page(request, values, {}, refused=t("declare.refused"), status=403)
        return render(request, "declared.html", done=done)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    async def too_large(scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        response = error_page(request, 413, "error.413")
        await response(scope, receive, send)

    app.add_middleware(PerClient, handle=per_client)
    app.add_middleware(BodyLimit, max_body=config.max_body, too_large=too_large)
    app.add_middleware(SecurityHeaders)
    return app


class PerClient:
    """A pure ASGI middleware around ``handle`` (no BaseHTTPMiddleware: it would wrap the
    exceptions of a request body read through it)."""

    def __init__(
        self, app: ASGIApp,
        handle: Callable[[Scope, Receive, Send, ASGIApp], Awaitable[None]],
    ) -> None:
        self.app = app
        self.handle = handle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send, self.app)


def _one(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def problem_text(t: Callable[..., str], problem: Problem) -> str:
    if problem.code == "required" and problem.field in _CHOICES:
        return t("problem.choose")
    return t(f"problem.{problem.code}", limit=problem.limit)


def _loggable(path: str) -> str:
    """A path for the log, without the secret of a pass address."""
    if path.startswith("/pass/"):
        return "/pass/…" + ("/qr.png" if path.endswith("/qr.png") else "")
    return path[:200]


def qr_png(token: str, module_px: int = 8) -> bytes:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=module_px, border=4)
    code.add_data(token)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
