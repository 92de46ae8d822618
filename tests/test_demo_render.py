"""The demo writes mrkdwn as Slack shows it."""

from __future__ import annotations

from bot.demo.render import render_blocks, slack_shows

PEOPLE = {"U0ANNA": "Anna Lind"}
CHANNELS = {"C0SAM": "samordnare"}


def shows(text: str) -> str:
    return slack_shows(text, PEOPLE.get, CHANNELS.get)


def test_mentions_channels_and_links_by_name() -> None:
    assert shows("<@U0ANNA> och <@U0ANNA|anna> i <#C0SAM> eller <#C0SAM|sam>") == (
        "@Anna Lind och @Anna Lind i #samordnare eller #sam"
    )
    assert shows("<!channel> <!here> <!subteam^S1|@jury>") == "@channel @here @jury"
    assert shows("<https://example.se|sidan> och <https://example.se>") == "sidan och https://example.se"
    assert shows("<@U0OKÄND>") == "@U0OKÄND"


def test_escapes_become_the_characters_once() -> None:
    assert shows("A &amp; B &lt;!channel&gt; &amp;lt;") == "A & B <!channel> &lt;"


def test_plain_text_is_shown_as_sent() -> None:
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Rubrik & mer"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "Till <#C0SAM> &amp; <@U0ANNA>"}},
    ]
    assert render_blocks(blocks, shows) == ["**Rubrik & mer**", "Till #samordnare & @Anna Lind"]


def test_a_prefilled_input_shows_mentions_by_name() -> None:
    blocks = [
        {
            "type": "input",
            "label": {"type": "plain_text", "text": "Din text"},
            "element": {"type": "plain_text_input", "initial_value": "kanal <#C0SAM|sam> &amp; <@U0ANNA>"},
        }
    ]
    assert render_blocks(blocks, shows) == ["▢ Din text: «kanal #sam & @Anna Lind»"]
