"""A financial report's figures as citizens read them: tables by section, what revenue and spending
are made of, and the budget set against its realisation.

Works on plain `{line: amount}` dicts (see `ppid_docs.figures`), so the page, a preview with unsaved
figures and the tests all go through the same code.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from portal.charts import SVG, Series, bar_chart, grouped_bar_chart
from ppid_docs.choices import FiguresBasis, FinancialReportType, ReportPeriod
from ppid_docs.figures import (
    LINES,
    LINES_BY_KEY,
    SECTIONS,
    children_of,
    format_rupiah_compact,
)

REVENUE, SPENDING = "pendapatan_daerah", "belanja_daerah"
COMPARED_LINES = [REVENUE, *children_of(REVENUE), SPENDING, *children_of(SPENDING)]
# The latest budget is the revised one; the audited statement is the most reliable realisation.
BUDGET_PREFERENCE = [FinancialReportType.APBD_P, FinancialReportType.APBD]
REALISATION_PREFERENCE = [FinancialReportType.LKPD, FinancialReportType.LRA]


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    amount: int
    depth: int


@dataclass(frozen=True)
class StatementSection:
    key: str
    title: str
    rows: list[FigureRow]


@dataclass(frozen=True)
class Share:
    label: str
    amount: int
    percent: float


@dataclass(frozen=True)
class Composition:
    chart_id: str
    title: str
    total_label: str
    total: int
    shares: list[Share]
    chart: SVG


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    budget: int
    realisation: int

    @property
    def percent(self):
        return self.realisation / self.budget * 100 if self.budget else None


@dataclass(frozen=True)
class Comparison:
    budget_report: object
    realisation_report: object
    rows: list[ComparisonRow]
    chart: SVG | None


def statement_sections(values):
    """The figures given, section by section, in the order of the official statements."""
    sections = []
    for key, title in SECTIONS.items():
        rows = [
            FigureRow(line.key, str(line.label), values[line.key], line_depth(line.key))
            for line in LINES
            if line.section == key and line.key in values
        ]
        if rows:
            sections.append(StatementSection(key, str(title), rows))
    return sections


def figure_rows(values):
    """(line key, label, amount) in statement order: the CSV download."""
    return [(line.key, str(line.label), values[line.key]) for line in LINES if line.key in values]


def line_depth(key):
    depth = 0
    parent = LINES_BY_KEY[key].parent
    while parent:
        depth += 1
        parent = LINES_BY_KEY[parent].parent
    return depth


def breakdown(key, values):
    """The most detailed parts of `key` the figures give: a part is split when all its parts are."""
    parts = []
    for child in children_of(key):
        if child not in values:
            continue
        grandchildren = children_of(child)
        if grandchildren and all(grandchild in values for grandchild in grandchildren):
            parts.extend(breakdown(child, values))
        else:
            parts.append(child)
    return parts


def compositions(values):
    """What revenue and spending are made of, each as a bar chart with its shares."""
    titles = {REVENUE: _("What the revenue is made of"), SPENDING: _("What the spending goes to")}
    result = []
    for total_key, title in titles.items():
        parts = breakdown(total_key, values)
        total = values.get(total_key)
        if len(parts) < 2 or not total or total < 0 or any(values[key] < 0 for key in parts):
            continue
        shares = [
            Share(str(LINES_BY_KEY[key].label), values[key], values[key] / total * 100)
            for key in parts
        ]
        total_label = str(LINES_BY_KEY[total_key].label)
        chart_id = f"chart-{total_key}"
        chart = bar_chart(
            chart_id,
            title,
            _("Each bar is one part of the %(total)s of %(amount)s.")
            % {"total": total_label.lower(), "amount": format_rupiah_compact(total)},
            [share.label for share in shares],
            [share.amount for share in shares],
            format_value=format_rupiah_compact,
        )
        result.append(Composition(chart_id, title, total_label, total, shares, chart))
    return result


def budget_comparison(report, values, same_year_reports):
    """The latest budget of the report's fiscal year against its annual realisation, if both exist.

    `same_year_reports` are the published reports of that year with their figures prefetched; the
    report itself counts with `values`, the figures it has now (a preview may not be saved yet).
    """
    candidates = [(other, other.figure_values()) for other in same_year_reports]
    candidates = [(other, figures) for other, figures in candidates if other.pk != report.pk]
    candidates.append((report, values))
    budget = _preferred(candidates, FiguresBasis.ANGGARAN, BUDGET_PREFERENCE)
    realisation = _preferred(candidates, FiguresBasis.REALISASI, REALISATION_PREFERENCE)
    if budget is None or realisation is None:
        return None
    (budget_report, budget_values), (realisation_report, realised_values) = budget, realisation
    rows = [
        ComparisonRow(str(LINES_BY_KEY[key].label), budget_values[key], realised_values[key])
        for key in COMPARED_LINES
        if key in budget_values and key in realised_values
    ]
    if not rows:
        return None
    chart = None
    if all(row.budget >= 0 and row.realisation >= 0 for row in rows):
        chart = grouped_bar_chart(
            "chart-budget-realisation",
            _("Budget and realisation, fiscal year %(year)s") % {"year": report.year},
            _("%(budget)s set against %(realisation)s.")
            % {"budget": budget_report.title, "realisation": realisation_report.title},
            [row.label for row in rows],
            [
                Series(_("Budget"), tuple(row.budget for row in rows)),
                Series(_("Realisation"), tuple(row.realisation for row in rows)),
            ],
            format_value=format_rupiah_compact,
        )
    return Comparison(budget_report, realisation_report, rows, chart)


def _preferred(candidates, basis, preference):
    """The (report, figures) of the given basis that comes first in `preference`, then newest."""
    eligible = [
        (report, figures)
        for report, figures in candidates
        if report.figures_basis == basis
        and report.period == ReportPeriod.TAHUNAN
        and (REVENUE in figures or SPENDING in figures)
    ]
    if not eligible:
        return None

    def rank(candidate):
        report = candidate[0]
        kind = preference.index(report.report_type) if report.report_type in preference else 99
        return (kind, -(report.pk or 0))

    return min(eligible, key=rank)
