"""Listeners for the App Home tab and the admin modals its buttons open."""

from __future__ import annotations

import functools
from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import ids
from bot.home import service as home
from bot.home.modals import (
    build_admin_modal,
    build_modal_errors,
    read_members_form,
    read_plan_form,
    read_settings_form,
)
from bot.home.views import build_home_screen
from bot.networks import service as networks
from bot.networks.views import build_network_homes
from bot.runtime import Runtime
from bot.texts import t
from handlers.networks import request_team
from handlers.replies import tell_failure

ADMIN_OPEN_ACTIONS = (ids.ADMIN_PLAN_OPEN, ids.ADMIN_MEMBERS_OPEN, ids.ADMIN_SETTINGS_OPEN)


def _publish(runtime: Runtime, user_id: str, screen: home.HomeScreen | None, team_id: str | None) -> None:
    """Publish the person's Home: each of their networks, `screen` for the one just acted in."""
    homes = networks.load_homes(runtime, team_id, user_id, screen)
    views = [(choice, build_home_screen(one, runtime.tz, runtime.lang)) for choice, one in homes]
    runtime.client.views_publish(user_id=user_id, view=build_network_homes(views, runtime.lang))


def refresh_home(runtime: Runtime, user_id: str, logger: Logger) -> None:
    """Publish the person's Home tab again after something changed it (a failure is logged)."""
    try:
        _publish(runtime, user_id, home.load_home(runtime, user_id), None)
    except Exception:
        logger.exception("refreshing the home tab failed")


def handle_home_opened(event: dict[str, Any], body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """`app_home_opened`: publish the Home tab for the person who opened it."""
    if event.get("tab", "home") != "home":
        return
    try:
        _publish(runtime, event["user"], None, request_team(body))
    except Exception:
        logger.exception("publishing the home tab failed")


def handle_admin_open(
    ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, runtime: Runtime, logger: Logger
) -> None:
    """An admin button on the Home tab: open its modal (a refusal modal for non-organisers)."""
    ack()
    action_id = body["actions"][0]["action_id"]
    try:
        opening = home.open_modal(runtime, body["user"]["id"], action_id)
        client.views_open(trigger_id=body["trigger_id"], view=build_admin_modal(opening, runtime.lang))
    except Exception as error:
        tell_failure(body, respond, client, error, runtime.lang, logger)


def _submit(
    ack: Ack,
    body: dict[str, Any],
    runtime: Runtime,
    logger: Logger,
    submit: Callable[[Runtime, str, Any], home.ModalResult],
    read: Callable[[dict[str, Any]], Any],
    first_block: str,
) -> None:
    """Validate and save a modal; errors keep it open at the right input, success re-publishes home."""
    user_id = body["user"]["id"]
    try:
        result = submit(runtime, user_id, read(body["view"]["state"]["values"]))
    except Exception:
        logger.exception("saving an admin modal failed")
        # Keep the modal open with what they wrote, and say so politely.
        ack(response_action="errors", errors={first_block: t("error.generic", runtime.lang)})
        return
    if result.errors:
        ack(response_action="errors", errors=build_modal_errors(result.errors, runtime.lang))
        return
    ack()
    try:
        _publish(runtime, user_id, home.after_modal(runtime, user_id, result), request_team(body))
    except Exception:
        logger.exception("refreshing the home tab after a modal failed")


def handle_plan_submit(ack: Ack, body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """The plan-meeting modal was submitted."""
    _submit(ack, body, runtime, logger, home.submit_plan, read_plan_form, ids.ADMIN_PLAN_DATE)


def handle_members_submit(ack: Ack, body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """The members modal was submitted."""
    _submit(ack, body, runtime, logger, home.submit_members, read_members_form, ids.ADMIN_MEMBER_USER)


def handle_settings_submit(ack: Ack, body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """The settings modal was submitted."""
    shown = body["view"].get("private_metadata")  # what the modal showed: only changes are applied
    read = functools.partial(read_settings_form, metadata=shown)
    _submit(ack, body, runtime, logger, home.submit_settings, read, ids.ADMIN_SETTINGS_CHANNEL)


def handle_post_summary(ack: Ack, body: dict[str, Any], runtime: Runtime, logger: Logger) -> None:
    """ "Posta sammanfattning nu" on the Home tab: post, then show the outcome on the tab."""
    ack()
    user_id = body["user"]["id"]
    try:
        _publish(runtime, user_id, home.post_summary_now(runtime, user_id), request_team(body))
    except Exception:
        logger.exception("posting the summary from the home tab failed")


def register(app: App) -> None:
    """Register the home listeners."""
    app.event("app_home_opened")(handle_home_opened)
    for action_id in ADMIN_OPEN_ACTIONS:
        app.action(action_id)(handle_admin_open)
    app.action(ids.ADMIN_POST_SUMMARY)(handle_post_summary)
    app.view(ids.ADMIN_PLAN_MODAL)(handle_plan_submit)
    app.view(ids.ADMIN_MEMBERS_MODAL)(handle_members_submit)
    app.view(ids.ADMIN_SETTINGS_MODAL)(handle_settings_submit)
