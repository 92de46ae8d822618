"""The history chart: participation per organisation and the yes-share of "Vill ni träffas igen?".

Pure: numbers in, PNG bytes out. Drawn with matplotlib's object API on the Agg canvas (no pyplot,
no display, no global state), so it is safe in the server's worker threads. 1200×675 pixels reads
well in Slack's preview; the colours are Okabe–Ito's, which colour-blind readers tell apart, and
organisations beyond the eighth get the same colours hatched.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.checkin.summary import swedish_sort_key
from bot.dates import format_percent
from bot.formatting import DEFAULT_NETWORK, network_names
from bot.texts import t

WIDTH_PX, HEIGHT_PX, DPI = 1200, 675, 100
# Okabe & Ito (2008): orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
HATCHES = ("", "///")
OTHERS_COLOUR = "#999999"
MAX_SERIES = len(OKABE_ITO) * len(HATCHES)  # beyond that the smallest organisations share a bar
MAX_TICK_LABELS = 12


@dataclass(frozen=True)
class HistoryPoint:
    """One past meeting's numbers: who took part per organisation, and the pulse answers.

    `participants` maps an organisation's name ("" for members without one) to how many of its
    members took part. A cancelled meeting is left out of the chart and its numbers.
    """

    day: dt.date
    participants: Mapping[str, int]
    yes: int = 0
    no: int = 0
    cancelled: bool = False

    @property
    def total(self) -> int:
        """How many took part, all organisations together."""
        return sum(self.participants.values())

    @property
    def yes_share(self) -> float | None:
        """The share answering yes (0–1), or None when nobody answered."""
        answered = self.yes + self.no
        return self.yes / answered if answered else None


def held(points: Sequence[HistoryPoint]) -> list[HistoryPoint]:
    """The meetings that took place, oldest first."""
    return sorted((p for p in points if not p.cancelled), key=lambda p: p.day)


# Babel (its locale data: about 4 MB) is imported only when a chart or its text is made; the
# serving process's requests write their dates with bot/dates.py.
def _month(day: dt.date, lang: str) -> str:
    from babel.dates import format_date

    return format_date(day, "LLLL y", locale=lang)


def _tick_labels(days: Sequence[dt.date], lang: str) -> list[str]:
    """`mars 2027` per meeting, or `11 mars 2027` when two meetings share a month."""
    months = [(d.year, d.month) for d in days]
    pattern = "LLLL y" if len(set(months)) == len(months) else "d MMM y"
    from babel.dates import format_date

    return [format_date(d, pattern, locale=lang) for d in days]


def _series(points: Sequence[HistoryPoint], lang: str) -> list[tuple[str, list[int], bool]]:
    """(label, participants per meeting) per organisation, most participation first; the smallest
    are summed into "Övriga (n)" when there are more than the colours and hatches can tell apart."""
    totals: dict[str, int] = {}
    for point in points:
        for organisation, count in point.participants.items():
            totals[organisation] = totals.get(organisation, 0) + count
    ranked = sorted(
        (o for o, n in totals.items() if n > 0), key=lambda o: (-totals[o], swedish_sort_key(o), o)
    )
    shown = ranked if len(ranked) <= MAX_SERIES else ranked[: MAX_SERIES - 1]
    series = [
        (o or t("insights.chart.no_organisation", lang), [p.participants.get(o, 0) for p in points], False)
        for o in shown
    ]
    rest = ranked[len(shown) :]
    if rest:
        series.append(
            (
                t("insights.chart.others", lang, count=len(rest)),
                [sum(p.participants.get(o, 0) for o in rest) for p in points],
                True,
            )
        )
    return series


if TYPE_CHECKING:
    from matplotlib.figure import Figure


def build_figure(points: Sequence[HistoryPoint], lang: str = "sv", network: str = DEFAULT_NETWORK) -> Figure:
    """The chart as a matplotlib Figure: stacked bars of participants per organisation above, the
    yes-share line below, one position per held meeting. Raises ValueError when none was held."""
    # Imported here: matplotlib costs tens of megabytes a serving process should not keep for a
    # chart organisers ask for now and then.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    meetings = held(points)
    if not meetings:
        raise ValueError("no held meeting to chart")
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(
        2, 1, height_ratios=(2.2, 1), hspace=0.32, left=0.06, right=0.79, top=0.9, bottom=0.14
    )
    bars = fig.add_subplot(grid[0])
    line = fig.add_subplot(grid[1], sharex=bars)
    xs = list(range(len(meetings)))
    width = 0.8 if len(meetings) > 1 else 0.4

    bottoms = [0] * len(meetings)
    series = _series(meetings, lang)
    for i, (label, counts, others) in enumerate(series):
        bars.bar(
            xs,
            counts,
            width,
            bottom=bottoms,
            label=label,
            color=OTHERS_COLOUR if others else OKABE_ITO[i % len(OKABE_ITO)],
            hatch=HATCHES[(i // len(OKABE_ITO)) % len(HATCHES)],
            edgecolor="white",
            linewidth=0.6,
        )
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    bars.set_title(t("insights.chart.participation", lang), loc="left", fontsize=12)
    bars.set_ylabel(t("insights.chart.participants_axis", lang))
    bars.yaxis.set_major_locator(MaxNLocator(integer=True))
    bars.grid(axis="y", color="#dddddd", linewidth=0.6)
    bars.set_axisbelow(True)
    bars.tick_params(labelbottom=False)
    handles, names = bars.get_legend_handles_labels()
    # Listed top to bottom as the bars are stacked, so the legend reads like the bars.
    bars.legend(
        handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9, frameon=False
    )

    shares = [math.nan if p.yes_share is None else p.yes_share for p in meetings]
    line.plot(xs, shares, color="#000000", marker="o", markersize=4 if len(xs) > 20 else 6, linewidth=1.8)
    line.set_title(t("insights.chart.yes_share", lang), loc="left", fontsize=12)
    line.set_ylabel(t("insights.chart.yes_axis", lang))
    line.set_ylim(-0.05, 1.05)
    line.yaxis.set_major_locator(FixedLocator([0, 0.5, 1]))
    line.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: format_percent(v, lang)))
    line.grid(axis="y", color="#dddddd", linewidth=0.6)

    step = max(1, math.ceil(len(xs) / MAX_TICK_LABELS))
    labels = _tick_labels([p.day for p in meetings], lang)
    line.set_xticks(
        xs[::step], labels[::step], rotation=30 if len(xs) > 6 else 0, ha="right" if len(xs) > 6 else "center"
    )
    line.set_xlim(-0.6, len(xs) - 0.4)

    fig.suptitle(
        t(
            "insights.chart.title",
            lang,
            first=_month(meetings[0].day, lang),
            last=_month(meetings[-1].day, lang),
            # "$" would start matplotlib's maths mode in a network's name.
            **network_names(network.replace("$", r"\$"), mrkdwn=False),
        ),
        x=0.06,
        ha="left",
        fontsize=15,
    )
    return fig


def render_history_chart(
    points: Sequence[HistoryPoint], lang: str = "sv", network: str = DEFAULT_NETWORK
) -> bytes:
    """The chart as PNG bytes, 1200×675 pixels. Raises ValueError when no meeting was held."""
    fig = build_figure(points, lang, network)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def chart_alt_text(points: Sequence[HistoryPoint], lang: str = "sv") -> str:
    """A sentence or two saying what the chart shows, for the upload's title (screen readers)."""
    meetings = held(points)
    if not meetings:
        return t("insights.chart.none", lang)
    organisations = {o for p in meetings for o, n in p.participants.items() if n > 0}
    from babel.numbers import format_decimal

    text = t(
        "insights.chart.alt",
        lang,
        meetings=len(meetings),
        first=_month(meetings[0].day, lang),
        last=_month(meetings[-1].day, lang),
        average=format_decimal(sum(p.total for p in meetings) / len(meetings), "#,##0", locale=lang),
        organisations=len(organisations),
    )
    answered = [p for p in meetings if p.yes_share is not None]
    if not answered:
        return text + t("insights.chart.alt_no_answers", lang)
    yes = sum(p.yes for p in answered)
    overall = yes / sum(p.yes + p.no for p in answered)
    latest = answered[-1].yes_share or 0.0
    return text + t(
        "insights.chart.alt_yes",
        lang,
        latest=format_percent(latest, lang),
        overall=format_percent(overall, lang),
    )
