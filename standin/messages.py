"""Web API methods about messages, users and conversations (auth, chat.*, users.info,
conversations.*).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import zoneinfo
from decimal import Decimal
from typing import Any

from standin.blockkit import check_message as _check_message
from standin.blockkit import err as _err
from standin.limits import _Limits
from standin.state import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
)


def _tz_info(tz: str) -> tuple[str, int]:
    try:
        zone = zoneinfo.ZoneInfo(tz)
        now = datetime.datetime.now(zone)
        return now.tzname() or tz, int(now.utcoffset().total_seconds())  # type: ignore[union-attr]
    except Exception:
        return tz, 0


def _check_metadata(metadata: Any) -> dict[str, Any] | None:
    """Slack's check of message metadata: an event_type string and an event_payload object."""
    if metadata is None:
        return None
    if (
        not isinstance(metadata, dict)
        or not isinstance(metadata.get("event_type"), str)
        or not isinstance(metadata.get("event_payload"), dict)
    ):
        return _err("invalid_metadata_format")
    return None


def _flag(value: Any) -> bool:
    """A boolean argument as Slack reads it ("1"/"true", or a JSON true)."""
    return value is True or str(value).lower() in ("1", "true")


def _ts_value(value: Any, default: Decimal) -> Decimal | None:
    """A ts argument ("1700000000.000100") as a number; the default when absent, None when bad."""
    if value in (None, ""):
        return default
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


class _Messages(_Limits):
    """chat.*, users.info, conversations.* and auth.test."""

    def _resolve_channel(
        self, channel: Any, *, for_post: bool = True
    ) -> tuple[str | None, dict[str, Any] | None]:
        """Map a channel argument to a channel id, or to the error Slack would give."""
        if not isinstance(channel, str) or not channel:
            return None, _err("channel_not_found")
        if channel in self.unknown_channels:
            return None, _err("channel_not_found")
        if channel.startswith("#"):
            by_name = next((cid for cid, c in self.channels.items() if c.get("name") == channel[1:]), None)
            if by_name is None:
                return None, _err("channel_not_found")
            channel = by_name
        if channel in self.not_in_channels:
            return None, _err("not_in_channel")
        if channel[0] in "UW":
            # chat.update/delete/getPermalink need the real DM id, as on Slack.
            if not for_post or channel in self.unknown_users:
                return None, _err("channel_not_found")
            if channel in self.inactive_users:
                return None, _err("account_inactive")
            return self.dm_channel_for(channel), None
        if channel[0] == "D" and self._dm_users.get(channel) in self.inactive_users:
            return None, _err("account_inactive")
        return channel, None

    def _full_user(self, uid: str) -> dict[str, Any]:
        raw = self.users[uid]
        profile = dict(raw.get("profile") or {})
        real = raw.get("real_name") or profile.get("real_name") or uid
        name = raw.get("name") or real.split()[0].lower()
        tz = raw.get("tz") or "UTC"
        tz_label, tz_offset = _tz_info(tz)
        profile.setdefault("real_name", real)
        profile.setdefault("display_name", name)
        profile.setdefault("real_name_normalized", real)
        profile.setdefault("display_name_normalized", profile["display_name"])
        profile.setdefault("team", TEAM_ID)
        user = {
            "id": uid,
            "team_id": TEAM_ID,
            "name": name,
            "deleted": uid in self.inactive_users,
            "color": "9f69e7",
            "real_name": real,
            "tz": tz,
            "tz_label": tz_label,
            "tz_offset": tz_offset,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": False,
            "is_app_user": False,
            "updated": 1_700_000_000,
            "is_email_confirmed": True,
            "who_can_share_contact_card": "EVERYONE",
        }
        user.update({k: v for k, v in raw.items() if k != "profile"})
        user["id"], user["profile"] = uid, profile
        return user

    def _message(self, params: dict[str, Any], ts: str) -> dict[str, Any]:
        msg: dict[str, Any] = {
            "user": BOT_USER_ID,
            "type": "message",
            "ts": ts,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": params.get("text") or "",
            "team": TEAM_ID,
        }
        for key in ("blocks", "attachments", "thread_ts", "metadata"):
            if params.get(key):
                msg[key] = params[key]
        return msg

    def _m_auth_test(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": "standin-bot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _m_chat_postMessage(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"))
        if problem:
            return problem
        problem = _check_message(p) or _check_metadata(p.get("metadata"))
        if problem:
            return problem
        ts = self._next_ts()
        msg = self._message(p, ts)
        self.messages[(channel, ts)] = msg  # type: ignore[index]
        return {"ok": True, "channel": channel, "ts": ts, "message": msg}

    def _m_chat_postEphemeral(self, p: dict[str, Any]) -> dict[str, Any]:
        user = p.get("user")
        if not user or user in self.unknown_users:
            return _err("user_not_found")
        if user in self.inactive_users:
            return _err("user_not_in_channel")
        _, problem = self._resolve_channel(p.get("channel"))
        if problem:
            return problem
        problem = _check_message(p)
        if problem:
            return problem
        return {"ok": True, "message_ts": self._next_ts()}

    def _m_chat_update(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"), for_post=False)
        if problem:
            return problem
        ts = p.get("ts")
        # Lenient on purpose: unknown (never posted here) ts values are accepted, because
        # tests often fabricate interaction payloads; deleted ones are rejected.
        if not ts or (channel, ts) in self._deleted:
            return _err("message_not_found")
        problem = _check_message(p)
        if problem:
            return problem
        msg = self._message(p, ts)
        msg["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        self.messages[(channel, ts)] = msg  # type: ignore[index]
        return {"ok": True, "channel": channel, "ts": ts, "text": p.get("text") or "", "message": msg}

    def _m_chat_delete(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"), for_post=False)
        if problem:
            return problem
        ts = p.get("ts")
        if not ts or (channel, ts) in self._deleted:
            return _err("message_not_found")
        self._deleted.add((channel, ts))  # type: ignore[arg-type]
        self.messages.pop((channel, ts), None)  # type: ignore[arg-type]
        return {"ok": True, "channel": channel, "ts": ts}

    def _m_chat_getPermalink(self, p: dict[str, Any]) -> dict[str, Any]:
        channel, problem = self._resolve_channel(p.get("channel"), for_post=False)
        if problem:
            return problem
        ts = p.get("message_ts")
        if not ts or (channel, ts) in self._deleted:
            return _err("message_not_found")
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://{TEAM_DOMAIN}.slack.com/archives/{channel}/p{str(ts).replace('.', '')}",
        }

    def _m_users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        uid = p.get("user")
        if not uid or uid in self.unknown_users or uid not in self.users:
            return _err("user_not_found")
        return {"ok": True, "user": self._full_user(uid)}

    def _m_conversations_open(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("channel"):
            cid_, problem = self._resolve_channel(p["channel"], for_post=False)
            return problem or {"ok": True, "no_op": True, "already_open": True, "channel": {"id": cid_}}
        users = [u for u in str(p.get("users") or "").split(",") if u]
        if not users:
            return _err("users_list_not_supplied")
        for u in users:
            if u in self.unknown_users:
                return _err("user_not_found")
            if u in self.inactive_users:
                return _err("user_disabled")
        if len(users) == 1:
            cid = self.dm_channel_for(users[0])
        else:
            cid = "G" + hashlib.sha256(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
        already = cid in self._open_dms
        self._open_dms.add(cid)
        channel: dict[str, Any] = {"id": cid}
        if str(p.get("return_im", "")).lower() in ("1", "true") and len(users) == 1:
            channel.update(
                {
                    "created": 1_700_000_000,
                    "is_im": True,
                    "is_org_shared": False,
                    "user": users[0],
                    "is_user_deleted": False,
                    "priority": 0,
                }
            )
        return {"ok": True, "no_op": already, "already_open": already, "channel": channel}

    def _m_conversations_history(self, p: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages of a conversation, newest first, like Slack (no thread replies)."""
        cid = p.get("channel")
        if not isinstance(cid, str) or not cid or cid in self.unknown_channels or cid[0] in "UW#":
            return _err("channel_not_found")
        if cid in self.not_in_channels:
            return _err("not_in_channel")
        inclusive = _flag(p.get("inclusive"))
        oldest = _ts_value(p.get("oldest"), Decimal(0))
        latest = _ts_value(p.get("latest"), Decimal("Infinity"))
        if oldest is None or latest is None:
            return _err("invalid_ts_oldest" if oldest is None else "invalid_ts_latest")
        try:
            limit = max(1, min(int(p.get("limit") or 100), 999))
            start = int(base64.b64decode(str(p.get("cursor") or "")).decode() or 0) if p.get("cursor") else 0
        except ValueError:
            return _err("invalid_cursor")
        found = []
        for (channel, ts), msg in self.messages.items():
            if channel != cid or msg.get("thread_ts") not in (None, ts):
                continue
            value = Decimal(ts)
            after = value >= oldest if inclusive else value > oldest
            before = value <= latest if inclusive else value < latest
            if after and before:
                found.append(msg)
        found.sort(key=lambda m: Decimal(m["ts"]), reverse=True)
        page = [dict(m) for m in found[start : start + limit]]
        if not _flag(p.get("include_all_metadata")):
            for m in page:
                m.pop("metadata", None)
        more = start + limit < len(found)
        answer: dict[str, Any] = {
            "ok": True,
            "messages": page,
            "has_more": more,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
        }
        if more:
            cursor = base64.b64encode(str(start + limit).encode()).decode()
            answer["response_metadata"] = {"next_cursor": cursor}
        return answer

    def _m_conversations_info(self, p: dict[str, Any]) -> dict[str, Any]:
        cid = p.get("channel")
        if not cid or cid in self.unknown_channels or cid[0] in "UW":
            return _err("channel_not_found")
        if cid[0] == "D":
            user = self._dm_users.get(cid, "U" + cid[1:])
            return {
                "ok": True,
                "channel": {
                    "id": cid,
                    "created": 1_700_000_000,
                    "is_im": True,
                    "is_org_shared": False,
                    "user": user,
                    "is_user_deleted": user in self.inactive_users,
                    "priority": 0,
                    "is_open": True,
                },
            }
        extra = self.channels.get(cid, {})
        name = extra.get("name", cid.lower())
        info = {
            "id": cid,
            "name": name,
            "name_normalized": name,
            "is_channel": cid[0] == "C",
            "is_group": cid[0] == "G",
            "is_im": False,
            "is_mpim": False,
            "is_private": cid[0] == "G",
            "created": 1_700_000_000,
            "creator": "U0ANNA",
            "is_archived": False,
            "is_general": name == "general",
            "is_shared": False,
            "is_org_shared": False,
            "is_ext_shared": False,
            "is_member": cid not in self.not_in_channels,
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "context_team_id": TEAM_ID,
        }
        info.update(extra)
        return {"ok": True, "channel": info}
