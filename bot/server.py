"""Serving: a production WSGI server (waitress) in front of Bolt, or Socket Mode."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.award.web import wsgi as webform
from bot.runtime import Runtime
from storage.db import database_reachable

logger = logging.getLogger(__name__)

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"


def _answer(start_response: StartResponse, status: str, payload: dict[str, Any]) -> list[bytes]:
    body = json.dumps(payload).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]


def create_wsgi_app(app: App, runtime: Runtime) -> WSGIApp:
    """The WSGI application: Slack requests at POST /slack/events, health at GET /healthz,
    Guldlänken's web form at /guldlanken/<token>."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)
    web_form = webform.WebForm(runtime)

    def wsgi(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            if database_reachable(runtime.engine):
                return _answer(start_response, "200 OK", {"ok": True, "database": "reachable"})
            return _answer(
                start_response, "503 Service Unavailable", {"ok": False, "database": "unreachable"}
            )
        if webform.handles(path):  # Guldlänken's public form: its own pages, no Slack signature
            return web_form(environ, start_response)
        if path == EVENTS_PATH and method != "POST":
            return _answer(start_response, "405 Method Not Allowed", {"ok": False, "error": "use POST"})
        try:
            return bolt(environ, start_response)
        except Exception:
            # A signed body that is not a Slack payload (bad JSON in `payload=`, say) must not
            # take the server down or leak a traceback: answer 400 and keep serving.
            logger.exception("could not handle a request at %s", path)
            return _answer(start_response, "400 Bad Request", {"ok": False, "error": "bad_request"})

    return wsgi


def serve_http(app: App, runtime: Runtime) -> None:
    """Serve HTTP on the configured host and port with waitress (blocks)."""
    import waitress

    logger.info("serving HTTP on %s:%s", runtime.settings.host, runtime.settings.port)
    waitress.serve(
        create_wsgi_app(app, runtime),
        host=runtime.settings.host,
        port=runtime.settings.port,
        threads=8,
        ident="chefsnatverket",
    )


def serve_socket_mode(app: App, runtime: Runtime) -> None:
    """Connect over Socket Mode with the app-level token (blocks)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    assert runtime.settings.slack_app_token is not None
    SocketModeHandler(app, runtime.settings.slack_app_token).start()
