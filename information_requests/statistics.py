"""The public statistics of the information service as charts, each with the table of its numbers
(server-rendered SVG, `portal.charts`), and the requesters' satisfaction index. Only aggregates of
`service_figures`: no name, no registration number, agencies with few requests pooled
(`service_report.published_agencies`), and no index of fewer responses than that same minimum.
"""

from dataclasses import dataclass

from django.utils.dates import MONTHS
from django.utils.formats import localize
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from information_requests.satisfaction import SatisfactionIndex
from information_requests.service_report import published_agencies
from portal.charts import SVG, bar_chart


@dataclass(frozen=True)
class StatisticsChart:
    chart_id: str
    title: str
    value_heading: str
    rows: list[tuple[str, str]]  # label, the value as written in the table
    svg: SVG


def chart(chart_id, title, description, value_heading, labelled_values, format_value=localize):
    labels = [str(label) for label, _value in labelled_values]
    values = [value for _label, value in labelled_values]
    svg = bar_chart(chart_id, title, description, labels, values, format_value=format_value)
    rows = [(label, format_value(value)) for label, value in zip(labels, values, strict=True)]
    return StatisticsChart(chart_id, title, value_heading, rows, svg)


def percent_text(value):
    return f"{localize(value)}%"


def statistics_charts(figures):
    year = figures.year
    requests = _("Requests")
    charts = [
        chart(
            "chart-requests-per-month",
            _("Requests received per month, %(year)s") % {"year": year},
            _("Requests by the month they count as received."),
            requests,
            [(MONTHS[month], count) for month, count in enumerate(figures.by_month, start=1)],
        ),
        chart(
            "chart-outcomes",
            _("What became of the requests, %(year)s") % {"year": year},
            _("Decisions of the written notices, and requests withdrawn or still open."),
            requests,
            [
                *figures.by_outcome,
                (_("Withdrawn by the requester"), figures.withdrawn),
                (_("Still being processed"), figures.still_open),
            ],
        ),
        chart(
            "chart-response-time",
            _("Working days to the written notice, %(year)s") % {"year": year},
            _("Answered requests by the working days taken; the law allows 10, or 17 extended."),
            requests,
            list(figures.response_times.bands),
        ),
    ]
    answered_agencies = [row for row in published_agencies(figures) if row.answered]
    if answered_agencies:
        charts.append(
            chart(
                "chart-on-time-by-agency",
                _("Answered on time by agency, %(year)s") % {"year": year},
                _("Share of each agency's written notices given by the deadline."),
                _("On time (%)"),
                [(row.name, row.on_time_percent) for row in answered_agencies],
                format_value=percent_text,
            )
        )
    objections = figures.objections
    charts.append(
        chart(
            "chart-objections",
            _("Objections and their outcome, %(year)s") % {"year": year},
            _("Objections to the Atasan PPID received in the year."),
            _("Objections"),
            [
                (_("The PPID's decision upheld"), objections.upheld),
                (_("Granted: the PPID ordered to act"), objections.overturned),
                (_("Withdrawn by the requester"), objections.withdrawn),
                (_("Waiting for the Atasan PPID's answer"), objections.waiting),
                (_("Not answered in time"), objections.not_answered_in_time),
            ],
        )
    )
    return charts


QUARTERS = (
    gettext_lazy("January–March"),
    gettext_lazy("April–June"),
    gettext_lazy("July–September"),
    gettext_lazy("October–December"),
)


@dataclass(frozen=True)
class SatisfactionSummary:
    """What the page shows of the year's satisfaction index: an index only from the published
    minimum of responses on (None below it), for the year and for each quarter."""

    year: SatisfactionIndex | None
    quarters: list[tuple[str, SatisfactionIndex | None]]


def satisfaction_summary(indexes, minimum):
    def shown(index):
        return index if index.published(minimum) else None

    return SatisfactionSummary(
        year=shown(indexes.year),
        quarters=[
            (str(label), shown(index))
            for label, index in zip(QUARTERS, indexes.quarters, strict=True)
        ],
    )
