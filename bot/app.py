"""The composition root: build the Bolt App from a Runtime and register every handler."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext, BoltResponse

from bot.runtime import Runtime

logger = logging.getLogger(__name__)


def create_app(runtime: Runtime, *, process_before_response: bool = False) -> App:
    """A Bolt App answering with `runtime`'s client; every feature registered."""
    import handlers

    app = App(
        client=runtime.client,
        signing_secret=runtime.settings.slack_signing_secret,
        # The token is checked lazily by the first request instead of at import/start, so a
        # slow Slack never stops the server from starting and /healthz from answering.
        token_verification_enabled=False,
        process_before_response=process_before_response,
        logger=logging.getLogger("chefsnatverket.bolt"),
    )

    @app.middleware
    def inject_runtime(context: BoltContext, next: Any) -> BoltResponse | None:
        # Listeners get `runtime` by parameter name. Sessions are opened per unit of work
        # inside bot/ services rather than here: with process_before_response off, a listener
        # keeps running after the ack, i.e. after this middleware has returned.
        context["runtime"] = runtime
        return next()

    @app.error
    def handle_error(error: Exception, body: dict[str, Any], logger: logging.Logger) -> None:
        """Log any listener failure with its traceback (never the payload: it holds user text)."""
        kind = body.get("type") or body.get("command") or "?"
        logger.error("listener failed for %s", kind, exc_info=error)

    handlers.register(app)
    return app
