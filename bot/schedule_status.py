"""What the scheduler will send next and what failed, for `/chefsnatverket status`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from bot.runtime import Runtime


def describe_schedule(session: Session, runtime: Runtime) -> list[str]:
    """Swedish mrkdwn lines: the next sends and when, then any failed sends."""
    return []
