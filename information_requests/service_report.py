"""The yearly service report's figures as readers get them: titled sections of labelled numbers,
the same on the page, in the CSV and in the PDF (kip-rules §6)."""

from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.utils import formats
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from information_requests.letters import Letter
from information_requests.service_figures import merge_small_agencies


@dataclass(frozen=True)
class FigureSection:
    slug: str
    title: str
    rows: list[tuple[str, object]]


def published_minimum():
    return settings.PPID_PUBLISHED_MINIMUM_COUNT


def published_agencies(figures):
    return merge_small_agencies(figures.by_agency, published_minimum())


def percent(part, whole):
    return round(part / whole * 100) if whole else None


def report_sections(figures):
    """Every figure of the report, in the order of Perki 1/2021's report; the satisfaction
    survey's index (PermenPANRB 14/2017) last."""
    times = figures.response_times
    objections = figures.objections
    return [
        FigureSection(
            "requests",
            _("Requests"),
            [
                (_("Requests received"), figures.received),
                *figures.by_outcome,
                (_("Withdrawn by the requester"), figures.withdrawn),
                (_("Still being processed"), figures.still_open),
                (_("Answered with a written notice"), figures.answered),
                (_("Answered on time"), figures.answered_on_time),
                (_("Answered on time (%)"), figures.on_time_percent),
            ],
        ),
        FigureSection(
            "response-time",
            _("Time taken to give the written notice (working days)"),
            [
                (_("Median"), times.median),
                (_("90th percentile"), times.percentile_90),
                (_("Mean"), times.mean),
                (_("Longest"), times.longest),
                *times.bands,
            ],
        ),
        FigureSection(
            "rejection-grounds",
            _("Rejections by exemption ground (UU 14/2008 Pasal 17)"),
            list(figures.rejection_grounds) or [(_("No request was rejected"), 0)],
        ),
        FigureSection(
            "agencies",
            _("Requests by agency"),
            [(agency_label(row), row.received) for row in published_agencies(figures)],
        ),
        FigureSection(
            "objections",
            _("Objections to the Atasan PPID"),
            [
                (_("Objections filed"), objections.filed),
                *objections.by_ground,
                (_("The PPID's decision upheld"), objections.upheld),
                (_("Granted: the PPID ordered to act"), objections.overturned),
                (_("Withdrawn by the requester"), objections.withdrawn),
                (_("Waiting for the Atasan PPID's answer"), objections.waiting),
                (_("Not answered in time"), objections.not_answered_in_time),
            ],
        ),
        FigureSection(
            "disputes",
            _("Disputes at the Komisi Informasi and in court"),
            [
                (_("Disputes filed with the Komisi Informasi"), objections.disputes),
                (_("Disputes decided by the Komisi Informasi"), objections.disputes_decided),
                (_("Cases taken to court"), objections.court_cases),
            ],
        ),
        FigureSection(
            "satisfaction",
            _("Requesters' satisfaction (IKM, PermenPANRB 14/2017)"),
            satisfaction_rows(figures.satisfaction.year),
        ),
    ]


def satisfaction_rows(index):
    """The year's index with its elements' mean ratings; only the number of responses while
    there are too few to publish the rest."""
    minimum = published_minimum()
    rows = [(_("Responses to the satisfaction survey"), index.respondents)]
    if not index.published(minimum):
        note = _("Index not published: fewer than %(minimum)d responses") % {"minimum": minimum}
        return [*rows, (note, None)]
    return [
        *rows,
        *(
            (_("%(code)s %(element)s: mean rating (1–4)") % element_names(score), score.mean)
            for score in index.elements
        ),
        (_("Satisfaction index (25–100)"), index.index),
        (_("Grade"), grade_text(index.grade)),
    ]


def element_names(score):
    return {"code": score.element.code, "element": score.element.label}


def grade_text(grade):
    return f"{grade.letter} ({grade.label})"


def agency_label(row):
    return _("%(agency)s: received %(received)d, answered %(answered)d, on time %(on_time)d") % {
        "agency": row.name,
        "received": row.received,
        "answered": row.answered,
        "on_time": row.answered_on_time,
    }


def figure_rows(sections):
    """(section, figure, value) per figure: the CSV download."""
    return [
        (section.title, label, "" if value is None else value)
        for section in sections
        for label, value in section.rows
    ]


def display_value(value):
    """A figure as a reader of this language writes it; a dash for one that cannot be given."""
    return "–" if value is None else formats.localize(value)


def rich_text_paragraphs(html):
    """A rich text field as plain paragraphs, for the PDF."""
    text = expand_db_html(html or "")
    for closing in ("</p>", "</li>", "</h2>", "</h3>", "<br>", "<br/>"):
        text = text.replace(closing, "\n")
    return [unescape(line).strip() for line in strip_tags(text).splitlines() if line.strip()]


def render_report_pdf(page, sections):
    letter = Letter(page.title)
    letter.paragraph(
        _("Public information service report for %(year)s (UU 14/2008 Pasal 12).")
        % {"year": page.year}
    )
    for paragraph in rich_text_paragraphs(page.intro):
        letter.paragraph(paragraph)
    for section in sections:
        letter.heading(section.title)
        letter.fields((label, display_value(value)) for label, value in section.rows)
    for title, html in page.narrative_sections():
        paragraphs = rich_text_paragraphs(html)
        if paragraphs:
            letter.heading(title)
            for paragraph in paragraphs:
                letter.paragraph(paragraph)
    return letter.to_bytes()
