"""Who is expected at a meeting: the one place that says so, for the sends that go to them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.members import active_members


def expected_recipients(session: Session, meeting_id: int) -> list[str]:
    """The Slack user ids of the members expected at `meeting_id`, in a stable order.

    For now every active member. (Närvaro narrows this to those who have not said they cannot
    come; `meeting_id` is here for that.)
    """
    del meeting_id  # not needed until Närvaro answers are stored
    return [member.slack_user_id for member in active_members(session)]
