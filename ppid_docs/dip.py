"""The Daftar Informasi Publik, generated from what is published, so it is never out of date.

Every live, public publication of the language shown, in its UU KIP category, with the DIP columns
of Perki 1/2021 (kip-rules.md §5); the exempt group also lists the exemption decisions in force.
One query per kind of publication, whatever the number of items.
"""

from dataclasses import dataclass, replace

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from ppid_docs.choices import InformationCategory
from ppid_docs.models.exemptions import ExemptionDecision
from ppid_docs.models.finance import FinancialReportPage
from ppid_docs.models.plans import WorkPlanPage
from ppid_docs.models.public_information import PublicInformationPage
from ppid_docs.models.regulations import RegulationPage

PUBLICATION_MODELS = (RegulationPage, FinancialReportPage, WorkPlanPage, PublicInformationPage)


@dataclass(frozen=True)
class DipEntry:
    number: int
    title: str
    summary: str
    holder: str
    responsible: str
    made: str
    form: str
    retention: str
    url: str  # absolute, for the downloads
    href: str  # relative to this site, for the page
    sort_key: tuple


@dataclass(frozen=True)
class DipGroup:
    category: str
    label: str
    entries: list[DipEntry]


def build_dip(request, locale, register=None, today=None):
    """The DIP in category order, each group numbered from 1."""
    today = today or timezone.localdate()
    entries = {category: [] for category in InformationCategory}
    # Computed once for the four queries below: pages inside a section closed to the public.
    private = Page.objects.private_q()
    for model in PUBLICATION_MODELS:
        pages = model.objects.live().filter(locale=locale).exclude(private).select_related("agency")
        for page in pages:
            entries[page.category].append(_page_entry(page, request))
    decisions = ExemptionDecision.objects.in_force(today).select_related("agency")
    for decision in decisions:
        entries[InformationCategory.DIKECUALIKAN].append(
            _exemption_entry(decision, register, request)
        )
    return [
        DipGroup(
            category.value,
            str(category.label),
            [
                replace(entry, number=number)
                for number, entry in enumerate(
                    sorted(entries[category], key=lambda entry: entry.sort_key), start=1
                )
            ],
        )
        for category in InformationCategory
    ]


def export_header():
    return [
        _("No."),
        _("Category"),
        _("Title"),
        _("Summary"),
        _("Unit or official holding it"),
        _("Person responsible for producing it"),
        _("Time and place made"),
        _("Form"),
        _("Retention period"),
        _("Link"),
    ]


def export_rows(groups):
    return [
        [
            entry.number,
            group.label,
            entry.title,
            entry.summary,
            entry.holder,
            entry.responsible,
            entry.made,
            entry.form,
            entry.retention,
            entry.url,
        ]
        for group in groups
        for entry in group.entries
    ]


def _page_entry(page, request):
    agency_name = page.agency.name if page.agency else ""
    made_on = date_format(page.produced_on, "j F Y") if page.produced_on else str(page.year)
    return DipEntry(
        number=0,
        title=page.title,
        summary=page.summary,
        holder=page.holder or agency_name,
        responsible=page.responsible_person or agency_name,
        made=", ".join(part for part in (made_on, page.produced_at) if part),
        form=str(page.get_document_form_display()),
        retention=page.retention_period,
        url=page.get_full_url(request) or "",
        href=page.get_url(request) or "",
        sort_key=(agency_name, -page.year, page.title.lower()),
    )


def _exemption_entry(decision, register, request):
    anchor = f"#exemption-{decision.pk}"
    retention = decision.exemption_period
    if decision.exempt_until:
        until = _("until %(date)s") % {"date": date_format(decision.exempt_until, "j F Y")}
        retention = f"{retention} ({until})" if retention else until
    return DipEntry(
        number=0,
        title=decision.information,
        summary=str(decision.get_ground_display()),
        holder=decision.agency.name,
        responsible=decision.decided_by,
        made=f"{date_format(decision.decided_on, 'j F Y')}, {decision.decided_at}",
        form="",
        retention=retention,
        url=f"{register.get_full_url(request)}{anchor}" if register else "",
        href=f"{register.get_url(request)}{anchor}" if register else "",
        sort_key=(decision.agency.name, decision.information.lower()),
    )
