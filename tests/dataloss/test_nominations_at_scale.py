"""One person cannot flood Guldlänken: at most NOMINATIONS_PER_PERSON active nominations each per
round, refused politely with the reason; and a jury summary that would take more than a few
messages goes to the jury as the files, with one message pointing to them."""

from __future__ import annotations

import json
from typing import Any

from bot import ids
from bot.award.nominations import NOMINATIONS_PER_PERSON
from bot.delivery.scheduler import run_tick
from bot.runtime import Runtime
from storage.models import Nomination
from tests.conftest import FrozenClock, SlackClient
from tests.support.award_rounds import add_round
from tests.support.signing import users_select
from tests.support.slack_standin import RESPONSE_URL, SlackStandIn

NOMINATOR = "U0BEN"
MOTIVATION = "Samverkan över gränserna, varje vecka, med alla parter och med den enskilde i centrum. " * 23


def _nominate(slack: SlackClient, round_id: int, by: str, nominee: str, motivation: str = MOTIVATION) -> Any:
    values = {
        ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: users_select(None)},
        ids.AWARD_BLOCK_NOMINEE_NAME: {ids.AWARD_INPUT: nominee},
        ids.AWARD_BLOCK_NOMINEE_ORG: {ids.AWARD_INPUT: "Kommunen"},
        ids.AWARD_BLOCK_PARTNER: {ids.AWARD_INPUT: None},
        ids.AWARD_BLOCK_MOTIVATION: {ids.AWARD_INPUT: motivation},
    }
    metadata = json.dumps({"round": round_id})
    return slack.submit(ids.AWARD_MODAL, values, user=by, private_metadata=metadata)


def _count(runtime: Runtime) -> int:
    with runtime.sessions() as s:
        return s.query(Nomination).filter(Nomination.withdrawn_at.is_(None)).count()


def test_a_person_may_file_a_limited_number_of_nominations(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn
) -> None:
    round_id = add_round(runtime).id
    for n in range(NOMINATIONS_PER_PERSON):
        resp = _nominate(slack, round_id, NOMINATOR, f"Person {n}")
        assert resp.status == 200 and not resp.body, resp.text
    resp = _nominate(slack, round_id, NOMINATOR, "En till")
    errors = resp.json()["errors"]
    assert (
        f"redan lämnat {NOMINATIONS_PER_PERSON} nomineringar till Guldlänken 2027"
        in errors[ids.AWARD_BLOCK_MOTIVATION]
    )
    assert "/guldlanken mina" in errors[ids.AWARD_BLOCK_MOTIVATION]
    assert _count(runtime) == NOMINATIONS_PER_PERSON
    # `/guldlanken` says so at once, instead of opening a form that cannot be saved.
    slack.command("/guldlanken", "", user=NOMINATOR, trigger_id="t.1")
    assert standin.calls_to("views.open") == []
    [said] = standin.calls_to(RESPONSE_URL)
    assert "fler än så tar vi inte emot" in said.params["text"]
    # Others are not affected, and editing one's own still works.
    assert not _nominate(slack, round_id, "U0ANNA", "Person 0").body
    with runtime.sessions() as s:
        first = s.query(Nomination).filter_by(nominator_user_id=NOMINATOR).order_by(Nomination.id).first()
        assert first is not None
    edit = json.dumps({"round": round_id, "nomination": first.id})
    values = {
        ids.AWARD_BLOCK_NOMINEE_USER: {ids.AWARD_INPUT: users_select(None)},
        ids.AWARD_BLOCK_NOMINEE_NAME: {ids.AWARD_INPUT: "Person 0"},
        ids.AWARD_BLOCK_NOMINEE_ORG: {ids.AWARD_INPUT: "Kommunen"},
        ids.AWARD_BLOCK_PARTNER: {ids.AWARD_INPUT: None},
        ids.AWARD_BLOCK_MOTIVATION: {ids.AWARD_INPUT: MOTIVATION + " Ändrad."},
    }
    assert not slack.submit(ids.AWARD_MODAL, values, user=NOMINATOR, private_metadata=edit).body


def test_a_very_large_jury_summary_goes_as_files_with_one_message(
    slack: SlackClient, runtime: Runtime, standin: SlackStandIn, clock: FrozenClock
) -> None:
    round_id = add_round(runtime).id
    nominators = [f"U0NOM{n}" for n in range(6)]
    for by in nominators:
        for n in range(NOMINATIONS_PER_PERSON):
            assert not _nominate(slack, round_id, by, f"Person {n}", MOTIVATION + f" [{by}:{n}]").body
    clock.set("2027-09-02T09:00")
    run_tick(runtime)
    [message] = standin.messages_to("C0JURY")
    text = json.dumps(message.params["blocks"], ensure_ascii=False)
    assert "som fil i stället" in text and f"{6 * NOMINATIONS_PER_PERSON} nomineringar" in text
    assert "[U0NOM0:0]" not in text  # the motivations are in the files, not in posts
    assert ids.AWARD_DECIDE_OPEN in text  # the jury can still decide from here
    assert len(standin.calls_to("files.completeUploadExternal")) == 1
    contents = {m["filename"]: standin.uploads[fid] for fid, m in standin._pending_files.items()}
    markdown = contents["guldlanken-2027-nomineringar.md"].decode("utf-8")
    for by in nominators:
        for n in range(NOMINATIONS_PER_PERSON):
            assert f"\\[{by}:{n}\\]" in markdown
