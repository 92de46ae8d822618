"""Block Kit for the jury's decision and the winners, as pure functions of plain values.

User text (names, organisations, citations) is escaped here, where it becomes mrkdwn; option
labels and other plain_text need no escaping (Slack shows them as written).
"""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.award.blocks import context, pack, plain, section
from bot.award.decision import CITATION_MAX, DecisionForm, HomeDecision
from bot.award.winners import WinnerName, WinnersYear, labels_text
from bot.delivery.sends import Message
from bot.formatting import MAX_HEADER_TEXT, MAX_MESSAGE_BLOCKS, escape, sections, truncate_title
from bot.texts import t

LIST_TEXT_BUDGET = 11_000  # per message of the winners list (Slack's msg_blocks_too_long)


def _quote(text: str) -> str:
    """User text as a mrkdwn block quote, escaped."""
    return "\n".join("> " + line if line.strip() else ">" for line in escape(text).splitlines())


def decide_button(value: str, lang: str) -> dict[str, Any]:
    """*Utse vinnare* (for samordnare); `value` is the round id."""
    return {
        "type": "button",
        "text": plain(t("award.decide.button", lang)),
        "action_id": ids.AWARD_DECIDE_OPEN,
        "value": value,
        "style": "primary",
    }


def build_decide_prompt(round_id: int, lang: str = "sv") -> dict[str, Any]:
    """The end of the jury summary: what comes next, with *Utse vinnare*."""
    return section(t("award.decide.jury_prompt", lang), accessory=decide_button(str(round_id), lang))


# ---------------------------------------------------------------- the modal


def _input(block_id: str, label: str, element: dict[str, Any], hint: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": element,
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def build_decision_modal(form: DecisionForm, lang: str = "sv") -> dict[str, Any]:
    """*Utse vinnare*: the winners among the nominees, the citation, the day and time."""
    options = [{"text": plain(c.label), "value": c.value} for c in form.choices]
    chosen = [o for o in options if o["value"] in form.chosen]
    select: dict[str, Any] = {
        "type": "multi_static_select",
        "action_id": ids.AWARD_INPUT,
        "placeholder": plain(t("award.decide.winners_placeholder", lang)),
        "options": options,
    }
    if chosen:
        select["initial_options"] = chosen
    citation: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.AWARD_INPUT,
        "multiline": True,
        "max_length": CITATION_MAX,
    }
    if form.citation:
        citation["initial_value"] = form.citation
    date: dict[str, Any] = {"type": "datepicker", "action_id": ids.AWARD_INPUT}
    if form.date:
        date["initial_date"] = form.date
    time: dict[str, Any] = {"type": "timepicker", "action_id": ids.AWARD_INPUT, "timezone": form.timezone}
    if form.time:
        time["initial_time"] = form.time
    blocks = [section(t("award.decide.intro", lang, year=form.year, channel=f"<#{form.channel}>"))]
    if form.planned:
        blocks.append(context(t("award.decide.planned", lang, when=form.planned)))
    blocks += [
        _input(
            ids.AWARD_BLOCK_WINNERS,
            t("award.decide.winners", lang),
            select,
            t("award.decide.winners_hint", lang),
        ),
        _input(
            ids.AWARD_BLOCK_CITATION,
            t("award.decide.citation", lang),
            citation,
            t("award.decide.citation_hint", lang, max=CITATION_MAX),
        ),
        _input(ids.AWARD_BLOCK_ANNOUNCE_DATE, t("award.decide.date", lang), date),
        _input(ids.AWARD_BLOCK_ANNOUNCE_TIME, t("award.decide.time", lang), time),
    ]
    return {
        "type": "modal",
        "callback_id": ids.AWARD_DECIDE_MODAL,
        "private_metadata": form.private_metadata,
        "title": plain(truncate_title(t("award.decide.title", lang))),
        "submit": plain(truncate_title(t("award.decide.submit", lang))),
        "close": plain(truncate_title(t("award.decide.close", lang))),
        "blocks": blocks,
    }


def build_decision_saved(text: str, lang: str = "sv") -> dict[str, Any]:
    """What the modal turns into once the decision is saved (`response_action: update`)."""
    return {
        "type": "modal",
        "title": plain(truncate_title(t("award.decide.saved_title", lang))),
        "close": plain(truncate_title(t("award.modal.close", lang))),
        "blocks": [section(text)],
    }


def build_home_decision(decision: HomeDecision, lang: str = "sv") -> list[dict[str, Any]]:
    """The samordnare's App Home: the decision still to make (or planned), with *Utse vinnare*."""
    if decision.planned:
        text = t("award.decide.home_planned", lang, year=decision.year, when=decision.planned)
    else:
        text = t("award.decide.home", lang, year=decision.year)
    return [section(text, accessory=decide_button(str(decision.round_id), lang))]


# ---------------------------------------------------------------- the announcement and the DMs


def build_winner_announcement(
    *, year: int, winners: list[WinnerName], citation: str, lang: str = "sv"
) -> Message:
    """The announcement in the announcement channel: who wins, and the jury's citation."""
    names = labels_text(winners, lang)
    header = t("award.win.header_many" if len(winners) > 1 else "award.win.header", lang, year=year)
    blocks = [
        {"type": "header", "text": plain(header[:MAX_HEADER_TEXT])},
        section(t("award.win.body", lang, year=year, names=names)),
    ]
    if citation:
        blocks += [section(t("award.win.citation", lang)), *sections(_quote(citation))]
    blocks.append(context(t("award.win.context", lang)))
    return {"text": t("award.win.fallback", lang, year=year, names=names), "blocks": blocks}


def build_congratulation(*, year: int, citation: str, channel: str, lang: str = "sv") -> Message:
    """The DM to a winner in Slack, at the moment of the announcement."""
    blocks = [section(t("award.win.congrats", lang, year=year))]
    if citation:
        blocks += sections(_quote(citation))
    blocks.append(section(t("award.win.congrats_after", lang, channel=f"<#{channel}>")))
    return {"text": t("award.win.congrats_fallback", lang, year=year), "blocks": blocks}


def build_thanks(*, year: int, winners: list[WinnerName], channel: str, lang: str = "sv") -> Message:
    """The DM to someone who nominated a winner."""
    text = t("award.win.thanks", lang, year=year, names=labels_text(winners, lang), channel=f"<#{channel}>")
    return {"text": t("award.win.thanks_fallback", lang, year=year), "blocks": [section(text)]}


def previous_line(previous: WinnersYear, lang: str = "sv") -> str:
    """For a new round's announcement: who received Guldlänken last time (escaped)."""
    return t("award.win.previous", lang, year=previous.year, names=labels_text(previous.winners, lang))


# ---------------------------------------------------------------- /guldlanken vinnare


def _year_paragraphs(entry: WinnersYear, lang: str) -> list[str]:
    line = t("award.winners.year", lang, year=entry.year, names=labels_text(entry.winners, lang))
    return [line, *(_quote(citation) for citation in entry.citations)]


def winners_text(years: list[WinnersYear], lang: str = "sv") -> str:
    """The winners as one text (the answer to `/chefsnatverket guldlanken vinnare`)."""
    if not years:
        return t("award.winners.none", lang)
    paragraphs = [t("award.winners.title", lang)]
    for entry in years:
        paragraphs.append("\n".join(_year_paragraphs(entry, lang)))
    return "\n\n".join(paragraphs)


def build_winners_list(years: list[WinnersYear], lang: str = "sv") -> list[Message]:
    """Every year's winners with the citations, newest first; several messages when long."""
    title = t("award.winners.title", lang)
    if not years:
        text = t("award.winners.none", lang)
        return [{"text": text, "blocks": [section(text)]}]
    units: list[list[dict[str, Any]]] = [[section(title)]]
    for entry in years:
        units.append([block for paragraph in _year_paragraphs(entry, lang) for block in sections(paragraph)])
    return [{"text": title, "blocks": blocks} for blocks in pack(units, MAX_MESSAGE_BLOCKS, LIST_TEXT_BUDGET)]
