"""SlackStandIn: start and stop, routing of /api/, /upload/ and /hooks/, and what tests inspect."""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from standin.blockkit import check_message as _check_message
from standin.blockkit import err as _err
from standin.http import _Handler, _parse_multipart, _Server
from standin.state import (
    RESPONSE_URL,
    UPLOAD,
    Call,
    _Answer,
    _user,
    message_fingerprint,
)
from standin.views import _Views
from standin.workspaces import _Workspaces

# Params that slack_sdk (or an app) may send as JSON strings inside a form body.
_JSON_FIELDS = ("blocks", "view", "attachments", "files", "metadata")


class SlackStandIn(_Workspaces, _Views):
    """Slack Web API look-alike on ``http://127.0.0.1:<port>/api/``."""

    def start(self) -> SlackStandIn:
        """Bind to a free port and serve from a daemon thread."""
        if self._server is not None:
            return self
        self._stopping.clear()
        server = _Server((self.host, self.port), _Handler)
        server.standin = self
        self._server = server
        self.port = server.server_address[1]
        # A short poll interval keeps stop() fast (shutdown waits for one poll).
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"slack-standin:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port; in-flight `delay` faults are cut short."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        server.shutdown()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._thread = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    def add_user(
        self,
        user_id: str,
        real_name: str,
        *,
        tz: str = "UTC",
        display_name: str | None = None,
        email: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Register a user for users.info."""
        name = display_name or real_name.split()[0].lower()
        user = _user(user_id, name, real_name, tz, **extra)
        if email:
            user["profile"]["email"] = email
        with self._cond:
            self.users[user_id] = user
        return user

    def register(self, method: str, handler: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        """Answer ``method`` with ``handler(params) -> response dict`` (kept across reset())."""
        self._custom[method] = handler

    @property
    def calls(self) -> list[Call]:
        """Snapshot of all recorded calls, in completion order."""
        with self._cond:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return list(self._by_method.get(method, ()))

    def count(self, method: str, *, ok: bool | None = None) -> int:
        """Number of calls to ``method`` (optionally only successful / failed ones)."""
        with self._cond:
            calls = self._by_method.get(method, ())
            return len(calls) if ok is None else sum(1 for c in calls if c.ok == ok)

    def messages_to(self, channel: str) -> list[Call]:
        """Successful chat.postMessage calls to ``channel`` (user id or its DM id both match)."""
        with self._cond:
            return [
                c
                for c in self._by_method.get("chat.postMessage", ())
                if c.ok and channel in (c.params.get("channel"), c.response.get("channel"))
            ]

    def duplicate_messages(self, method: str = "chat.postMessage") -> list[tuple[str, str]]:
        """(channel, fingerprint) pairs successfully posted more than once."""
        counts: Counter[tuple[str, str]] = Counter()
        with self._cond:
            for c in self._by_method.get(method, ()):
                if c.ok:
                    channel = c.response.get("channel") or c.params.get("channel") or ""
                    counts[(channel, message_fingerprint(c.params, method))] += 1
        return [k for k, n in counts.items() if n > 1]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until ``count`` calls to ``method`` (matching ``predicate``) were recorded."""
        found: list[Call] = []
        scanned = 0

        def enough() -> bool:
            # Incremental scan: each recorded call is examined once, however often we wake.
            nonlocal scanned
            calls = self._by_method.get(method, [])
            if len(calls) < scanned:  # reset() ran meanwhile: start over
                found.clear()
                scanned = 0
            for c in calls[scanned:]:
                if predicate is None or predicate(c):
                    found.append(c)
            scanned = len(calls)
            return len(found) >= count

        with self._cond:
            if not self._cond.wait_for(enough, timeout):
                seen = [c.method for c in self._calls]
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} call(s) to {method!r}"
                    f"{' matching predicate' if predicate else ''}; got {len(found)}. "
                    f"Recorded methods: {seen}"
                )
            return list(found)

    def _handle(self, verb: str, raw_path: str, headers: dict[str, str], body: bytes) -> _Answer:
        at = self.at_clock()
        path, _, query = raw_path.partition("?")
        try:
            if path.startswith("/api/"):
                return self._handle_api(path[5:], query, headers, body, at, path)
            if path.startswith("/upload/") and verb == "POST":
                return self._handle_upload(path[8:], headers, body, at, path)
            if path.startswith("/hooks/") and verb == "POST":
                return self._handle_hook(headers, body, at, path)
            return _Answer(404, {}, raw=b"Not Found", content_type="text/plain")
        except Exception:
            # A bug in the stand-in must be loud, not look like a Slack answer.
            tb = traceback.format_exc()
            self.errors.append(tb)
            print(f"SlackStandIn internal error:\n{tb}", file=sys.stderr)
            return _Answer(500, _err("standin_internal_error", tb.splitlines()[-1]))

    def _parse_params(self, query: str, headers: dict[str, str], body: bytes) -> dict[str, Any]:
        params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
        ctype = headers.get("content-type", "")
        kind = ctype.split(";")[0].strip().lower()
        if body:
            if kind == "application/json":
                data = json.loads(body)
                if not isinstance(data, dict):
                    raise ValueError("JSON body is not an object")
                params.update(data)
            elif kind == "multipart/form-data":
                for disp, content in _parse_multipart(body, ctype):
                    name = disp.get("name", "")
                    params[name] = content if "filename" in disp else content.decode("utf-8", "replace")
            else:
                params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        for key in _JSON_FIELDS:
            value = params.get(key)
            if isinstance(value, str):
                # An undecodable value stays a string; validation reports it like Slack would.
                with contextlib.suppress(ValueError):
                    params[key] = json.loads(value)
        return params

    def _handle_api(
        self, method: str, query: str, headers: dict[str, str], body: bytes, at: float, path: str
    ) -> _Answer:
        try:
            params = self._parse_params(query, headers, body)
        except ValueError:
            ans = _Answer(200, _err("invalid_json" if b"{" in body[:1] else "invalid_form_data"))
            self._record(Call(method, {}, headers, None, at, ans.status, ans.body, path))
            return ans
        token = None
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip()
        body_token = params.pop("token", None)
        token = token or (body_token if isinstance(body_token, str) else None)

        self._arrival.at = self.now()  # a trigger's age counts until the request arrives
        self._arrival.token = token  # auth.test answers the token's workspace
        self._wait_latency(method)
        ans = self._apply_fault(method, params) or self._answer_api(method, params, token, headers)
        self._record(Call(method, params, headers, token, at, ans.status, ans.body, path))
        return ans

    def _answer_api(
        self, method: str, params: dict[str, Any], token: str | None, headers: dict[str, str]
    ) -> _Answer:
        if method == "oauth.v2.access":  # client credentials instead of a bearer token
            return _Answer(200, self._oauth_v2_access(params, headers))
        handler = self._custom.get(method) or getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return _Answer(200, _err("unknown_method"))
        if not token:
            return _Answer(200, _err("not_authed"))
        if not token.startswith(self.valid_token_prefixes):
            return _Answer(200, _err("invalid_auth"))
        refused = self._check_scope(method, params)
        if refused is not None:
            return refused
        limited = self._check_rate(method, params)
        if limited is not None:
            return limited
        with self._cond:  # handlers touch shared state; each is a few microseconds
            return _Answer(200, handler(params))

    def _handle_upload(
        self, file_id: str, headers: dict[str, str], body: bytes, at: float, path: str
    ) -> _Answer:
        ctype = headers.get("content-type", "")
        content, filename = body, None
        # slack_sdk's sync client posts the raw bytes (urllib labels them form-urlencoded,
        # so never parse those); other clients send multipart with a file part.
        if ctype.lower().startswith("multipart/form-data"):
            parts = _parse_multipart(body, ctype)
            pick = next((p for p in parts if "filename" in p[0]), None) or next(
                (p for p in parts if p[0].get("name") == "file"), None
            )
            if pick is not None:
                content, filename = pick[1], pick[0].get("filename")
        params: dict[str, Any] = {"file_id": file_id, "size": len(content)}
        if filename:
            params["filename"] = filename
        self._wait_latency(UPLOAD)
        ans = self._apply_fault(UPLOAD, params)
        if ans is None:
            with self._cond:
                if file_id not in self._pending_files:
                    ans = _Answer(
                        404,
                        {"ok": False, "error": "file_not_found"},
                        raw=b"Not Found",
                        content_type="text/plain",
                    )
                else:
                    self.uploads[file_id] = content
                    ans = _Answer(
                        200,
                        {"ok": True},
                        raw=f"OK - {len(content)}".encode(),
                        content_type="text/plain; charset=utf-8",
                    )
        self._record(Call(UPLOAD, params, headers, None, at, ans.status, ans.body, path))
        return ans

    def _handle_hook(self, headers: dict[str, str], body: bytes, at: float, path: str) -> _Answer:
        try:
            params = self._parse_params("", headers, body)
        except ValueError:
            params = {}
            ans: _Answer | None = _Answer(400, _err("invalid_payload"), raw=b"invalid_payload")
        else:
            self._wait_latency(RESPONSE_URL)
            ans = self._apply_fault(RESPONSE_URL, params) or self._use_hook(path[len("/hooks/") :])
        if ans is None:
            problem = None if params.get("delete_original") else _check_message(params)
            if problem:
                # response_url/webhooks answer errors as HTTP 400 with the code as the body.
                ans = _Answer(400, problem, raw=problem["error"].encode(), content_type="text/plain")
            else:
                ans = _Answer(200, {"ok": True}, raw=b"ok", content_type="text/plain")
        self._record(Call(RESPONSE_URL, params, headers, None, at, ans.status, ans.body, path))
        return ans
