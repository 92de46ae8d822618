"""What the handler tests share: meetings arranged in the database, the rows read back, a DM
as Slack sends it, and what an HTTP answer said."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any
from zoneinfo import ZoneInfo

from bot.runtime import Runtime
from storage.db import transaction
from storage.models import Meeting, Member

TZ = ZoneInfo("Europe/Stockholm")


def add_meeting(
    runtime: Runtime, when: str = "2027-03-11T13:00", place: str | None = "Stadshuset", **kw: Any
) -> int:
    """A meeting at `when` (ISO-8601, Stockholm time): by default Thursday 11 March 2027 13.00."""
    with transaction(runtime.sessions) as s:
        meeting = Meeting(starts_at=dt.datetime.fromisoformat(when).replace(tzinfo=TZ), place=place, **kw)
        s.add(meeting)
        s.flush()
        return meeting.id


def meetings(runtime: Runtime) -> list[Meeting]:
    """Every meeting, in the order they were added."""
    with runtime.sessions() as s:
        return list(s.query(Meeting).order_by(Meeting.id))


def members(runtime: Runtime) -> dict[str, Member]:
    """Every member by Slack user id, with their organisation loaded."""
    with runtime.sessions() as s:
        rows = s.query(Member).all()
        for m in rows:
            _ = m.organisation
        return {m.slack_user_id: m for m in rows}


def dm_event(text: str, user: str = "U0MEMBER1", **extra: Any) -> dict[str, Any]:
    """A message event from `user` in their DM with the app."""
    return {
        "type": "message",
        "channel": "D" + user[1:],
        "channel_type": "im",
        "user": user,
        "text": text,
        "ts": f"{time.time():.6f}",
        **extra,
    }


def said(resp: Any) -> str:
    """The text of the HTTP answer (Bolt answers a bare text as text/plain, else JSON), with its blocks."""
    assert resp.status == 200, resp.text
    if not resp.text.startswith("{"):
        return resp.text
    body = resp.json()
    return body.get("text", "") + "\n" + json.dumps(body.get("blocks", []), ensure_ascii=False)
