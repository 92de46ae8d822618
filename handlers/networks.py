"""Which workspace and network a request acts on (a global middleware), `/chefsnatverket nätverk
[ny <namn>]`, and the select that answers "which network?".

Serving many workspaces (`runtime.tokens` set), every listener's `runtime` and `client` speak
with the token of the workspace the request comes from; a workspace without an installation is
refused (401) before anything is read, stored or sent, and one without a network is told so.

Every listener gets `runtime` working in the request's network (its sessions see that network
only). The network comes from, in order: the select the person just answered; the modal the
request comes from (stamped when opened); the organisers' channel it is typed in; the person's
only network in the workspace. When several remain, a command is answered with the question
(its text kept in it) and runs once a network is chosen; anything else is left unscoped, so
it fails rather than guess.
"""

from __future__ import annotations

import json
import uuid
from logging import Logger
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltRequest, BoltResponse, Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient

from bot import ids
from bot.middleware import Direct
from bot.networks import service as networks
from bot.networks.views import (
    build_network_answer,
    build_network_list,
    build_network_question,
    build_no_network,
    network_of_block,
    read_choice,
)
from bot.runtime import Runtime
from bot.texts import t

NETWORK_WORD = "nätverk"
ADMIN_COMMAND = "/chefsnatverket"
CHECKIN_COMMAND = "/incheckning"
VIEW_PREFIX = "nw"  # a modal's external_id: "nw<network id>.<random>"
# Slack taking the app's tokens away: served although the workspace's token is (being) removed.
TOKEN_EVENTS = frozenset({"app_uninstalled", "tokens_revoked"})


def is_network_command(body: dict[str, Any]) -> bool:
    """`/chefsnatverket nätverk …`: about the workspace's networks, not one network's data."""
    words = str(body.get("text") or "").split()
    return body.get("command") == ADMIN_COMMAND and bool(words) and words[0].casefold() == NETWORK_WORD


class NetworkClient(WebClient):
    """The request's client, stamping the modals it opens with their network, so a submission
    from a person in several networks still reaches the right one."""

    network_id: int = 0

    def _stamp(self, view: Any) -> Any:
        view = dict(view.to_dict() if hasattr(view, "to_dict") else view)
        view.setdefault("external_id", f"{VIEW_PREFIX}{self.network_id}.{uuid.uuid4().hex[:16]}")
        return view

    def views_open(self, *, view: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().views_open(view=self._stamp(view), **kwargs)

    def views_push(self, *, view: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        return super().views_push(view=self._stamp(view), **kwargs)


def _network_client(client: WebClient, network_id: int) -> NetworkClient:
    scoped = NetworkClient(
        token=client.token,
        base_url=client.base_url,
        timeout=client.timeout,
        retry_handlers=client.retry_handlers,
        logger=client.logger,
    )
    scoped.network_id = network_id
    return scoped


def request_team(body: dict[str, Any], context: BoltContext | None = None) -> str | None:
    """The workspace a request comes from: the installation Slack sent it to (Bolt reads it from
    commands' team_id, interactions' team.id and events' authorizations), else the acting user's."""
    team = body.get("team")
    return (
        (context.team_id if context is not None else None)
        or body.get("team_id")
        or (team.get("id") if isinstance(team, dict) else team)
        or (body.get("user") or {}).get("team_id")
    )


def _is_token_event(body: dict[str, Any]) -> bool:
    return body.get("type") == "event_callback" and (body.get("event") or {}).get("type") in TOKEN_EVENTS


def _workspace(context: BoltContext, body: dict[str, Any], logger: Logger) -> BoltResponse | None:
    """Serving many workspaces: the request's runtime and client get its workspace's token, or
    the request is refused (401, nothing read, stored or sent) when the workspace has none."""
    runtime: Runtime = context["runtime"]
    if runtime.tokens is None or _is_token_event(body):
        return None
    team_id = request_team(body, context)
    client = runtime.workspace_client(team_id) if team_id else None
    if client is None:
        logger.info("refused a request from workspace %s: the app is not installed there", team_id or "?")
        return BoltResponse(status=401, body="")
    context["runtime"] = runtime.with_client(client)
    context["client"] = client
    return None


def _stamped_network(body: dict[str, Any]) -> int | None:
    for action in body.get("actions") or []:
        network_id = network_of_block(str(action.get("block_id") or ""))
        if network_id is not None:
            return network_id  # a button on the Home of several networks
    external = str((body.get("view") or {}).get("external_id") or "")
    head = external.split(".", 1)[0]
    number = head[len(VIEW_PREFIX) :]
    return int(number) if head.startswith(VIEW_PREFIX) and number.isdigit() else None


class RelayAck(Ack):
    """The ack of a command run from the network select: its answer (which Slack would take
    from the command's HTTP answer) goes to the question's response_url, replacing it."""

    def __init__(self, response_url: str, logger: Logger) -> None:
        super().__init__()
        self.response_url = response_url
        self.relay_logger = logger

    def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        response = super().__call__(*args, **kwargs)
        message = json.loads(response.body) if response.body else {}
        if message and self.response_url:
            try:
                WebhookClient(self.response_url).send_dict({**message, "replace_original": True})
            except Exception:
                self.relay_logger.exception("could not answer a command run after choosing a network")
        self.response = BoltResponse(status=200, body="")
        return self.response


def _scope(context: BoltContext, runtime: Runtime, network_id: int) -> None:
    context["runtime"] = runtime.for_network(network_id)
    if context.client is not None:
        context["client"] = _network_client(context.client, network_id)


def _run_chosen(
    req: BoltRequest, context: BoltContext, runtime: Runtime, logger: Logger
) -> BoltResponse | None:
    """A press of the network select: the stored command, rewritten as if typed, in that network."""
    body = req.body
    chosen = read_choice(body)
    team_id = context.team_id
    if chosen is None or not networks.may_choose(runtime, team_id, chosen[0]):
        return BoltResponse(status=200, body="")
    network_id, command, text = chosen
    req.body = {
        "command": command,
        "text": text,
        "user_id": context.user_id,
        "user_name": (body.get("user") or {}).get("username", ""),
        "team_id": team_id,
        "channel_id": context.channel_id,
        "trigger_id": body.get("trigger_id"),
        "response_url": body.get("response_url"),
    }
    _scope(context, runtime, network_id)
    context["ack"] = RelayAck(str(body.get("response_url") or ""), logger)
    return None


def choose_network(
    req: BoltRequest, context: BoltContext, body: dict[str, Any], logger: Logger, next: Any
) -> BoltResponse | None:
    """Global middleware: put the request's workspace and network into `runtime` and `client`
    (see the module docstring)."""
    refused = _workspace(context, body, logger)
    if refused is not None:
        return refused
    if _is_token_event(body):
        return next()  # about the workspace's installation, in no network (and in one with none)
    runtime: Runtime = context["runtime"]
    actions = body.get("actions") or []
    if body.get("type") == "block_actions" and any(a.get("action_id") == ids.NETWORK_CHOOSE for a in actions):
        refused = _run_chosen(req, context, runtime, logger)
        return refused or next()
    if is_network_command(body):
        return next()
    stamped = _stamped_network(body)
    if stamped is not None and networks.may_choose(runtime, context.team_id, stamped):
        _scope(context, runtime, stamped)
        return next()
    if runtime.tokens is None and runtime.settings_cache.one_network() and _finds_its_own_network(body):
        # Unscoped: the check-in's one statement finds the network (see below). Only with one
        # bot token: serving many workspaces, "the only network" need not be this workspace's.
        return next()
    if body.get("command") == CHECKIN_COMMAND or _is_direct_message(body):
        outcome = networks.choose_for_checkin(runtime, context.team_id, context.user_id, context.channel_id)
    else:
        outcome = networks.choose(runtime, context.team_id, context.user_id, context.channel_id)
    if isinstance(outcome, networks.Chosen):
        if outcome.network_id is not None:
            _scope(context, runtime, outcome.network_id)
        return next()
    if isinstance(outcome, networks.NoNetwork):  # nothing of another workspace stands in for it
        return BoltResponse(status=200, body=build_no_network(runtime.lang) if body.get("command") else "")
    if body.get("command"):
        command, text = str(body["command"]), str(body.get("text") or "")
        question = build_network_question(
            outcome.choices, command, text, runtime.lang, checkin=command == CHECKIN_COMMAND
        )
        return BoltResponse(status=200, body=question)
    if _is_direct_message(body):
        # A reply in the DM while meetings of several networks are ahead: which one is unknown.
        if not req.headers.get("x-slack-retry-num") and context.client is not None and context.user_id:
            try:
                context.client.chat_postMessage(
                    channel=context.user_id, text=t("networks.error.dm", runtime.lang)
                )
            except Exception:
                logger.exception("could not ask which network a DM answer is for")
        return BoltResponse(status=200, body="")
    context["network_choices"] = outcome.choices
    return next()


# The check-in's requests whose listeners begin with its one statement (storage/checkins.py::
# checkin_context): unscoped, it reads the deployment's only network and the number of networks,
# and refuses when there are several. So while the last check-in saw one network, the middleware
# reads nothing for them; a network added by another process is seen by the next such statement
# (the cache forgets, that request fails without acting, the following ones choose as usual).
_CHECKIN_ACTIONS = frozenset(
    {ids.CHECKIN_OPEN, ids.CHECKIN_PENDING_REPLACE, ids.CHECKIN_PENDING_APPEND, ids.CHECKIN_PENDING_KEEP}
)


def _finds_its_own_network(body: dict[str, Any]) -> bool:
    if body.get("command") == CHECKIN_COMMAND or _is_direct_message(body):
        return True
    if body.get("type") == "view_submission":
        return (body.get("view") or {}).get("callback_id") == ids.CHECKIN_MODAL
    actions = body.get("actions") or []
    return (
        body.get("type") == "block_actions"
        and bool(actions)
        and all(a.get("action_id") in _CHECKIN_ACTIONS for a in actions)
    )


def _is_direct_message(body: dict[str, Any]) -> bool:
    event = body.get("event") or {}
    return (
        body.get("type") == "event_callback"
        and event.get("type") == "message"
        and event.get("channel_type") == "im"
        and bool(event.get("user"))
        and not event.get("subtype")
        and not event.get("bot_id")
    )


def handle_network_command(
    ack: Ack, command: dict[str, Any], context: BoltContext, runtime: Runtime, respond: Respond
) -> None:
    """`/chefsnatverket nätverk`: the list; `nätverk ny <namn>`: a new network."""
    words = str(command.get("text") or "").split(maxsplit=2)
    user_id = command.get("user_id", "")
    if len(words) >= 2 and words[1].casefold() == "ny":
        name = words[2] if len(words) > 2 else ""
        created = networks.create_network(runtime, context.team_id, user_id, name)
        ack(**build_network_answer(created, runtime.lang))
        return
    ack(**build_network_list(networks.list_networks(runtime, context.team_id, user_id), runtime.lang))


def handle_network_select(ack: Ack) -> None:
    """A press of the select that did not name a network of the workspace: nothing to do."""
    ack()


def register(app: App) -> None:
    """The middleware and the `nätverk` command (before the admin command's own listener)."""
    app.middleware(Direct(choose_network))
    app.command(ADMIN_COMMAND, matchers=[lambda body: is_network_command(body)])(handle_network_command)
    app.action(ids.NETWORK_CHOOSE)(handle_network_select)
