"""Accessible bar charts as SVG markup, drawn on the server: no JavaScript, no download.

Pure Python so that every app may use it (financial figures, request statistics). Each chart is an
image for assistive technology (`role="img"`, labelled by its `<title>` and `<desc>`, the desc
reading out every value), writes its labels and values as text so it does not depend on colour,
and scales with its container through the viewBox. Pair every chart with a table of its numbers.
"""

import re
from dataclasses import dataclass
from html import escape

WIDTH = 520
FONT_SIZE = 14
BAR_HEIGHT = 18
BAR_GAP = 3
LABEL_GAP = 4
ROW_GAP = 12
LEGEND_HEIGHT = 28
# A rough average glyph width of system sans-serif fonts, to leave room for the value labels.
CHAR_WIDTH = 0.6 * FONT_SIZE
INK = "#1b1f24"
# Each at least 4.5:1 against white, so bars and their legend stay visible to low-vision readers.
SERIES_COLOURS = ("#0b4f8a", "#a3470b", "#2d6a31", "#6b3d8f")
CHART_ID = re.compile(r"^[A-Za-z][\w-]*$")


class SVG(str):
    """Markup that Django templates insert as it is (the renderer escapes every text itself)."""

    def __html__(self):
        return str(self)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


def bar_chart(chart_id, title, description, labels, values, *, format_value=str):
    """A horizontal bar per label: the most readable way to compare parts of a whole."""
    return grouped_bar_chart(
        chart_id, title, description, labels, [Series("", tuple(values))], format_value=format_value
    )


def grouped_bar_chart(chart_id, title, description, labels, series, *, format_value=str):
    """One group of horizontal bars per label, one bar per series (e.g. budget and realisation).

    With more than one series each value label names its series, so bars are told apart by text,
    not only by colour.
    """
    _check(chart_id, labels, series)
    named = len(series) > 1

    def value_text(one_series, value):
        text = format_value(value)
        return f"{one_series.name}: {text}" if named else text

    value_texts = [value_text(s, value) for s in series for value in s.values]
    value_space = min(max(len(text) for text in value_texts) * CHAR_WIDTH + 8, WIDTH / 2)
    largest = max(max(s.values) for s in series) or 1
    scale = (WIDTH - value_space) / largest

    parts = []
    y = LEGEND_HEIGHT if named else 0
    if named:
        parts.append(_legend(series))
    for index, label in enumerate(labels):
        y += FONT_SIZE
        parts.append(f'<text x="0" y="{y}" font-weight="600">{escape(label)}</text>')
        y += LABEL_GAP
        for number, one_series in enumerate(series):
            value = one_series.values[index]
            width = value * scale
            if value > 0:
                width = max(width, 1)
            colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="0" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{width + 6:.1f}" y="{y + BAR_HEIGHT - 4}">'
                f"{escape(value_text(one_series, value))}</text>"
            )
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
    height = y - ROW_GAP

    summary = "; ".join(
        f"{label}: {', '.join(value_text(s, s.values[index]) for s in series)}"
        for index, label in enumerate(labels)
    )
    full_description = f"{description} {summary}." if description else f"{summary}."
    return SVG(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" viewBox="0 0 {WIDTH} '
        f'{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(full_description)}</desc>'
        f"{''.join(parts)}</svg>"
    )


def _legend(series):
    items = []
    x = 0
    for number, one_series in enumerate(series):
        colour = SERIES_COLOURS[number % len(SERIES_COLOURS)]
        items.append(f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>')
        items.append(f'<text x="{x + 20}" y="16">{escape(one_series.name)}</text>')
        x += 20 + len(one_series.name) * CHAR_WIDTH + 24
    return f'<g aria-hidden="true">{"".join(items)}</g>'


def _check(chart_id, labels, series):
    if not CHART_ID.match(chart_id):
        raise ValueError(f"Chart id {chart_id!r} is not usable as an HTML id.")
    if not labels or not series:
        raise ValueError("A chart needs at least one label and one series.")
    for one_series in series:
        if len(one_series.values) != len(labels):
            raise ValueError(f"Series {one_series.name!r} does not have one value per label.")
        if any(value < 0 for value in one_series.values):
            raise ValueError("Bar charts show amounts of zero or more; tabulate negative ones.")
