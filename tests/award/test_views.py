"""Guldlänken's Block Kit builders: limits, escaping, splitting (pure, no Slack, no database)."""

from __future__ import annotations

import json

from bot import ids
from bot.award.jury import JuryEntry, JuryGroup
from bot.award.jury_views import build_jury_summary
from bot.award.nominations import MineItem, NominationDraft
from bot.award.views import (
    build_announcement,
    build_info_modal,
    build_my_nominations,
    build_nomination_modal,
    build_reminder,
)
from bot.formatting import MAX_MESSAGE_BLOCKS, MAX_SECTION_TEXT
from tests.support.slack_standin import validate_blocks

DEADLINE = "onsdag 1 september 2027 kl. 23.59"


def _texts(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def _section_texts(messages: list[dict]) -> str:
    out = []
    for message in messages:
        for block in message["blocks"]:
            if block["type"] == "section":
                out.append(block["text"]["text"])
    return "\n".join(out)


def test_new_nomination_modal_is_valid_and_names_the_limits():
    view = build_nomination_modal(year=2027, deadline=DEADLINE, private_metadata='{"round": 1}')
    assert view["callback_id"] == ids.AWARD_MODAL
    assert len(view["title"]["text"]) <= 24
    assert validate_blocks(view["blocks"], max_blocks=100) == []
    by_id = {b.get("block_id"): b for b in view["blocks"]}
    assert by_id[ids.AWARD_BLOCK_NOMINEE_USER]["element"]["type"] == "users_select"
    assert by_id[ids.AWARD_BLOCK_NOMINEE_USER]["optional"] is True
    assert by_id[ids.AWARD_BLOCK_NOMINEE_NAME]["optional"] is True
    motivation = by_id[ids.AWARD_BLOCK_MOTIVATION]
    assert motivation["optional"] is False
    assert motivation["element"]["multiline"] is True
    assert "100" in motivation["hint"]["text"] and "3000" in motivation["hint"]["text"]
    assert "partner" in by_id[ids.AWARD_BLOCK_PARTNER]["label"]["text"].lower()
    assert DEADLINE in _texts(view["blocks"])


def test_edit_modal_is_prefilled_as_written():
    draft = NominationDraft(
        nominee_user_id=None,
        nominee_name="Åsa Öberg",
        nominee_organisation="Region Skåne",
        partner="Team Väst",
        motivation="Text <!channel> & mer",
    )
    view = build_nomination_modal(year=2027, deadline=DEADLINE, private_metadata="{}", draft=draft)
    by_id = {b.get("block_id"): b for b in view["blocks"]}
    assert view["title"]["text"] == "Ändra nominering"
    assert by_id[ids.AWARD_BLOCK_NOMINEE_NAME]["element"]["initial_value"] == "Åsa Öberg"
    assert by_id[ids.AWARD_BLOCK_MOTIVATION]["element"]["initial_value"] == "Text <!channel> & mer"
    assert "initial_user" not in by_id[ids.AWARD_BLOCK_NOMINEE_USER]["element"]
    with_user = build_nomination_modal(
        year=2027, deadline=DEADLINE, private_metadata="{}", draft=NominationDraft(nominee_user_id="U0CHLOE")
    )
    user_block = next(b for b in with_user["blocks"] if b.get("block_id") == ids.AWARD_BLOCK_NOMINEE_USER)
    assert user_block["element"]["initial_user"] == "U0CHLOE"


def test_announcement_and_reminders_carry_the_nominate_button():
    for message in (
        build_announcement(year=2027, deadline=DEADLINE),
        build_reminder("reminder_14", year=2027, deadline=DEADLINE),
        build_reminder("reminder_1", year=2027, deadline=DEADLINE),
    ):
        assert message["text"]
        assert validate_blocks(message["blocks"]) == []
        buttons = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
        assert [b["action_id"] for b in buttons] == [ids.AWARD_NOMINATE_OPEN]
        assert buttons[0]["text"]["text"] == "Nominera"
        assert DEADLINE in _texts(message["blocks"])
    assert "Två veckor kvar" in _texts(build_reminder("reminder_14", year=2027, deadline=DEADLINE)["blocks"])


def test_my_nominations_escape_and_offer_edit_and_withdraw():
    items = [MineItem(7, "Chloe <@U1>", "FK & co", "x" * 500)]
    [message] = build_my_nominations(items, year=2027, deadline=DEADLINE)
    assert validate_blocks(message["blocks"]) == []
    text = _section_texts([message])  # mrkdwn; the confirm dialog is plain_text, never parsed
    assert "<@U1>" not in text and "&lt;@U1&gt;" in text and "FK &amp; co" in text
    actions = next(b for b in message["blocks"] if b["type"] == "actions")
    assert [(e["action_id"], e["value"]) for e in actions["elements"]] == [
        (ids.AWARD_EDIT, "7"),
        (ids.AWARD_WITHDRAW, "7"),
    ]
    assert "confirm" in actions["elements"][1]
    # A long motivation is previewed, and says where the whole text is.
    assert "Ändra" in message["blocks"][1]["text"]["text"]


def test_my_nominations_when_none_and_when_many():
    [empty] = build_my_nominations([], year=2027, deadline=DEADLINE)
    assert "inga nomineringar" in empty["text"]
    many = [MineItem(i, f"Person {i}", None, "motivering") for i in range(30)]
    messages = build_my_nominations(many, year=2027, deadline=DEADLINE)
    assert len(messages) == 2
    assert all(validate_blocks(m["blocks"]) == [] for m in messages)
    assert sum(1 for m in messages for b in m["blocks"] if b["type"] == "actions") == 30


def test_info_modal_is_valid():
    view = build_info_modal("Nomineringen har stängt.")
    assert view["type"] == "modal" and "submit" not in view
    assert validate_blocks(view["blocks"], max_blocks=100) == []


def _group(name: str, n: int, motivation: str = "Bra samverkan.") -> JuryGroup:
    entries = [
        JuryEntry(f"Nominator {i}", "fredag 13 augusti 2027 kl. 10.00", None, motivation) for i in range(n)
    ]
    return JuryGroup(name, None, entries)


def test_jury_summary_groups_counts_and_escapes():
    groups = [
        JuryGroup(
            "Chloe Chen",
            "Försäkringskassan",
            [
                JuryEntry(
                    "Ben Baker", "fredag 13 augusti 2027 kl. 10.00", "Team <Väst>", "Hej <!channel> & <@U9>"
                ),
                JuryEntry("Anna Admin", "lördag 14 augusti 2027 kl. 11.00", None, "Andra motiveringen"),
            ],
        ),
        _group("Åsa Öberg", 1),
    ]
    [message] = build_jury_summary(groups, year=2027, closed=DEADLINE)
    assert validate_blocks(message["blocks"]) == []
    text = _texts(message["blocks"])
    assert "<!channel>" not in text and "&lt;!channel&gt;" in text and "&lt;@U9&gt;" in text
    assert "Team &lt;Väst&gt;" in text
    assert "*1. Chloe Chen* (Försäkringskassan) – 2 nomineringar" in text
    assert "*2. Åsa Öberg* – 1 nominering" in text
    assert "Nominerad av *Ben Baker*" in text and "Nominerad av *Anna Admin*" in text
    assert "*3* nomineringar" not in text and "*3 nomineringar*" in text and "*2 personer*" in text
    assert message["text"] == "Guldlänken 2027: 3 nomineringar till juryn."


def test_jury_summary_with_no_nominations():
    [message] = build_jury_summary([], year=2027, closed=DEADLINE)
    assert "Inga nomineringar" in _texts(message["blocks"])


def test_long_jury_summary_is_split_without_cutting_anything():
    long_text = ("Samverkan & stöd över gränserna, vecka efter vecka. " * 57)[:2990]
    groups = [_group(f"Person {i:02d}", 2, long_text + f" [{i}]") for i in range(25)]
    messages = build_jury_summary(groups, year=2027, closed=DEADLINE)
    assert len(messages) > 1
    for number, message in enumerate(messages, start=1):
        assert len(message["blocks"]) <= MAX_MESSAGE_BLOCKS
        assert validate_blocks(message["blocks"]) == []
        assert f"del {number} av {len(messages)}" in message["text"]
        for block in message["blocks"]:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= MAX_SECTION_TEXT
    body = _section_texts(messages)
    for i in range(25):
        assert body.count(f"[{i}]") == 2
        assert body.count(f"*{i + 1}. Person {i:02d}*") == 1
    # Every escaped motivation is there in full (split only at sections, never inside an entity).
    assert body.count("&amp;") == 25 * 2 * long_text.count("&")


def test_one_huge_motivation_is_split_across_sections():
    huge = "&" * 3000  # escapes to 15 000 characters
    messages = build_jury_summary([_group("Ett namn", 1, huge)], year=2027, closed=DEADLINE)
    body = "".join(
        b["text"]["text"]
        for m in messages
        for b in m["blocks"]
        if b["type"] == "section" and "&amp;" in b["text"]["text"]
    )
    assert body == "&amp;" * 3000
    for message in messages:
        assert validate_blocks(message["blocks"]) == []
