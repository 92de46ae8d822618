"""Who someone is to the app: organiser, member, or neither."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.config import Settings
from storage.models import Member


def is_organiser(session: Session, settings: Settings, user_id: str) -> bool:
    """Organisers come from ORGANISERS (the bootstrap) or were appointed in the app."""
    if user_id in settings.organisers:
        return True
    flag = session.scalar(select(Member.is_organiser).where(Member.slack_user_id == user_id))
    return bool(flag)


def active_member(session: Session, user_id: str) -> Member | None:
    """The active network member with this Slack user id, if any."""
    return session.scalar(select(Member).where(Member.slack_user_id == user_id, Member.active.is_(True)))


def organiser_ids(session: Session, settings: Settings) -> list[str]:
    """Every organiser's user id: the bootstrap list and the appointed ones."""
    appointed = session.scalars(select(Member.slack_user_id).where(Member.is_organiser.is_(True))).all()
    return sorted(set(settings.organisers) | set(appointed))
