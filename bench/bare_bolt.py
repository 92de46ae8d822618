"""The yardstick for bench/ack_time.py: a bare Bolt app, one `/incheckning` listener.

It acks and opens a small modal, served by the same waitress and Bolt WSGI adapter as the app
(same thread count), against the same Slack stand-in. No database, no settings, no features.

    PORT=... SLACK_API_URL=... SLACK_SIGNING_SECRET=... python bench/bare_bolt.py

With BARE_MODAL_FILE (a view as JSON) it opens that view instead of the small one, and with
BARE_IMPORTS (module names, comma-separated) it imports them before serving: bench/ack_time.py
uses both for its second yardstick, a bare app that opens the app's own check-in modal and has
SQLAlchemy's ORM loaded, which is what any app on this stack pays before it does anything.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

import waitress
from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

MODAL = {
    "type": "modal",
    "callback_id": "bare",
    "title": {"type": "plain_text", "text": "Incheckning"},
    "submit": {"type": "plain_text", "text": "Spara"},
    "blocks": [
        {
            "type": "input",
            "block_id": "occupying",
            "label": {"type": "plain_text", "text": "Vad upptar min tid?"},
            "element": {"type": "plain_text_input", "action_id": "text", "multiline": True},
        }
    ],
}


def main() -> None:
    for module in filter(None, os.environ.get("BARE_IMPORTS", "").split(",")):
        importlib.import_module(module)
    modal_file = os.environ.get("BARE_MODAL_FILE")
    view = json.loads(Path(modal_file).read_text(encoding="utf-8")) if modal_file else MODAL
    client = WebClient(token="xoxb-bench", base_url=os.environ["SLACK_API_URL"])
    app = App(
        client=client, signing_secret=os.environ["SLACK_SIGNING_SECRET"], token_verification_enabled=False
    )

    @app.command("/incheckning")
    def incheckning(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=command["trigger_id"], view=view)

    handler = SlackRequestHandler(app, path="/slack/events")
    waitress.serve(
        handler,
        host="127.0.0.1",
        port=int(os.environ["PORT"]),
        threads=int(os.environ.get("WEB_THREADS", "16")),
        ident="bare",
    )


if __name__ == "__main__":
    main()
