"""Tests of the Slack stand-in, the signing helpers and the WSGI client themselves.

All API traffic goes through the real slack_sdk WebClient over loopback HTTP.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

from tests.support import signing
from tests.support.slack_standin import RESPONSE_URL, UPLOAD, SlackStandIn
from tests.support.wsgi_client import WSGIClient

SECRET = "test-signing-secret"


@pytest.fixture(scope="module")
def server() -> Iterator[SlackStandIn]:
    with SlackStandIn() as s:
        yield s


@pytest.fixture
def standin(server: SlackStandIn) -> SlackStandIn:
    server.reset()  # one server per module, clean state per test: keeps the suite fast
    return server


@pytest.fixture
def client(standin: SlackStandIn) -> WebClient:
    return WebClient(token="xoxb-test", base_url=standin.url)


def _blocks(n: int) -> list[dict[str, Any]]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": f"line {i}"}} for i in range(n)]


def _modal(title: str = "Request leave", **extra: Any) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": "leave",
        "title": {"type": "plain_text", "text": title},
        "blocks": _blocks(1),
        **extra,
    }


# --------------------------------------------------------------------------- basics


def test_url_shape(standin: SlackStandIn) -> None:
    assert standin.url.startswith("http://127.0.0.1:") and standin.url.endswith("/api/")


def test_post_message_records_decoded_blocks(standin: SlackStandIn, client: WebClient) -> None:
    blocks = _blocks(2)
    resp = client.chat_postMessage(channel="C0ADMIN", text="hello", blocks=blocks)
    assert resp["ok"] and resp["channel"] == "C0ADMIN"
    assert resp["message"]["blocks"] == blocks and resp["message"]["bot_id"]
    [call] = standin.messages_to("C0ADMIN")
    assert call.params["blocks"] == blocks and call.params["text"] == "hello"
    assert call.token == "xoxb-test" and call.status == 200 and call.ok
    assert call.headers["authorization"] == "Bearer xoxb-test"

    # Form-encoded bodies carry blocks as a JSON string; they are decoded too.
    client.api_call("chat.postMessage", params={"channel": "C0ADMIN", "blocks": json.dumps(blocks)})
    assert standin.calls_to("chat.postMessage")[-1].params["blocks"] == blocks


def test_ts_unique_and_increasing(client: WebClient) -> None:
    stamps = [client.chat_postMessage(channel="C0ADMIN", text=str(i))["ts"] for i in range(3)]
    assert stamps == sorted(stamps, key=float) and len(set(stamps)) == 3
    assert all(len(ts.split(".")[1]) == 6 for ts in stamps)


def test_dm_channel_is_stable_per_user(standin: SlackStandIn, client: WebClient) -> None:
    first = client.chat_postMessage(channel="U0ANNA", text="a")["channel"]
    second = client.chat_postMessage(channel="U0ANNA", text="b")["channel"]
    other = client.chat_postMessage(channel="U0BEN", text="c")["channel"]
    assert first == second and first.startswith("D") and other != first
    assert client.conversations_open(users="U0ANNA")["channel"]["id"] == first
    assert len(standin.messages_to("U0ANNA")) == 2 and len(standin.messages_to(first)) == 2
    # Like Slack, chat.update needs the DM id, not the user id.
    with pytest.raises(SlackApiError) as exc:
        client.chat_update(channel="U0ANNA", ts="1.0", text="x")
    assert exc.value.response["error"] == "channel_not_found"
    assert client.chat_update(channel=first, ts="1.0", text="x")["ok"]


def test_auth_errors_and_unknown_method(standin: SlackStandIn) -> None:
    with pytest.raises(SlackApiError) as exc:
        WebClient(base_url=standin.url).auth_test()
    assert exc.value.response["error"] == "not_authed"
    with pytest.raises(SlackApiError) as exc:
        WebClient(token="xoxp-user", base_url=standin.url).auth_test()
    assert exc.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as exc:
        WebClient(token="xoxb-test", base_url=standin.url).api_call("reactions.explode")
    assert exc.value.response["error"] == "unknown_method"
    auth = WebClient(token="xoxb-test", base_url=standin.url).auth_test()
    assert auth["user_id"] and auth["bot_id"] and auth["team_id"] == "T0001"


# --------------------------------------------------------------------------- validation


@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
@pytest.mark.parametrize(
    "kwargs,error",
    [
        ({"text": "t", "blocks": _blocks(51)}, "invalid_blocks"),
        (
            {"text": "t", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]},
            "invalid_blocks",
        ),
        (
            {"text": "t", "blocks": [{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}]},
            "invalid_blocks",
        ),
        ({"text": "t", "blocks": [{"type": "fancy"}]}, "invalid_blocks"),
        ({}, "no_text"),
        ({"text": "x" * 40_001}, "msg_too_long"),
    ],
)
def test_message_validation(client: WebClient, kwargs: dict[str, Any], error: str) -> None:
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", **kwargs)
    assert exc.value.response["error"] == error
    if error == "invalid_blocks":
        assert exc.value.response["response_metadata"]["messages"]


def test_limits_that_are_allowed(client: WebClient) -> None:
    assert client.chat_postMessage(channel="C0ADMIN", blocks=_blocks(50), text="t")["ok"]
    long_section = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3000}}]
    assert client.chat_postMessage(channel="C0ADMIN", blocks=long_section, text="t")["ok"]


def test_views(standin: SlackStandIn, client: WebClient) -> None:
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id="t.1", view=_modal("x" * 25))
    assert exc.value.response["error"] == "invalid_arguments"
    assert "title" in " ".join(exc.value.response["response_metadata"]["messages"])

    with pytest.raises(SlackApiError) as exc:
        client.api_call("views.open", json={"view": _modal()})
    assert exc.value.response["error"] == "invalid_arguments"

    standin.expired_triggers.add("t.old")
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id="t.old", view=_modal())
    assert exc.value.response["error"] == "expired_trigger_id"

    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id="t.1", view={**_modal(), "blocks": _blocks(101)})
    assert exc.value.response["error"] == "invalid_arguments"

    opened = client.views_open(trigger_id="t.1", view=_modal("x" * 24, private_metadata="42"))
    view = opened["view"]
    assert view["id"].startswith("V") and view["private_metadata"] == "42"
    updated = client.views_update(view_id=view["id"], view=_modal("Done"), hash=view["hash"])
    assert updated["view"]["id"] == view["id"] and updated["view"]["title"]["text"] == "Done"
    home = client.views_publish(user_id="U0ANNA", view={"type": "home", "blocks": _blocks(2)})
    assert home["view"]["id"].startswith("V")
    assert standin.calls_to("views.open")[-1].params["view"]["private_metadata"] == "42"


# --------------------------------------------------------------------------- users & channels


def test_user_and_channel_errors(standin: SlackStandIn, client: WebClient) -> None:
    standin.unknown_users.add("U0GHOST")
    standin.inactive_users.add("U0BEN")
    standin.not_in_channels.add("C0PRIVATE")
    standin.unknown_channels.add("C0GONE")
    for channel, error in [
        ("U0GHOST", "channel_not_found"),
        ("U0BEN", "account_inactive"),
        ("C0PRIVATE", "not_in_channel"),
        ("C0GONE", "channel_not_found"),
    ]:
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel=channel, text="hi")
        assert exc.value.response["error"] == error, channel
    with pytest.raises(SlackApiError) as exc:
        client.users_info(user="U0GHOST")
    assert exc.value.response["error"] == "user_not_found"
    assert standin.messages_to("U0GHOST") == []
    assert [c.error for c in standin.calls_to("chat.postMessage")] == [
        "channel_not_found",
        "account_inactive",
        "not_in_channel",
        "channel_not_found",
    ]


def test_users_info(standin: SlackStandIn, client: WebClient) -> None:
    user = client.users_info(user="U0ANNA")["user"]
    assert user["real_name"] == "Anna Admin" and user["tz"] == "Europe/Berlin"
    assert user["profile"]["display_name"] == "anna" and isinstance(user["tz_offset"], int)
    standin.add_user("U0DAVE", "Dave Diaz", tz="UTC", display_name="dd")
    assert client.users_info(user="U0DAVE")["user"]["profile"]["display_name"] == "dd"
    standin.reset()
    with pytest.raises(SlackApiError):
        client.users_info(user="U0DAVE")


# --------------------------------------------------------------------------- faults


def test_429_retry_after_with_retry_handler(standin: SlackStandIn) -> None:
    client = WebClient(
        token="xoxb-test",
        base_url=standin.url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )
    standin.fail("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    assert client.chat_postMessage(channel="C0ADMIN", text="hi")["ok"]
    calls = standin.calls_to("chat.postMessage")
    assert [c.status for c in calls] == [429, 200]
    assert calls[1].at - calls[0].at >= 1.0 and time.monotonic() - started >= 1.0
    assert calls[0].response["error"] == "ratelimited"
    assert len(standin.messages_to("C0ADMIN")) == 1 and standin.faults_pending() == 0


def test_429_without_retry_handler_exposes_header(standin: SlackStandIn, client: WebClient) -> None:
    client.retry_handlers.clear()  # the default ConnectionErrorRetryHandler ignores 429 anyway
    standin.fail("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", text="hi")
    assert exc.value.response.status_code == 429
    assert exc.value.response.headers["Retry-After"] == "7"


def test_500_fault_is_consumed(standin: SlackStandIn, client: WebClient) -> None:
    standin.fail("chat.postMessage", status=500)
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", text="hi")
    assert exc.value.response.status_code == 500
    assert client.chat_postMessage(channel="C0ADMIN", text="hi")["ok"]
    assert [c.status for c in standin.calls_to("chat.postMessage")] == [500, 200]


def test_error_fault_with_predicate(standin: SlackStandIn, client: WebClient) -> None:
    standin.fail("chat.postMessage", error="fatal_error", times=2, when=lambda p: p.get("channel") == "U0BEN")
    assert client.chat_postMessage(channel="U0ANNA", text="a")["ok"]
    for _ in range(2):
        with pytest.raises(SlackApiError) as exc:
            client.chat_postMessage(channel="U0BEN", text="b")
        assert exc.value.response["error"] == "fatal_error"
    assert client.chat_postMessage(channel="U0BEN", text="b")["ok"]


def test_delay_fault_times_out_but_still_posts(standin: SlackStandIn) -> None:
    slow_client = WebClient(token="xoxb-test", base_url=standin.url, timeout=0.2)  # type: ignore[arg-type]
    slow_client.retry_handlers.clear()
    standin.fail("chat.postMessage", delay=0.5)
    with pytest.raises(OSError):  # socket time-out (TimeoutError / URLError)
        slow_client.chat_postMessage(channel="C0ADMIN", text="slow")
    # Like real Slack, the message lands even though the client gave up.
    [call] = standin.wait_for("chat.postMessage", timeout=2)
    assert call.ok


def test_delay_fault_that_does_not_store_posts_nothing(standin: SlackStandIn) -> None:
    slow_client = WebClient(token="xoxb-test", base_url=standin.url, timeout=0.2)  # type: ignore[arg-type]
    slow_client.retry_handlers.clear()
    standin.fail("chat.postMessage", delay=0.5, store=False)
    with pytest.raises(OSError):
        slow_client.chat_postMessage(channel="C0ADMIN", text="lost")
    [call] = standin.wait_for("chat.postMessage", timeout=2)
    assert not call.ok and call.status == 503
    assert standin.messages == {} and standin.messages_to("C0ADMIN") == []


def test_history_is_newest_first_with_metadata_only_on_request(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.ts_clock = lambda: 1_800_000_000.0  # ts follow a clock; still unique and increasing
    meta = {"event_type": "delivery", "event_payload": {"delivery_id": 7, "part": 1}}
    first = client.chat_postMessage(channel="U0BEN", text="a", metadata=meta)
    second = client.chat_postMessage(channel="U0BEN", text="b")
    client.chat_postMessage(channel="U0BEN", text="reply", thread_ts=first["ts"])
    client.chat_postMessage(channel="C0ADMIN", text="elsewhere")
    assert first["ts"] == "1800000000.000000" and float(second["ts"]) > float(first["ts"])
    dm = client.conversations_open(users="U0BEN")["channel"]["id"]
    plain = client.conversations_history(channel=dm)
    assert [m["text"] for m in plain["messages"]] == ["b", "a"]  # no thread replies
    assert plain["has_more"] is False and "metadata" not in plain["messages"][1]
    full = client.conversations_history(channel=dm, include_all_metadata=True)
    assert full["messages"][1]["metadata"] == meta
    assert standin.messages[(dm, first["ts"])]["metadata"] == meta  # stored with the message
    # oldest/latest are exclusive unless inclusive is set.
    assert [m["text"] for m in client.conversations_history(channel=dm, oldest=first["ts"])["messages"]] == [
        "b"
    ]
    both = client.conversations_history(channel=dm, oldest=first["ts"], latest=second["ts"], inclusive=True)
    assert [m["text"] for m in both["messages"]] == ["b", "a"]


def test_history_pages_and_errors(standin: SlackStandIn, client: WebClient) -> None:
    for n in range(3):
        client.chat_postMessage(channel="C0ADMIN", text=f"m{n}")
    page = client.conversations_history(channel="C0ADMIN", limit=2)
    assert [m["text"] for m in page["messages"]] == ["m2", "m1"] and page["has_more"] is True
    cursor = page["response_metadata"]["next_cursor"]
    rest = client.conversations_history(channel="C0ADMIN", limit=2, cursor=cursor)
    assert [m["text"] for m in rest["messages"]] == ["m0"] and rest["has_more"] is False
    assert client.conversations_history(channel="C0EMPTY")["messages"] == []
    for channel in ("U0BEN", "C0GONE"):
        standin.unknown_channels.add("C0GONE")
        with pytest.raises(SlackApiError) as exc:
            client.conversations_history(channel=channel)
        assert exc.value.response["error"] == "channel_not_found"


def test_post_with_malformed_metadata_is_refused(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", text="x", metadata={"event_payload": {}})
    assert exc.value.response["error"] == "invalid_metadata_format"


def test_rate_limit_per_channel(standin: SlackStandIn, client: WebClient) -> None:
    standin.rate_limit("chat.postMessage", per_second=1.0, burst=2, key="channel")
    results = []
    for _ in range(3):
        try:
            results.append(client.chat_postMessage(channel="C0ADMIN", text="x")["ok"])
        except SlackApiError as e:
            results.append(e.response.status_code)
            assert int(e.response.headers["Retry-After"]) >= 1
    assert results == [True, True, 429]
    assert client.chat_postMessage(channel="C0GENERAL", text="x")["ok"]  # separate bucket


def test_random_faults_are_seeded(standin: SlackStandIn, client: WebClient) -> None:
    client.retry_handlers.clear()

    def run() -> list[int]:
        standin.reset()
        standin.random_faults("auth.test", rate=0.5, statuses=(500, 503), seed=7)
        for _ in range(20):
            with contextlib.suppress(SlackApiError):
                client.auth_test()
        return [c.status for c in standin.calls_to("auth.test")]

    first = run()
    assert first == run() and {500, 503} & set(first) and 200 in first


def test_count_and_duplicates(standin: SlackStandIn, client: WebClient) -> None:
    for text in ("a", "b", "a"):
        client.chat_postMessage(channel="U0ANNA", text=text)
    client.chat_postMessage(channel="C0ADMIN", text="a")
    assert standin.count("chat.postMessage") == 4 and standin.count("views.open") == 0
    dm = standin.dm_channel_for("U0ANNA")
    assert standin.duplicate_messages() == [(dm, "text:a")]


# --------------------------------------------------------------------------- waiting


def test_wait_for_times_out(standin: SlackStandIn, client: WebClient) -> None:
    client.auth_test()
    with pytest.raises(AssertionError, match=r"auth\.test"):
        standin.wait_for("chat.postMessage", timeout=0.1)


def test_wait_for_wakes_on_background_call(standin: SlackStandIn, client: WebClient) -> None:
    worker = threading.Thread(
        target=lambda: [client.chat_postMessage(channel="C0ADMIN", text=str(i)) for i in range(3)]
    )
    worker.start()
    calls = standin.wait_for("chat.postMessage", count=2, predicate=lambda c: c.params["text"] != "0")
    worker.join()
    assert [c.params["text"] for c in calls] == ["1", "2"]


# --------------------------------------------------------------------------- files & hooks


def test_files_upload_v2(standin: SlackStandIn, client: WebClient) -> None:
    content = "name,days\nanna,3\n"
    resp = client.files_upload_v2(
        channel="C0ADMIN", content=content, filename="report.csv", initial_comment="Here you go"
    )
    file_id = resp["file"]["id"]
    assert standin.uploads[file_id] == content.encode()
    [complete] = standin.calls_to("files.completeUploadExternal")
    assert complete.params["channel_id"] == "C0ADMIN"
    assert complete.params["initial_comment"] == "Here you go"
    assert complete.params["files"][0]["id"] == file_id
    assert standin.calls_to(UPLOAD)[0].params["size"] == len(content)
    assert standin.files[file_id]["content"] == content.encode()


def test_upload_url_accepts_multipart(standin: SlackStandIn, client: WebClient) -> None:
    got = client.files_getUploadURLExternal(filename="a.bin", length=4)
    boundary = "XyZ"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="filename"\r\n\r\na.bin\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + b"\x00\r\n\xff"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    port = int(got["upload_url"].split(":")[2].split("/")[0])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request(
        "POST",
        got["upload_url"].split(str(port), 1)[1],
        body=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    resp = conn.getresponse()
    assert resp.status == 200 and resp.read() == b"OK - 4"
    conn.close()
    assert standin.uploads[got["file_id"]] == b"\x00\r\n\xff"


def test_response_url(standin: SlackStandIn) -> None:
    hook = WebhookClient(standin.response_url("cmd1"))
    assert hook.send(text="done", replace_original=True).status_code == 200
    assert hook.send(blocks=_blocks(51)).status_code == 400
    calls = standin.calls_to(RESPONSE_URL)
    assert calls[0].params == {"text": "done", "replace_original": True} and calls[0].path == "/hooks/cmd1"
    assert calls[1].error == "invalid_blocks"


def test_keep_alive_and_close(standin: SlackStandIn) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", standin.port, timeout=5)
    for _ in range(2):  # two requests on one persistent connection
        conn.request("POST", "/api/auth.test", body="", headers={"Authorization": "Bearer xoxb-1"})
        resp = conn.getresponse()
        assert resp.status == 200 and json.loads(resp.read())["ok"] is True
    conn.request(
        "POST", "/api/auth.test", body="", headers={"Authorization": "Bearer xoxb-1", "Connection": "close"}
    )
    resp = conn.getresponse()
    assert resp.getheader("Connection") == "close" and json.loads(resp.read())["ok"] is True
    conn.close()
    assert standin.count("auth.test") == 3


# --------------------------------------------------------------------------- signing + WSGI via Bolt


@pytest.fixture
def bolt(standin: SlackStandIn) -> Iterator[tuple[Any, WSGIClient]]:
    """A Bolt app behind the WSGI adapter: Bolt verifies every signature we build."""
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    app = App(
        signing_secret=SECRET,
        client=WebClient(token="xoxb-test", base_url=standin.url),
        process_before_response=True,
    )
    yield app, WSGIClient(SlackRequestHandler(app), validate=True)


def test_signed_slash_command(standin: SlackStandIn, bolt: tuple[Any, WSGIClient]) -> None:
    app, web = bolt
    seen: dict[str, Any] = {}

    @app.command("/leave")
    def handle(ack: Any, command: dict[str, Any], say: Any) -> None:
        ack("ok")
        seen.update(command)
        say(f"got {command['text']}")

    resp = web.post("/slack/events", *signing.slash_command(SECRET, "/leave", "3 days", "U0ANNA"))
    assert resp.status == 200 and resp.text == "ok"
    assert seen["user_id"] == "U0ANNA" and seen["text"] == "3 days" and seen["trigger_id"]
    assert standin.messages_to("C0ADMIN")[0].params["text"] == "got 3 days"


def test_bad_or_stale_signature_is_rejected(bolt: tuple[Any, WSGIClient]) -> None:
    _, web = bolt
    body, headers = signing.slash_command("wrong-secret", "/leave", "x", "U0ANNA")
    assert web.post("/slack/events", body, headers).status == 401
    stale = signing.slash_command(SECRET, "/leave", "x", "U0ANNA", timestamp=int(time.time()) - 600)
    assert web.post("/slack/events", *stale).status == 401


def test_signed_view_submission_and_block_actions(bolt: tuple[Any, WSGIClient]) -> None:
    app, web = bolt
    seen: dict[str, Any] = {}

    @app.view("leave")
    def on_submit(ack: Any, view: dict[str, Any], body: dict[str, Any]) -> None:
        ack(response_action="errors", errors={"days": "too many"})
        seen["values"] = view["state"]["values"]
        seen["meta"] = view["private_metadata"]
        seen["user"] = body["user"]["id"]

    @app.action("approve")
    def on_click(ack: Any, action: dict[str, Any], body: dict[str, Any]) -> None:
        ack()
        seen["value"] = action["value"]
        seen["container"] = body["container"]["type"]

    resp = web.post(
        "/slack/events",
        *signing.view_submission(
            SECRET,
            "U0ANNA",
            "leave",
            {"days": {"days_input": "3"}, "kind": {"kind_select": signing.static_select("vacation")}},
            private_metadata="req-1",
        ),
    )
    assert resp.status == 200 and resp.json()["response_action"] == "errors"
    assert seen["values"]["days"]["days_input"]["value"] == "3"
    assert seen["values"]["kind"]["kind_select"]["selected_option"]["value"] == "vacation"
    assert seen["meta"] == "req-1" and seen["user"] == "U0ANNA"

    assert (
        web.post("/slack/events", *signing.block_actions(SECRET, "U0BEN", "approve", value="req-1")).status
        == 200
    )
    assert seen["value"] == "req-1" and seen["container"] == "message"
    view_click = signing.block_actions(
        SECRET, "U0BEN", "approve", value="v", view={"id": "V9", "callback_id": "x"}
    )
    assert web.post("/slack/events", *view_click).status == 200 and seen["container"] == "view"


def test_signed_events(standin: SlackStandIn, bolt: tuple[Any, WSGIClient]) -> None:
    app, web = bolt

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], say: Any) -> None:
        say(f"hi <@{event['user']}>")

    resp = web.post("/slack/events", *signing.url_verification(SECRET, "chal-123"))
    assert resp.status == 200 and resp.json()["challenge"] == "chal-123"
    event = {
        "type": "app_mention",
        "user": "U0ANNA",
        "text": "<@U0BOT> hi",
        "channel": "C0GENERAL",
        "ts": "1700000000.000001",
    }
    assert web.post("/slack/events", *signing.event_callback(SECRET, event)).status == 200
    assert standin.messages_to("C0GENERAL")[0].params["text"] == "hi <@U0ANNA>"
    assert web.get("/nowhere").status == 404


# --------------------------------------------------------------------------- as strict as Slack


def _input(element: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"type": "input", "label": {"type": "plain_text", "text": "Svar"}, "element": element, **extra}


def _plain(text: str) -> dict[str, str]:
    return {"type": "plain_text", "text": text}


def _options(n: int, length: int = 5) -> list[dict[str, Any]]:
    return [{"text": _plain(f"{i:0{length}d}"[-length:]), "value": str(i)} for i in range(n)]


def _confirm(text_len: int) -> dict[str, Any]:
    return {
        "title": _plain("Säker?"),
        "text": {"type": "mrkdwn", "text": "x" * text_len},
        "confirm": _plain("Ja"),
        "deny": _plain("Nej"),
    }


# (what, allowed block, refused block): each pair sits on either side of one of Slack's limits.
_AT_THE_LIMIT = [
    (
        "plain_text_input max_length 3000",
        _input({"type": "plain_text_input", "action_id": "a", "max_length": 3000}),
        _input({"type": "plain_text_input", "action_id": "a", "max_length": 3001}),
    ),
    (
        "radio option text 75",
        _input({"type": "radio_buttons", "action_id": "a", "options": _options(2, 75)}),
        _input({"type": "radio_buttons", "action_id": "a", "options": _options(2, 76)}),
    ),
    (
        "10 radio options",
        _input({"type": "radio_buttons", "action_id": "a", "options": _options(10)}),
        _input({"type": "radio_buttons", "action_id": "a", "options": _options(11)}),
    ),
    (
        "checkbox option text 75",
        _input({"type": "checkboxes", "action_id": "a", "options": _options(3, 75)}),
        _input({"type": "checkboxes", "action_id": "a", "options": _options(3, 76)}),
    ),
    (
        "static_select option text 75",
        _input({"type": "static_select", "action_id": "a", "options": _options(3, 75)}),
        _input({"type": "static_select", "action_id": "a", "options": _options(3, 76)}),
    ),
    (
        "input hint 2000",
        _input({"type": "plain_text_input", "action_id": "a"}, hint=_plain("h" * 2000)),
        _input({"type": "plain_text_input", "action_id": "a"}, hint=_plain("h" * 2001)),
    ),
    (
        "a button is no input element",
        _input({"type": "plain_text_input", "action_id": "a"}),
        _input({"type": "button", "action_id": "a", "text": _plain("Klicka")}),
    ),
    (
        "placeholder 150",
        _input({"type": "plain_text_input", "action_id": "a", "placeholder": _plain("p" * 150)}),
        _input({"type": "plain_text_input", "action_id": "a", "placeholder": _plain("p" * 151)}),
    ),
    (
        "initial_date YYYY-MM-DD",
        _input({"type": "datepicker", "action_id": "a", "initial_date": "2027-03-11"}),
        _input({"type": "datepicker", "action_id": "a", "initial_date": "11/03/2027"}),
    ),
    (
        "initial_date a real day",
        _input({"type": "datepicker", "action_id": "a", "initial_date": "2028-02-29"}),
        _input({"type": "datepicker", "action_id": "a", "initial_date": "2027-02-29"}),
    ),
    (
        "confirm dialog text 300",
        {
            "type": "actions",
            "elements": [{"type": "button", "text": _plain("Ta bort"), "confirm": _confirm(300)}],
        },
        {
            "type": "actions",
            "elements": [{"type": "button", "text": _plain("Ta bort"), "confirm": _confirm(301)}],
        },
    ),
    (
        "context element 2000",
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c" * 2000}]},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c" * 2001}]},
    ),
]


@pytest.mark.parametrize("what,allowed,refused", _AT_THE_LIMIT, ids=[c[0] for c in _AT_THE_LIMIT])
def test_block_kit_limits_in_a_modal(
    client: WebClient, what: str, allowed: dict[str, Any], refused: dict[str, Any]
) -> None:
    view = {**_modal(), "submit": _plain("Spara")}
    assert client.views_open(trigger_id="t.1", view={**view, "blocks": [allowed]})["ok"]
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id="t.1", view={**view, "blocks": [refused]})
    assert exc.value.response["error"] == "invalid_arguments"
    messages = exc.value.response["response_metadata"]["messages"]
    assert messages and all(
        m.startswith("[ERROR] ") and "[json-pointer:/view/blocks/0/" in m for m in messages
    )


@pytest.mark.parametrize("what,allowed,refused", _AT_THE_LIMIT, ids=[c[0] for c in _AT_THE_LIMIT])
def test_block_kit_limits_in_a_message(
    client: WebClient, what: str, allowed: dict[str, Any], refused: dict[str, Any]
) -> None:
    assert client.chat_postMessage(channel="C0ADMIN", text="t", blocks=[allowed])["ok"]
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", text="t", blocks=[refused])
    assert exc.value.response["error"] == "invalid_blocks"
    assert "[json-pointer:/blocks/0/" in exc.value.response["response_metadata"]["messages"][0]


def test_block_text_over_12000_characters_is_too_long(standin: SlackStandIn, client: WebClient) -> None:
    full = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3000}} for _ in range(4)]
    assert client.chat_postMessage(channel="C0ADMIN", text="t", blocks=full)["ok"]
    over = [*full, {"type": "context", "elements": [{"type": "mrkdwn", "text": "y"}]}]
    for send in (
        lambda: client.chat_postMessage(channel="C0ADMIN", text="t", blocks=over),
        lambda: client.chat_update(channel="C0ADMIN", ts="1700000000.000100", text="t", blocks=over),
        lambda: client.chat_postEphemeral(channel="C0ADMIN", user="U0ANNA", text="t", blocks=over),
    ):
        with pytest.raises(SlackApiError) as exc:
            send()
        assert exc.value.response["error"] == "msg_blocks_too_long"
    hook = WebhookClient(standin.response_url())
    refused = hook.send(text="t", blocks=over)
    assert refused.status_code == 400 and refused.body == "msg_blocks_too_long"
    # 49 sections of 3,000 characters: each block is fine, the message is not.
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", text="t", blocks=full * 12 + full[:1])
    assert exc.value.response["error"] == "msg_blocks_too_long"


def test_trigger_id_expires_3_seconds_after_it_was_issued(standin: SlackStandIn, client: WebClient) -> None:
    now = time.time()
    standin.clock = lambda: now  # frozen: only advance() moves it
    fresh = standin.trigger_id()
    assert client.views_open(trigger_id=fresh, view=_modal())["ok"]
    standin.advance(3.0)
    assert client.views_open(trigger_id=fresh, view=_modal())["ok"]  # exactly 3 s: still good
    standin.advance(0.01)
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id=fresh, view=_modal())
    assert exc.value.response["error"] == "expired_trigger_id"
    with pytest.raises(SlackApiError) as exc:
        client.views_push(trigger_id=fresh, view=_modal())
    assert exc.value.response["error"] == "expired_trigger_id"


def test_trigger_ids_from_signed_requests_age_on_the_standin_clock(standin: SlackStandIn) -> None:
    body, _ = signing.slash_command(SECRET, "/x", "", "U0ANNA")
    trigger = dict(p.split("=", 1) for p in body.split("&"))["trigger_id"]
    client = WebClient(token="xoxb-test", base_url=standin.url)
    now = time.time()
    standin.clock = lambda: now + 2.9  # frozen, 2.9 s after the request was signed
    assert client.views_open(trigger_id=trigger, view=_modal())["ok"]
    standin.clock = lambda: now + 4.0
    with pytest.raises(SlackApiError) as exc:
        client.views_open(trigger_id=trigger, view=_modal())
    assert exc.value.response["error"] == "expired_trigger_id"
    # Slow answers do not age a trigger: it is judged when the call arrives.
    standin.clock = time.time
    standin.latency = {"views.open": 0.2}
    started = time.monotonic()
    assert client.views_open(trigger_id=standin.trigger_id(), view=_modal())["ok"]
    assert time.monotonic() - started >= 0.2


def test_latency_applies_to_all_or_one_method(standin: SlackStandIn, client: WebClient) -> None:
    standin.latency = 0.15
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started >= 0.15
    standin.latency = {"users.info": 0.15}
    started = time.monotonic()
    client.auth_test()
    assert time.monotonic() - started < 0.15
    standin.reset()
    assert standin.latency == 0.0


def test_response_url_takes_5_posts_within_30_minutes(standin: SlackStandIn) -> None:
    now = time.time()
    standin.clock = lambda: now
    url = standin.response_url()
    hook = WebhookClient(url)
    assert [hook.send(text=f"{n}").status_code for n in range(5)] == [200] * 5
    spent = hook.send(text="6")
    assert spent.status_code == 404 and spent.body == "used_url"
    assert standin.calls_to(RESPONSE_URL)[-1].error == "used_url"

    assert standin.response_url() != url  # each request gets its own
    late = WebhookClient(standin.response_url())
    assert late.send(text="1").status_code == 200
    standin.advance(30 * 60)
    assert late.send(text="2").status_code == 200
    standin.advance(1)
    expired = late.send(text="3")
    assert expired.status_code == 404 and expired.body == "expired_url"


def test_missing_scope(standin: SlackStandIn, client: WebClient) -> None:
    assert "chat:write" in standin.scopes  # granted: what manifest.yml asks for
    standin.scopes.discard("chat:write")
    with pytest.raises(SlackApiError) as exc:
        client.chat_postMessage(channel="C0ADMIN", text="t")
    answer = exc.value.response
    assert answer["error"] == "missing_scope" and answer["needed"] == "chat:write"
    assert "commands" in answer["provided"].split(",") and "chat:write" not in answer["provided"]
    # Conversation methods need the scope of the conversation's kind.
    assert client.conversations_info(channel="C0ADMIN")["ok"]
    assert client.conversations_history(channel="G0PRIVATE")["ok"]
    with pytest.raises(SlackApiError) as exc:
        client.conversations_info(channel="D0ANNA")
    assert exc.value.response["error"] == "missing_scope" and exc.value.response["needed"] == "im:read"
    standin.scopes.add("im:read")
    assert client.conversations_info(channel="D0ANNA")["ok"]
    with pytest.raises(SlackApiError) as exc:
        client.conversations_open(users="U0ANNA,U0BEN")
    assert exc.value.response["needed"] == "mpim:write"
