"""How the stand-in refuses like Slack: injected faults, latency, rate limits, scopes, expired
trigger ids and spent response_urls.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from http import HTTPStatus
from typing import Any

from standin.blockkit import err as _err
from standin.state import (
    _CONVERSATION_SCOPES,
    _METHOD_SCOPES,
    _TRIGGER,
    RESPONSE_URL_TTL,
    RESPONSE_URL_USES,
    TRIGGER_TTL,
    _Answer,
    _Fault,
    _Limit,
    _RandomFaults,
    _State,
)

# rate_limit(..., key=TOKEN_KEY): a bucket per bot token (per workspace), not per param.
TOKEN_KEY = "token"


class _Limits(_State):
    """Faults, latency and Slack's limits."""

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
        when: Callable[[dict[str, Any]], bool] | None = None,
        store: bool = True,
    ) -> None:
        """Queue a fault for the next ``times`` calls to ``method`` ("*" = any) matching ``when``.

        status=429 answers HTTP 429 + Retry-After (default 1); 5xx answers that status;
        error answers HTTP 200 ``{"ok": false, "error": error}``; delay sleeps first
        (alone, it just slows a call that is then processed normally, so a post the client
        gave up on is still stored). store=False with a delay: the call is NOT carried out
        (nothing posted) and is answered HTTP 503 after the delay, as when Slack lost it.
        """
        if status == 200 and error is None and delay <= 0 and store:
            raise ValueError("fault would do nothing: give status != 200, error, delay or store=False")
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._cond:
            self._faults.append(_Fault(method, status, error, retry_after, delay, times, when, store))

    def faults_pending(self, method: str | None = None) -> int:
        """How many queued fault firings have not happened yet."""
        with self._cond:
            return sum(f.times for f in self._faults if method is None or f.method == method)

    def rate_limit(
        self, method: str, per_second: float = 1.0, burst: int = 3, key: str | None = "channel"
    ) -> None:
        """Token bucket per value of param ``key`` (``key=None``: one bucket for every call).

        ``key="token"``: one bucket per bot token (the Authorization bearer), that is per
        workspace, as Slack's per-workspace limits are."""
        if per_second <= 0 or burst < 1:
            raise ValueError("per_second must be > 0 and burst >= 1")
        with self._cond:
            self._limits[method] = _Limit(per_second, burst, key)

    def random_faults(
        self, method: str, rate: float = 0.05, statuses: Iterable[int] = (429, 500, 503), seed: int = 1
    ) -> None:
        """Fail a seeded-random fraction ``rate`` of calls to ``method`` with one of ``statuses``."""
        with self._cond:
            self._random[method] = _RandomFaults(rate, tuple(statuses), random.Random(seed))

    def _take_fault(self, method: str, params: dict[str, Any]) -> _Fault | None:
        with self._cond:
            for i, f in enumerate(self._faults):
                if f.matches(method, params):
                    f.times -= 1
                    if f.times <= 0:
                        del self._faults[i]
                    return f
            rnd = self._random.get(method)
            if rnd is not None and rnd.rng.random() < rnd.rate:
                return _Fault(method, rnd.rng.choice(rnd.statuses), None, 1, 0.0, 1, None)
        return None

    def _fault_answer(self, f: _Fault) -> _Answer:
        if f.status == 429:
            return _Answer(429, _err("ratelimited"), [("Retry-After", str(int(f.retry_after or 1)))])
        if f.status != 200:
            if f.error:
                return _Answer(f.status, _err(f.error))
            # Slack's edge answers 5xx with a non-JSON page; the client must cope with that.
            phrase = HTTPStatus(f.status).phrase if f.status in HTTPStatus._value2member_map_ else "Error"
            return _Answer(
                f.status,
                {"ok": False, "error": f"http_{f.status}"},
                raw=f"{f.status} {phrase}".encode(),
                content_type="text/plain; charset=utf-8",
            )
        return _Answer(200, _err(f.error or "fatal_error"))

    def _apply_fault(self, method: str, params: dict[str, Any]) -> _Answer | None:
        f = self._take_fault(method, params)
        if f is None:
            return None
        if f.delay > 0:
            self._stopping.wait(f.delay)  # wakes early on stop()
        if f.status == 200 and f.error is None:
            if not f.store:
                return self._fault_answer(replace(f, status=503))  # lost: nothing carried out
            return None  # delay-only fault: now answer normally
        return self._fault_answer(f)

    def _wait_latency(self, method: str) -> None:
        if method in self.latency_exempt:
            return
        latency = self.latency
        seconds = latency.get(method, latency.get("*", 0.0)) if isinstance(latency, dict) else latency
        if seconds > 0:
            self._stopping.wait(seconds)  # wakes early on stop()

    def _needed_scope(self, method: str, params: dict[str, Any]) -> str | None:
        """The scope `method` needs for these params, or None when it needs none."""
        if method in _METHOD_SCOPES:
            return _METHOD_SCOPES[method]
        if method == "conversations.open":
            users = [u for u in str(params.get("users") or "").split(",") if u]
            return "mpim:write" if len(users) > 1 else "im:write"
        if method in _CONVERSATION_SCOPES:
            cid = params.get("channel")
            if not isinstance(cid, str) or not cid:
                return None  # channel_not_found comes first
            private = self.channels.get(cid, {}).get("is_private", cid[0] == "G")
            kind = "im" if cid[0] == "D" else "groups" if private else "channels"
            return f"{kind}:{_CONVERSATION_SCOPES[method]}"
        return None

    def _check_scope(self, method: str, params: dict[str, Any]) -> _Answer | None:
        needed = self._needed_scope(method, params)
        if needed is None or needed in self.scopes:
            return None
        body = _err("missing_scope")
        body.update(needed=needed, provided=",".join(sorted(self.scopes)))
        return _Answer(200, body)

    @staticmethod
    def _bucket_key(key: str | None, params: dict[str, Any], token: str | None) -> str:
        if key == TOKEN_KEY:
            return token or ""
        return str(params.get(key, "")) if key else "*"

    def _check_rate(self, method: str, params: dict[str, Any], token: str | None = None) -> _Answer | None:
        with self._cond:
            lim = self._limits.get(method)
            if lim is None:
                return None
            key = self._bucket_key(lim.key, params, token)
            now = time.monotonic()
            tokens, last = lim.buckets.get(key, (float(lim.burst), now))
            tokens = min(float(lim.burst), tokens + (now - last) * lim.per_second)
            if tokens >= 1.0:
                lim.buckets[key] = (tokens - 1.0, now)
                return None
            lim.buckets[key] = (tokens, now)
            # Slack's Retry-After is whole seconds and never 0.
            retry = max(1, math.ceil((1.0 - tokens) / lim.per_second))
            return _Answer(429, _err("ratelimited"), [("Retry-After", str(retry))])

    def _check_trigger(self, p: dict[str, Any]) -> dict[str, Any] | None:
        trigger = p.get("trigger_id") or p.get("interactivity_pointer")
        if not trigger:
            return _err("invalid_arguments", "[ERROR] missing required field: trigger_id")
        if trigger in self.expired_triggers:
            return _err("expired_trigger_id")
        issued = _TRIGGER.fullmatch(str(trigger))
        arrived = getattr(self._arrival, "at", None)
        # In whole milliseconds, as the id carries them.
        if issued and arrived is not None and int(arrived * 1000) - int(issued.group(1)) > TRIGGER_TTL * 1000:
            return _err("expired_trigger_id")
        return None

    def _use_hook(self, tag: str) -> _Answer | None:
        """Count one use of a response_url; Slack's refusal once it is spent or too old."""
        with self._cond:
            now = self.now()
            hook = self._hooks.setdefault(tag, [now, 0])  # a hand-made URL counts from its first use
            # Slack documents the limits (5 uses, 30 minutes) but not the answer: these bodies are
            # what developers report (HTTP 404 "used_url" / "expired_url").
            if now - hook[0] > RESPONSE_URL_TTL:
                error = "expired_url"
            elif hook[1] >= RESPONSE_URL_USES:
                error = "used_url"
            else:
                hook[1] += 1
                return None
        return _Answer(404, _err(error), raw=error.encode(), content_type="text/plain")
