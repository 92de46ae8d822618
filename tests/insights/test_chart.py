"""The history chart, tested by rendering: a PNG of the right size whose plotted data is the input."""

from __future__ import annotations

import datetime as dt
import io
import math

import pytest
from matplotlib.image import imread

from bot.insights.chart import (
    HEIGHT_PX,
    MAX_SERIES,
    WIDTH_PX,
    HistoryPoint,
    build_figure,
    chart_alt_text,
    render_history_chart,
)

# Twelve organisations, the largest network the chart must stay readable for.
ORGANISATIONS = [
    f"{place} kommun"
    for place in (
        "Ystad",
        "Åstorp",
        "Höör",
        "Lund",
        "Malmö",
        "Eslöv",
        "Lomma",
        "Sjöbo",
        "Skurup",
        "Svedala",
        "Trelleborg",
        "Vellinge",
    )
]


def _points(n: int, organisations: list[str] = ORGANISATIONS) -> list[HistoryPoint]:
    return [
        HistoryPoint(
            day=dt.date(2024 + i // 12, i % 12 + 1, 10),
            participants={org: (i + j) % 4 for j, org in enumerate(organisations)},
            yes=10 + i % 5,
            no=i % 3,
        )
        for i in range(n)
    ]


def _size(png: bytes) -> tuple[int, int]:
    pixels = imread(io.BytesIO(png), format="png")
    return pixels.shape[1], pixels.shape[0]


def test_renders_a_png_of_slack_preview_size() -> None:
    png = render_history_chart(_points(3))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert _size(png) == (WIDTH_PX, HEIGHT_PX) == (1200, 675)


def test_forty_meetings_and_twelve_organisations_render() -> None:
    png = render_history_chart(_points(40))
    assert _size(png) == (1200, 675)
    figure = build_figure(_points(40))
    bars, line = figure.axes
    # One bar per meeting per organisation, at most twelve date labels on the axis.
    assert len(bars.patches) == 40 * 12
    assert len([label for label in line.get_xticklabels() if label.get_text()]) <= 12


def test_the_line_is_the_yes_share_and_the_bars_are_the_participants() -> None:
    points = [
        HistoryPoint(dt.date(2027, 1, 14), {"Malmö stad": 3, "Region Skåne": 1}, yes=4, no=0),
        HistoryPoint(dt.date(2027, 2, 11), {"Malmö stad": 2}, yes=3, no=1),
        HistoryPoint(dt.date(2027, 3, 11), {"Region Skåne": 2}),  # nobody answered: a gap
    ]
    bars, line = build_figure(points).axes
    (shares,) = line.get_lines()
    y = list(shares.get_ydata())
    assert y[:2] == [1.0, 0.75]
    assert math.isnan(y[2])
    heights = {
        label: [bar.get_height() for bar in container]
        for container, label in zip(bars.containers, bars.get_legend_handles_labels()[1], strict=True)
    }
    assert heights == {"Malmö stad": [3, 2, 0], "Region Skåne": [1, 0, 2]}


def test_swedish_labels_and_month_names() -> None:
    points = [
        HistoryPoint(dt.date(2027, 3, 11), {"Malmö stad": 2}, yes=2),
        HistoryPoint(dt.date(2027, 4, 8), {"Malmö stad": 3}, yes=3),
    ]
    figure = build_figure(points, "sv")
    bars, line = figure.axes
    assert [label.get_text() for label in line.get_xticklabels()] == ["mars 2027", "april 2027"]
    assert bars.get_title(loc="left") == "Deltagare per organisation"
    assert figure.get_suptitle() == "Chefsnätverkets träffar mars 2027 – april 2027"
    assert line.yaxis.get_major_formatter()(1.0, 0) == "100\xa0%"


def test_two_meetings_in_one_month_are_told_apart_by_day() -> None:
    points = [
        HistoryPoint(dt.date(2027, 3, 4), {"A": 1}),
        HistoryPoint(dt.date(2027, 3, 25), {"A": 1}),
    ]
    _, line = build_figure(points).axes
    assert [label.get_text() for label in line.get_xticklabels()] == ["4 mars 2027", "25 mars 2027"]


def test_cancelled_meetings_are_left_out_and_no_meeting_is_an_error() -> None:
    points = [
        HistoryPoint(dt.date(2027, 1, 14), {"A": 1}, yes=1),
        HistoryPoint(dt.date(2027, 2, 11), {"A": 5}, yes=5, cancelled=True),
    ]
    _, line = build_figure(points).axes
    assert list(line.get_lines()[0].get_ydata()) == [1.0]
    with pytest.raises(ValueError):
        render_history_chart([])
    with pytest.raises(ValueError):
        render_history_chart(points[1:])


def test_organisations_beyond_the_palette_share_one_bar() -> None:
    organisations = [f"Kommun {i:02}" for i in range(MAX_SERIES + 4)]
    bars, _ = build_figure(_points(2, organisations)).axes
    labels = bars.get_legend_handles_labels()[1]
    assert len(labels) == MAX_SERIES
    assert labels[-1] == "Övriga (5)"


def test_alt_text_summarises_the_numbers_in_swedish() -> None:
    points = [
        HistoryPoint(dt.date(2027, 1, 14), {"Malmö stad": 3, "Region Skåne": 1}, yes=4, no=0),
        HistoryPoint(dt.date(2027, 2, 11), {"Malmö stad": 2, "": 4}, yes=3, no=1),
        HistoryPoint(dt.date(2027, 3, 11), {"Malmö stad": 9}, cancelled=True),
    ]
    assert chart_alt_text(points) == (
        "Diagram över 2 träffar från januari 2027 till februari 2027. I snitt deltog 5 personer "
        "från 3 organisationer per träff. Vid den senaste träffen med svar svarade 75\xa0% ja på frågan "
        "Vill ni träffas igen? – 88\xa0% sett över alla träffar."
    )
    assert chart_alt_text(points[:0]) == "Det finns inga genomförda träffar att visa ännu."
    assert chart_alt_text([HistoryPoint(dt.date(2027, 1, 14), {"A": 1})]).endswith(
        "Ingen har svarat på frågan Vill ni träffas igen? ännu."
    )
