"""Members, organisations, organisers and the organisers' channel: the rules and typed outcomes.

Slack is asked first (who a person is, whether the app is in a channel), so nothing is stored
for an unknown user; the organiser right is checked again where each change is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot.meeting.people import Person, bootstrap_organisers, is_organiser, person
from bot.meeting.service import Refused, invitation_due, policy, require_organiser
from bot.runtime import Runtime
from storage import meetings
from storage import members as store
from storage.db import transaction
from storage.members import MemberChange


@dataclass(frozen=True)
class MemberAdded:
    """A member was created, reactivated, moved (from `before`) or left as they were."""

    person: Person
    change: MemberChange
    organisation: str
    before: str | None = None
    new_organisation: bool = False
    invite_next: dt.datetime | None = None  # the meeting whose invitation they get at the next tick


@dataclass(frozen=True)
class MemberRemoved:
    """A member left the network (their history stays)."""

    person: Person


@dataclass(frozen=True)
class OrganiserAppointed:
    """Someone is an organiser now (`already`: they were one before)."""

    person: Person
    already: bool = False


@dataclass(frozen=True)
class OrganiserDismissed:
    """An appointed organiser lost the right."""

    person: Person


@dataclass(frozen=True)
class ChannelSet:
    """The organisers' channel was chosen; `app_in_channel` False when the app must be invited."""

    channel_id: str
    app_in_channel: bool | None


@dataclass(frozen=True)
class SettingsSaved:
    """The settings modal was saved; names to look up and a channel to check after the ack."""

    refresh_names: tuple[str, ...] = ()
    check_channel: str | None = None


# ---------------------------------------------------------------- what Slack says


def lookup_name(runtime: Runtime, user_id: str) -> str | None:
    """The person's name from `users.info`; refuses unknown users, apps and deactivated accounts.

    Returns None when Slack could not answer for another reason (the caller then keeps what it has).
    """
    try:
        answer = runtime.client.users_info(user=user_id)
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code in {"user_not_found", "users_not_found"}:
            raise Refused("admin.error.unknown_user", field="user") from None
        runtime.logger.warning("users.info failed: %s", code)
        return None
    user = answer.get("user") or {}
    if user.get("is_bot") or user_id == "USLACKBOT":
        raise Refused("admin.error.bot_user", field="user")
    if user.get("deleted"):
        raise Refused("admin.error.deactivated_user", field="user")
    profile = user.get("profile") or {}
    name = (
        profile.get("real_name") or user.get("real_name") or profile.get("display_name") or user.get("name")
    )
    cleaned = str(name or "").strip()[:200]
    return cleaned or None


def channel_membership(runtime: Runtime, channel_id: str) -> bool | None:
    """Whether the app is in the channel: True/False, None when Slack did not say.

    Refuses a channel Slack does not know (or a private one the app is not in).
    """
    try:
        answer = runtime.client.conversations_info(channel=channel_id)
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code == "channel_not_found":
            raise Refused("admin.error.channel_not_found", field="channel") from None
        runtime.logger.warning("conversations.info failed: %s", code)
        return None
    member = (answer.get("channel") or {}).get("is_member")
    return None if member is None else bool(member)


# ---------------------------------------------------------------- members


def add_member_from_command(
    runtime: Runtime, user_id: str, target: str, organisation: str, label: str | None
) -> MemberAdded:
    """`medlem`: check the person with Slack first, so nothing is stored for an unknown user.

    The organiser right was checked before the ack; `add_member` checks it again."""
    name = lookup_name(runtime, target) or label
    return add_member(runtime, user_id, target, organisation, name)


def add_member(
    runtime: Runtime, user_id: str, target: str, organisation: str, name: str | None
) -> MemberAdded:
    """Create, reactivate or move a member; the organisation is matched ignoring case, or created."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        org, new_org = store.get_or_create_organisation(session, organisation)
        member, change, before = store.upsert_member(session, target, org, name)
        meeting = meetings.next_meeting(session, runtime.now())
        invite_next = None
        if (
            meeting is not None
            and change in (MemberChange.CREATED, MemberChange.REACTIVATED)
            and invitation_due(runtime, meeting.starts_at, policy(session)) <= runtime.now()
        ):
            # Recipients are worked out at each tick, so a late member gets the invitation then.
            invite_next = meeting.starts_at
        return MemberAdded(
            person=person(member, target),
            change=change,
            organisation=org.name,
            before=before.name if before else None,
            new_organisation=new_org,
            invite_next=invite_next,
        )


def remove_member(runtime: Runtime, user_id: str, target: str) -> MemberRemoved:
    """`ta-bort`: the member becomes inactive; their check-ins stay."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        member = store.deactivate_member(session, target)
        if member is None:
            known = store.member_by_user(session, target)
            raise Refused("admin.error.not_a_member", field="user", person=person(known, target).label())
        return MemberRemoved(person(member, target))


def require_organisation(runtime: Runtime, user_id: str) -> None:
    """The members modal without an organisation: refuse a non-organiser first, then say it is needed."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
    raise Refused("admin.error.organisation_required", field="organisation")


def refresh_names(runtime: Runtime, user_ids: Iterable[str]) -> None:
    """Store the names Slack gives for people just added (after the modal closed; failures logged)."""
    for target in user_ids:
        try:
            name = lookup_name(runtime, target)
        except Refused:
            continue
        except Exception:
            runtime.logger.exception("users.info failed after a modal")
            continue
        if name:
            with transaction(runtime.sessions) as session:
                store.set_member_name(session, target, name)


# ---------------------------------------------------------------- organisers and the channel


def appoint_organiser(
    runtime: Runtime, user_id: str, target: str, label: str | None = None
) -> OrganiserAppointed:
    """`organisatör @person`: appoint an organiser (an inactive member row if the app did not know them)."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        if is_organiser(session, runtime.settings, target):
            return OrganiserAppointed(person(store.member_by_user(session, target), target), already=True)
    name = lookup_name(runtime, target) or label
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        return OrganiserAppointed(person(store.set_organiser(session, target, True, name), target))


def dismiss_organiser(runtime: Runtime, user_id: str, target: str) -> OrganiserDismissed:
    """`organisatör ta-bort @person`: an appointed organiser loses the right (ORGANISERS ones cannot)."""
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        member = store.member_by_user(session, target)
        if target in bootstrap_organisers(session, runtime.settings):
            raise Refused("admin.error.bootstrap_organiser", person=person(member, target).label())
        if member is None or not member.is_organiser:
            raise Refused("admin.error.not_appointed", person=person(member, target).label())
        store.set_organiser(session, target, False)
        return OrganiserDismissed(person(member, target))


def set_channel(runtime: Runtime, user_id: str, channel_id: str) -> ChannelSet:
    """`kanal #kanal`: where summaries and reports go; says when the app is not in it yet.

    The organiser right was checked before the ack and is checked again when storing."""
    in_channel = channel_membership(runtime, channel_id)
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        meetings.set_organisers_channel(session, channel_id)
    return ChannelSet(channel_id, in_channel)


@dataclass(frozen=True)
class SettingsShown:
    """What the settings modal showed when it opened: the channel and the appointed organisers."""

    channel: str | None
    organisers: frozenset[str]


def save_settings(
    runtime: Runtime, user_id: str, channel: str | None, chosen: set[str], shown: SettingsShown | None = None
) -> SettingsSaved:
    """The organisers' channel and the appointed organisers, as changed in the settings modal.

    Only what the person changed compared with what the modal `shown` is applied: someone
    appointed (or a channel set) by another samordnare while the modal was open stays. Without
    `shown` the chosen set is the whole list. ORGANISERS stay organisers regardless.
    """
    with transaction(runtime.sessions) as session:
        require_organiser(session, runtime, user_id)
        bootstrap = set(bootstrap_organisers(session, runtime.settings))  # organisers already
        chosen = chosen - bootstrap
        current = set(store.appointed_organiser_ids(session))
        before = current if shown is None else set(shown.organisers) - bootstrap
        added = chosen - before
        appointed = (current - (before - chosen)) | added
        channel_changed = shown is None or channel != shown.channel
        if channel_changed:
            meetings.set_organisers_channel(session, channel)
        store.keep_appointed_organisers(session, appointed)
        known_names = {target for target in sorted(added) if store.set_organiser(session, target, True).name}
    return SettingsSaved(
        refresh_names=tuple(sorted(added - known_names)), check_channel=channel if channel_changed else None
    )


def settings_channel_invite(runtime: Runtime, channel_id: str) -> bool:
    """After the settings modal: whether to ask for an invitation to the chosen channel."""
    try:
        return channel_membership(runtime, channel_id) is False
    except Refused:
        # Chosen from Slack's own list, so "not found" means a private channel without the app.
        return True
