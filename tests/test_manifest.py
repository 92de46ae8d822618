"""The Slack app manifest declares what the code relies on, and no more."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_manifest_declares_the_commands_events_and_scopes() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))
    commands = {c["command"]: c for c in manifest["features"]["slash_commands"]}
    assert set(commands) == {"/incheckning", "/guldlanken", "/chefsnatverket"}
    assert all(c["should_escape"] is True and c["url"].endswith("/slack/events") for c in commands.values())
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"] is True
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "message.im",
        "app_uninstalled",
        "tokens_revoked",
    }
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True

    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    code = "\n".join(
        p.read_text(encoding="utf-8") for d in ("bot", "handlers") for p in (ROOT / d).glob("*.py")
    )
    used = set(re.findall(r"client\.(\w+)\(", code))
    needs = {
        "chat_postMessage": "chat:write",
        "chat_update": "chat:write",
        "users_info": "users:read",
        "conversations_info": "channels:read",
        "conversations_open": "im:write",
        "conversations_history": "im:history",
        "files_upload_v2": "files:write",
    }
    for method in used & set(needs):
        assert needs[method] in scopes, method
    assert "commands" in scopes
