"""Listeners for the jury's decision: *Utse vinnare* (jury summary, App Home) and its modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import ids
from bot.award import decision
from bot.award.nominations import Refusal
from bot.award.views import build_info_modal
from bot.award.winner_views import build_decision_modal, build_decision_saved
from bot.runtime import Runtime
from bot.texts import t
from handlers.replies import tell_failure


def handle_decide_button(
    ack: Ack,
    body: dict[str, Any],
    action: dict[str, Any],
    client: WebClient,
    respond: Respond,
    logger: logging.Logger,
    runtime: Runtime,
) -> None:
    """*Utse vinnare*: the decision modal (filled with the decision so far), or why not."""
    ack()
    try:
        form = decision.decision_view(runtime, body["user"]["id"], action.get("value"))
        if isinstance(form, Refusal):
            view = build_info_modal(form.text, runtime.lang)
        else:
            view = build_decision_modal(form, runtime.lang)
        client.views_open(trigger_id=body["trigger_id"], view=view)
    except Exception as error:
        tell_failure(body, respond, client, error, runtime.lang, logger)


def handle_decide_submit(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], logger: logging.Logger, runtime: Runtime
) -> None:
    """Save the decision and show it in the modal, or keep the modal open with the refusals."""
    # As with the nomination modal, the answer (errors or the confirmation) is the ack itself.
    try:
        outcome = decision.submit_decision(runtime, body["user"]["id"], view)
    except Exception:
        logger.exception("saving the decision failed")
        ack(response_action="errors", errors={ids.AWARD_BLOCK_WINNERS: t("error.generic", runtime.lang)})
        return
    if outcome.errors:
        ack(response_action="errors", errors=outcome.errors)
        return
    ack(response_action="update", view=build_decision_saved(outcome.confirmation, runtime.lang))


def register(app: App) -> None:
    """Register the decision listeners."""
    app.action(ids.AWARD_DECIDE_OPEN)(handle_decide_button)
    app.view(ids.AWARD_DECIDE_MODAL)(handle_decide_submit)
