"""Gemensamma teman: the topics that answers from two or more organisations mention.

Explainable and local, no external service:

1. tokenise each answer into Unicode words, after dropping Slack markup (`<@U…>`, `<#C…>`,
   `<http…>`), URLs, emoji shortcodes (`:tada:`), emoji and numbers;
2. drop Swedish stop words (the maintained list of the `stop-words` package);
3. stem every word with the Snowball Swedish stemmer, then fold the few inflections it leaves
   apart (`vuxen`/`vuxna`, `ohälsa`/`ohälsan`, `samverkan`/`samverkar`, see `_fold`);
4. count stems and two-word phrases (two adjacent words, neither a stop word, with nothing
   between them) per organisation;
5. keep what two or more organisations mention; a qualifying phrase replaces its single words
   when those words add no organisation; rank by organisations, then mentions.

Each theme shows the surface form written most often, and the organisations that named it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from bot.formatting import swedish_sort_key

if TYPE_CHECKING:
    import snowballstemmer

MIN_ORGANISATIONS = 2

# Removed before tokenising; each leaves a break, so no phrase spans what it removed.
_NOISE = re.compile(
    r"<[^>\n]*>"  # Slack markup: <@U123>, <#C123|kanal>, <https://…|text>, <!channel>
    r"|\b(?:https?://|www\.)\S+"  # bare URLs
    r"|\S+@\S+\.\w+"  # e-mail addresses
    r"|:[a-z0-9_+'-]+:"  # emoji shortcodes as Slack writes them
    r"|&[a-z]+;|&#\d+;",  # HTML entities from escaped text
    re.IGNORECASE,
)
# A word is letters, optionally joined by hyphens or apostrophes ("FoU-arbete"); anything else that
# is not white space (punctuation, digits, emoji) breaks a phrase.
_TOKEN = re.compile(r"(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)|(?P<stop>[^\w\s]|[\d_]+|\n)")
# After these a word starts a sentence or a list item, and its capital letter is no proper noun's.
_SENTENCE_BREAKS = frozenset(".!?:;\n•*-–")
_VOWELS = frozenset("aeiouyåäö")


@dataclass(frozen=True)
class Theme:
    """A topic two or more organisations mention: how to show it, who named it, how often."""

    text: str
    organisations: tuple[str, ...]  # sorted the Swedish way
    count: int  # mentions over all the answers


# The stemmer and the stop words (about 40 modules, 1.3 MB) are imported on first use: only
# the summaries' themes need them, not a serving process's requests.
@cache
def _stop_words() -> frozenset[str]:
    from stop_words import get_stop_words

    return frozenset(word.casefold() for word in get_stop_words("swedish"))


@cache
def _stemmer() -> snowballstemmer.stemmer:
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


def _fold(stem: str) -> str:
    """Fold the inflections Snowball's Swedish stemmer leaves apart onto one key.

    Definite -et/-an (namnet, ohälsan, samverkan), a remaining -ad (arbetsmarknaden), and the
    unstressed -en/-el/-er that drop before an ending (vuxen/vuxna, enkel/enkla, vacker/vackra).
    Keys are never shown; two spellings of one word only need to meet on the same key.
    """
    for ending in ("et", "an", "ad"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            stem = stem[: -len(ending)]
    if len(stem) >= 5 and stem.endswith("el") and stem[-3] not in _VOWELS:
        stem = stem[:-2] + "l"
    if len(stem) >= 4 and stem[-1] in "nlr" and stem[-2] not in _VOWELS and stem[-2] not in "lmnr":
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=65_536)  # bounded: a long-running server meets new words for ever
def _key(word: str) -> str:
    return _fold(_stemmer().stemWord(word))


def _runs(text: str) -> Iterator[list[str]]:
    """The runs of adjacent non-stop words in `text` (stop words and noise break runs).

    Words are as written, except that a sentence's first word loses its capital letter
    ("Omställningen tar …" counts as "omställningen"); acronyms keep theirs.
    """
    run: list[str] = []
    stops = _stop_words()
    sentence_start = True
    for match in _TOKEN.finditer(_NOISE.sub(" ; ", text)):
        word = match.group("word")
        if word is None or len(word) < 2 or word.casefold() in stops:
            if run:
                yield run
            run = []
        elif sentence_start and not word.isupper():
            run.append(word[0].lower() + word[1:])
        else:
            run.append(word)
        sentence_start = word is None and match.group() in _SENTENCE_BREAKS
    if run:
        yield run


def _terms(text: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """(key, surface) for every word and every two-word phrase in `text`."""
    for run in _runs(text):
        keys = [_key(word.casefold()) for word in run]
        for i, word in enumerate(run):
            yield (keys[i],), word
            if i + 1 < len(run) and keys[i + 1] != keys[i]:
                yield (keys[i], keys[i + 1]), f"{word} {run[i + 1]}"


def _display(surfaces: Counter[str]) -> str:
    """The surface form written most often: first the spelling (case aside), then its casing
    (on a tie the one with capitals, written on purpose mid-sentence)."""
    folded: Counter[str] = Counter()
    for surface, n in surfaces.items():
        folded[surface.casefold()] += n
    best = min(folded, key=lambda s: (-folded[s], swedish_sort_key(s), s))
    return min((s for s in surfaces if s.casefold() == best), key=lambda s: (-surfaces[s], s))


def common_themes(answers: Mapping[str, Sequence[str]], limit: int = 10) -> list[Theme]:
    """The topics that answers from two or more organisations mention, most shared first.

    `answers` maps an organisation's name to its members' answer texts. Deterministic: the same
    answers give the same themes in the same order.
    """
    organisations: dict[tuple[str, ...], set[str]] = defaultdict(set)
    mentions: Counter[tuple[str, ...]] = Counter()
    surfaces: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for organisation, texts in answers.items():
        for text in texts:
            for key, surface in _terms(text or ""):
                organisations[key].add(organisation)
                mentions[key] += 1
                surfaces[key][surface] += 1

    shared = {key: orgs for key, orgs in organisations.items() if len(orgs) >= MIN_ORGANISATIONS}
    phrases = [key for key in shared if len(key) == 2]

    def covered(word: tuple[str, ...]) -> bool:
        return any(word[0] in phrase and shared[word] <= shared[phrase] for phrase in phrases)

    themes = [
        Theme(
            text=_display(surfaces[key]),
            organisations=tuple(sorted(orgs, key=lambda o: (swedish_sort_key(o), o))),
            count=mentions[key],
        )
        for key, orgs in shared.items()
        if len(key) == 2 or not covered(key)
    ]
    themes.sort(key=lambda th: (-len(th.organisations), -th.count, swedish_sort_key(th.text), th.text))
    return themes[: max(limit, 0)]
