"""Answering the person behind a button press, shared by the surfaces."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.delivery.errors import timed_out
from bot.texts import t


def dm(client: WebClient, user_id: str, message: dict[str, Any], logger: Logger) -> None:
    """Post to the person's DM with the app (by user id); a failure is logged, never raised,
    because whatever the message confirms has already been saved."""
    try:
        client.chat_postMessage(channel=user_id, **message)
    except SlackApiError:
        logger.exception("could not send a DM")


def answer(
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    message: dict[str, Any],
    logger: Logger,
    *,
    replace_original: bool = False,
) -> None:
    """Answer whoever pressed: where they pressed (replacing the message, or ephemeral beside it),
    else in their DM (presses in App Home and modals come without a response_url)."""
    if body.get("response_url"):
        try:
            if replace_original:
                respond(replace_original=True, **message)
            else:
                respond(response_type="ephemeral", replace_original=False, **message)
            return
        except Exception:
            logger.exception("could not answer through response_url; sending a DM instead")
    dm(client, body["user"]["id"], message, logger)


def tell(body: dict[str, Any], respond: Respond, client: WebClient, text: str, logger: Logger) -> None:
    """A short text answer to whoever pressed, beside what they pressed."""
    answer(body, respond, client, {"text": text}, logger)


def tell_failure(
    body: dict[str, Any], respond: Respond, client: WebClient, error: BaseException, lang: str, logger: Logger
) -> None:
    """A press whose answer (a modal, mostly) could not be given: say so rather than stay silent,
    naming a Slack time-out as such."""
    logger.error("answering a press failed", exc_info=error)
    tell(
        body,
        respond,
        client,
        t("error.slack_timeout" if timed_out(error) else "error.open_failed", lang),
        logger,
    )
