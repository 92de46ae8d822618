"""Names of nominees and nominators, never mentions: the one place Guldlänken asks Slack for them.

Nominees and nominators are written as names, never as `<@U…>` mentions, so no message
notifies them. A name comes from the Slack profile (users.info), else the network's member
list, else it is the user id.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from slack_sdk.errors import SlackApiError, SlackClientError
from sqlalchemy.orm import Session

from bot.runtime import Runtime
from storage.members import members_by_user_id
from storage.models import Member

logger = logging.getLogger(__name__)


def _profile_name(runtime: Runtime, user_id: str) -> str | None:
    """The real (else display) name from the Slack profile; None when Slack does not say."""
    try:
        user = runtime.client.users_info(user=user_id).get("user") or {}
    except SlackApiError as exc:
        logger.warning("users.info failed: %s", exc.response.get("error"))
        return None
    except SlackClientError:
        logger.warning("users.info failed", exc_info=True)
        return None
    profile = user.get("profile") or {}
    return profile.get("real_name") or user.get("real_name") or profile.get("display_name")


def user_names(
    runtime: Runtime, session: Session, user_ids: Iterable[str], members: Mapping[str, Member] | None = None
) -> dict[str, str]:
    """Real names by user id (Slack profile, then the member list, then the id itself).

    `members` are the rows already loaded for these ids (storage.members.members_by_user_id);
    else they are loaded here.
    """
    wanted = sorted(set(user_ids))
    if members is None:
        members = members_by_user_id(session, wanted)
    names: dict[str, str] = {}
    for user_id in wanted:
        name = _profile_name(runtime, user_id)
        if not name:
            member = members.get(user_id)
            name = member.name if member and member.name and member.name != user_id else None
        names[user_id] = name or user_id
    return names
