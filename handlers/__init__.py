"""Thin Bolt listeners, one module per surface; `register(app)` wires them all."""

from __future__ import annotations

from slack_bolt import App

from handlers import admin, attendance, award_decision, checkin, home, networks, privacy, pulse, workspace
from handlers import award as guldlanken


def register(app: App) -> None:
    """Register every surface's listeners on `app`."""
    # networks first: its middleware chooses the network, and `nätverk` goes before the admin command.
    modules = (
        networks,
        checkin,
        admin,
        guldlanken,
        award_decision,
        home,
        pulse,
        privacy,
        workspace,
        attendance,
    )
    for module in modules:
        module.register(app)
