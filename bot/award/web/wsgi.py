"""HTTP for Guldlänken's web form: `GET/POST /guldlanken/<token>` and its one CSS file.

Pages are rendered with Jinja2, autoescape on, so whatever anyone types comes back as text.
The round token is a secret link: it is never logged, and pages send no Referer to other sites.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from bot.award.views import MOTIVATION_MAX, MOTIVATION_MIN
from bot.award.web import forms
from bot.award.web.service import Result, RoundView, SubmitOutcome, find_round, new_csrf, submit
from bot.runtime import Runtime
from bot.texts import t

if TYPE_CHECKING:
    from jinja2 import Environment

logger = logging.getLogger(__name__)

StartResponse = Callable[..., Any]

PREFIX = "/guldlanken/"
CSS_PATH = "/static/guldlanken.css"
# The longest real form (3 000 characters of motivation, every one percent-encoded as several
# bytes) stays well under this.
MAX_BODY = 64 * 1024
_TOKEN_RE = re.compile(r"^/guldlanken/([A-Za-z0-9_-]{16,64})/?$")
_HERE = Path(__file__).parent
_SECURITY_HEADERS = [
    (
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cache-Control", "no-store"),
]


def handles(path: str) -> bool:
    """True for the paths this module answers (the server routes them here before Bolt)."""
    return path == CSS_PATH or path.startswith(PREFIX) or path == PREFIX.rstrip("/")


def _environment() -> Environment:
    # Imported here: Jinja2 costs megabytes a server that never shows the form should not pay.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(_HERE / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


class WebForm:
    """The web form as a WSGI application (only for the paths `handles` accepts)."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.css = (_HERE / "static" / "guldlanken.css").read_bytes()

    @cached_property
    def env(self) -> Environment:
        """The templates, loaded on the first page asked for."""
        return _environment()

    # ------------------------------------------------------------ plumbing

    def _t(self, key: str, **kwargs: object) -> str:
        return t(key, self.runtime.lang, **kwargs)

    def _page(
        self,
        start_response: StartResponse,
        status: str,
        template: str,
        environ: dict[str, Any],
        **context: Any,
    ) -> list[bytes]:
        context.setdefault("errors", {})
        context.setdefault("page_error", None)
        body = (
            self.env.get_template(template)
            .render(lang=self.runtime.lang, t=self._t, root=environ.get("SCRIPT_NAME", ""), **context)
            .encode("utf-8")
        )
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            *_SECURITY_HEADERS,
        ]
        start_response(status, headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]

    def _message(
        self,
        start_response: StartResponse,
        status: str,
        environ: dict[str, Any],
        title_key: str,
        *paragraphs: str,
        link: str | None = None,
        link_text: str = "",
    ) -> list[bytes]:
        return self._page(
            start_response,
            status,
            "message.html",
            environ,
            title=self._t(title_key),
            paragraphs=list(paragraphs),
            link=link,
            link_text=link_text,
        )

    def _css(self, environ: dict[str, Any], start_response: StartResponse) -> list[bytes]:
        start_response(
            "200 OK",
            [
                ("Content-Type", "text/css; charset=utf-8"),
                ("Content-Length", str(len(self.css))),
                ("Cache-Control", "public, max-age=3600"),
                ("X-Content-Type-Options", "nosniff"),
            ],
        )
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [self.css]

    def _form(
        self,
        start_response: StartResponse,
        environ: dict[str, Any],
        status: str,
        view: RoundView,
        outcome: SubmitOutcome | None = None,
        page_error: str | None = None,
    ) -> list[bytes]:
        labels = {name: self._t(f"award.web.{name}") for name in forms.FIELDS}
        return self._page(
            start_response,
            status,
            "form.html",
            environ,
            title=self._t("award.web.title", year=view.year),
            year=view.year,
            deadline_day=view.deadline_day,
            csrf=new_csrf(self.runtime, view.token),
            action=environ.get("SCRIPT_NAME", "") + PREFIX + view.token,
            values=outcome.nomination.values() if outcome and outcome.nomination else {},
            errors=outcome.errors if outcome else {},
            page_error=page_error,
            labels=labels,
            honeypot=forms.HONEYPOT,
            motivation_min=forms.number(MOTIVATION_MIN),
            motivation_max=forms.number(MOTIVATION_MAX),
        )

    def _closed(self, start_response: StartResponse, environ: dict[str, Any], view: RoundView) -> list[bytes]:
        text = self._t("award.web.closed", year=view.year, day=view.closed)
        return self._message(start_response, "410 Gone", environ, "award.web.closed_title", text)

    def _not_found(self, start_response: StartResponse, environ: dict[str, Any]) -> list[bytes]:
        text = self._t("award.web.not_found")
        return self._message(start_response, "404 Not Found", environ, "award.web.not_found_title", text)

    # ------------------------------------------------------------ requests

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == CSS_PATH and method in {"GET", "HEAD"}:
            return self._css(environ, start_response)
        match = _TOKEN_RE.match(path)
        if match is None:
            return self._not_found(start_response, environ)
        token = match.group(1)
        if method in {"GET", "HEAD"}:
            return self._get(environ, start_response, token)
        if method == "POST":
            return self._post(environ, start_response, token)
        return self._message(
            start_response,
            "405 Method Not Allowed",
            environ,
            "award.web.method_title",
            self._t("award.web.method"),
        )

    def _get(self, environ: dict[str, Any], start_response: StartResponse, token: str) -> list[bytes]:
        view = find_round(self.runtime, token)
        if view is None:
            return self._not_found(start_response, environ)
        if view.closed is not None:
            return self._closed(start_response, environ, view)
        return self._form(start_response, environ, "200 OK", view)

    def _read_body(self, environ: dict[str, Any]) -> bytes | None:
        """The request body, or None when it is larger than MAX_BODY."""
        raw_length = environ.get("CONTENT_LENGTH") or ""
        stream = environ["wsgi.input"]
        if raw_length.strip().isdigit():
            length = int(raw_length)
            if length > MAX_BODY:
                return None
            return bytes(stream.read(length))
        if environ.get("wsgi.input_terminated"):
            body = bytes(stream.read(MAX_BODY + 1))
            return None if len(body) > MAX_BODY else body
        return b""

    def _post(self, environ: dict[str, Any], start_response: StartResponse, token: str) -> list[bytes]:
        body = self._read_body(environ)
        if body is None:
            return self._message(
                start_response,
                "413 Content Too Large",
                environ,
                "award.web.too_large_title",
                self._t("award.web.too_large"),
            )
        try:
            pairs = parse_qsl(
                body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=40
            )
        except ValueError:  # more fields than the form has
            pairs = []
        form: dict[str, str] = {}
        for name, value in pairs:
            form.setdefault(name, value)
        address = environ.get("REMOTE_ADDR") or "unknown"
        outcome = submit(self.runtime, token, form, address)
        view = outcome.round
        if outcome.result is Result.NOT_FOUND or view is None:
            return self._not_found(start_response, environ)
        if outcome.result is Result.CLOSED:
            return self._closed(start_response, environ, view)
        if outcome.result is Result.EXPIRED:
            error = self._t("award.web.error.expired")
            return self._form(start_response, environ, "403 Forbidden", view, outcome, page_error=error)
        if outcome.result is Result.RATE_LIMITED:
            error = self._t("award.web.error.rate_limited")
            return self._form(
                start_response, environ, "429 Too Many Requests", view, outcome, page_error=error
            )
        if outcome.result is Result.INVALID:
            return self._form(start_response, environ, "400 Bad Request", view, outcome)
        nominee = outcome.nomination.nominee_name if outcome.nomination else ""
        return self._message(
            start_response,
            "200 OK",
            environ,
            "award.web.receipt_title",
            self._t("award.web.receipt", nominee=nominee, year=view.year),
            self._t("award.web.receipt_next", day=view.deadline_day),
            link=environ.get("SCRIPT_NAME", "") + PREFIX + view.token,
            link_text=self._t("award.web.another"),
        )
