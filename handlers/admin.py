"""Listeners for the admin surface."""

from __future__ import annotations

from slack_bolt import App


def register(app: App) -> None:
    """Register the admin listeners."""
