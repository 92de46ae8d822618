"""The composition root: build the Bolt App from a Runtime and register every handler."""

from __future__ import annotations

import logging
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse, Respond
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient

from bot.delivery.errors import timed_out
from bot.formatting import clean_strings
from bot.middleware import direct
from bot.runtime import Runtime
from bot.texts import t

logger = logging.getLogger(__name__)

# Interactive payloads that always name the person acting (in body["user"]["id"]).
_INTERACTIVE = frozenset({"block_actions", "view_submission", "view_closed", "shortcut", "message_action"})


class _DropClientWarning(logging.Filter):
    """We pass our own client on purpose; Bolt still reads SLACK_BOT_TOKEN from the environment
    and would warn on every start that it is unused."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


BOLT_LOGGER = logging.getLogger("chefsnatverket.bolt")
BOLT_LOGGER.addFilter(_DropClientWarning())


def _acting_user(body: dict[str, Any]) -> str | None:
    user = body.get("user")
    return body.get("user_id") or (user.get("id") if isinstance(user, dict) else None)


def create_app(
    runtime: Runtime,
    *,
    process_before_response: bool = False,
    verify_token: bool = False,
    listener_executor: Executor | None = None,
) -> App:
    """A Bolt App answering with `runtime`'s client; every feature registered.

    `verify_token` calls auth.test now (the server does, at start-up, before serving), so the
    first request does not pay for it; Slack refusing the token raises BoltError.
    `listener_executor` replaces the listener threads (the demo's counts what is still running).
    """
    import handlers

    app = App(
        client=runtime.client,
        signing_secret=runtime.settings.slack_signing_secret,
        token_verification_enabled=verify_token,
        **_oauth_options(runtime),
        process_before_response=process_before_response,
        # A listener keeps its thread through its Slack calls after the ack; the next request's
        # ack needs a free one. Threads are made on demand, so idle capacity costs nothing.
        listener_executor=listener_executor
        or ThreadPoolExecutor(max_workers=runtime.settings.listener_threads, thread_name_prefix="listener"),
        logger=BOLT_LOGGER,
    )

    @direct(app)  # as @app.middleware, called without Bolt's argument building (bot/middleware.py)
    def clean_input(body: dict[str, Any], next: Any) -> BoltResponse | None:
        # The one place Slack's user text enters (command text, modal values, DM replies): a NUL
        # can never be stored on PostgreSQL, so control characters go before any listener reads it.
        clean_strings(body)
        return next()

    @direct(app)
    def refuse_anonymous(body: dict[str, Any], next: Any) -> BoltResponse | None:
        # A signed command or interaction without a user is not from Slack's UI: 400, not a
        # listener's KeyError.
        if (body.get("command") or body.get("type") in _INTERACTIVE) and not _acting_user(body):
            return BoltResponse(status=400, body="")
        return next()

    @direct(app)
    def inject_runtime(context: BoltContext, next: Any) -> BoltResponse | None:
        # Listeners get `runtime` by parameter name. Sessions are opened per unit of work
        # inside bot/ services rather than here: with process_before_response off, a listener
        # keeps running after the ack, i.e. after this middleware has returned.
        context["runtime"] = runtime
        return next()

    @app.error
    def handle_error(
        error: Exception,
        body: dict[str, Any],
        logger: logging.Logger,
        respond: Respond | None,
        client: WebClient,
    ) -> None:
        """Log any listener failure with its traceback (never the payload: it holds user text).

        A Slack call that timed out (views.open, say) would leave the person with nothing:
        tell them, as the listeners do when Slack answers 429 or 500.
        """
        kind = body.get("type") or body.get("command") or "?"
        logger.error("listener failed for %s", kind, exc_info=error)
        if timed_out(error):
            _tell_timed_out(body, respond, client, runtime, logger)

    handlers.register(app)
    return app


def _oauth_options(runtime: Runtime) -> dict[str, Any]:
    """In OAuth mode, Bolt's install flow and each workspace's token per request (the client
    then carries no token of its own); nothing in single-token mode."""
    if not runtime.settings.oauth:
        return {}
    from bot.workspaces.oauth import authorize, oauth_settings

    settings = oauth_settings(runtime)
    return {
        "oauth_settings": settings,
        "authorize": authorize(settings),
        "user_facing_authorize_error_message": t("workspaces.not_installed", runtime.lang),
    }


def _tell_timed_out(
    body: dict[str, Any], respond: Respond | None, client: WebClient, runtime: Runtime, logger: logging.Logger
) -> None:
    text = t("error.slack_timeout", runtime.lang)
    try:
        if respond is not None and body.get("response_url"):
            respond(text=text, response_type="ephemeral", replace_original=False)
        elif (user := _acting_user(body)) is not None:
            client.chat_postMessage(channel=user, text=text)
    except Exception:
        logger.exception("could not tell the person that Slack timed out")
