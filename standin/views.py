"""Web API methods for modals, App Home and files (views.*, files.*)."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from standin.blockkit import check_text_obj as _check_text_obj
from standin.blockkit import err as _err
from standin.blockkit import validate_blocks
from standin.messages import _Messages
from standin.state import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
)


class _Views(_Messages):
    """views.open/push/update/publish and the two-step file upload."""

    def _check_view(self, method: str, view: Any) -> dict[str, Any] | None:
        if isinstance(view, str) or not isinstance(view, dict):
            return _err("invalid_arguments", "[ERROR] missing required field: view")
        vtype = view.get("type")
        wanted = (
            ("home",)
            if method == "views.publish"
            else ("modal", "home")
            if method == "views.update"
            else ("modal",)
        )
        if vtype not in wanted:
            return _err(
                "invalid_arguments", f"[ERROR] must be one of {list(wanted)} [json-pointer:/view/type]"
            )
        errs: list[str] = []
        blocks = view.get("blocks")
        if blocks is None:
            errs.append("[ERROR] missing required field: blocks [json-pointer:/view]")
        else:
            errs += [
                e.replace("json-pointer:/blocks", "json-pointer:/view/blocks")
                for e in validate_blocks(blocks, max_blocks=100)
            ]
        if vtype == "modal":
            title = view.get("title")
            if title is None:
                errs.append("[ERROR] missing required field: title [json-pointer:/view]")
            else:
                _check_text_obj(title, "/view/title", errs, max_len=24, plain_only=True)
            for key in ("submit", "close"):
                if view.get(key) is not None:
                    _check_text_obj(view[key], f"/view/{key}", errs, max_len=24, plain_only=True)
            has_input = isinstance(blocks, list) and any(
                isinstance(b, dict) and b.get("type") == "input" for b in blocks
            )
            if has_input and view.get("submit") is None:
                errs.append("[ERROR] submit is required when an input block is present [json-pointer:/view]")
        for key, limit in (("private_metadata", 3000), ("callback_id", 255), ("external_id", 255)):
            value = view.get(key)
            if isinstance(value, str) and len(value) > limit:
                errs.append(f"[ERROR] must be less than {limit + 1} characters [json-pointer:/view/{key}]")
        return _err("invalid_arguments", *errs) if errs else None

    def _store_view(
        self, view: dict[str, Any], view_id: str | None, previous: str | None = None
    ) -> dict[str, Any]:
        vid = view_id or self._next_id("V")
        old = self.views.get(vid, {})
        out = {
            "id": vid,
            "team_id": TEAM_ID,
            "type": view.get("type"),
            "blocks": view.get("blocks", []),
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{next(self._id_counter):08x}",
            "title": view.get("title"),
            "clear_on_close": bool(view.get("clear_on_close", False)),
            "notify_on_close": bool(view.get("notify_on_close", False)),
            "close": view.get("close"),
            "submit": view.get("submit"),
            "previous_view_id": previous,
            "root_view_id": old.get("root_view_id") or previous or vid,
            "app_id": APP_ID,
            "external_id": view.get("external_id", ""),
            "app_installed_team_id": TEAM_ID,
            "bot_id": BOT_ID,
        }
        self.views[vid] = out
        return out

    def _m_views_open(self, p: dict[str, Any]) -> dict[str, Any]:
        problem = self._check_trigger(p) or self._check_view("views.open", p.get("view"))
        return problem or {"ok": True, "view": self._store_view(p["view"], None)}

    def _m_views_push(self, p: dict[str, Any]) -> dict[str, Any]:
        problem = self._check_trigger(p) or self._check_view("views.push", p.get("view"))
        return problem or {"ok": True, "view": self._store_view(p["view"], None)}

    def _m_views_update(self, p: dict[str, Any]) -> dict[str, Any]:
        view_id = p.get("view_id")
        external_id = p.get("external_id")
        if not view_id and not external_id:
            return _err("invalid_arguments", "[ERROR] either view_id or external_id is required")
        problem = self._check_view("views.update", p.get("view"))
        if problem:
            return problem
        if not view_id:
            view_id = next(
                (v["id"] for v in self.views.values() if v.get("external_id") == external_id), None
            )
            if view_id is None:
                return _err("not_found")
        known = self.views.get(view_id)
        if known is not None and p.get("hash") and p["hash"] != known["hash"]:
            return _err("hash_conflict")
        return {"ok": True, "view": self._store_view(p["view"], view_id)}

    def _m_views_publish(self, p: dict[str, Any]) -> dict[str, Any]:
        user = p.get("user_id")
        if not user:
            return _err("invalid_arguments", "[ERROR] missing required field: user_id")
        if user in self.unknown_users:
            return _err("user_not_found")
        problem = self._check_view("views.publish", p.get("view"))
        if problem:
            return problem
        home_id = "V" + hashlib.sha256(user.encode()).hexdigest()[:10].upper()  # stable per user
        return {"ok": True, "view": self._store_view(p["view"], home_id)}

    def _m_files_getUploadURLExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        filename, length = p.get("filename"), p.get("length")
        if not filename or length in (None, ""):
            return _err("invalid_arguments", "[ERROR] missing required field: filename/length")
        try:
            length = int(length)
        except (TypeError, ValueError):
            return _err("invalid_arguments", "[ERROR] length must be an integer")
        file_id = self._next_id("F")
        self._pending_files[file_id] = {
            "filename": filename,
            "length": length,
            "alt_txt": p.get("alt_txt"),
            "snippet_type": p.get("snippet_type"),
        }
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def _m_files_completeUploadExternal(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files")
        if not isinstance(files, list) or not files:
            return _err("invalid_arguments", "[ERROR] files must be a non-empty JSON array")
        channel = p.get("channel_id")
        channels = [c for c in str(p.get("channels") or "").split(",") if c]
        targets = ([channel] if channel else []) + channels
        resolved: list[str] = []
        for target in targets:
            cid, problem = self._resolve_channel(target)
            if problem:
                return problem
            resolved.append(cid)  # type: ignore[arg-type]
        out = []
        for f in files:
            fid = f.get("id") if isinstance(f, dict) else None
            if fid not in self._pending_files or fid not in self.uploads:
                return _err("file_not_found")
        for f in files:
            fid = f["id"]
            meta = self._pending_files[fid]
            name = meta["filename"]
            record = {
                "id": fid,
                "created": int(time.time()),
                "timestamp": int(time.time()),
                "name": name,
                "title": f.get("title") or name,
                "mimetype": "text/plain" if name.endswith(".txt") else "",
                "filetype": name.rsplit(".", 1)[-1] if "." in name else "",
                "user": BOT_USER_ID,
                "user_team": TEAM_ID,
                "size": len(self.uploads[fid]),
                "mode": "hosted",
                "is_external": False,
                "is_public": bool(resolved),
                "channels": resolved,
                "url_private": f"https://files.slack.com/files-pri/{TEAM_ID}-{fid}/{name}",
                "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{BOT_USER_ID}/{fid}/{name}",
            }
            self.files[fid] = {
                **record,
                "content": self.uploads[fid],
                "channel_id": channel,
                "initial_comment": p.get("initial_comment"),
                "thread_ts": p.get("thread_ts"),
            }
            out.append(record)
        return {"ok": True, "files": out}
