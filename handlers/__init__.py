"""Thin Bolt listeners, one module per surface; `register(app)` wires them all."""

from __future__ import annotations

from slack_bolt import App

from handlers import admin, attendance, award_decision, checkin, home, privacy, pulse, workspace
from handlers import award as guldlanken


def register(app: App) -> None:
    """Register every surface's listeners on `app`."""
    for module in (checkin, admin, guldlanken, award_decision, home, pulse, privacy, workspace, attendance):
        module.register(app)
