"""The request register and the objection register in the columns of kip-rules §6.

Both are read straight from the requests, their written notices and the objections' event log:
nothing is copied into a register table, so a register can never disagree with the case files.
Each register is a list of columns (a heading and how to read the cell from one row) over a
queryset that loads everything the cells touch in a constant number of queries. The NIK is not
a register column: a register gets printed and shared, an identity number must not.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from information_requests.choices import GRANTED, ObjectionEventKind, Outcome
from information_requests.deadlines import policy_from_settings, to_local
from information_requests.letters import cost_text
from information_requests.models import InformationRequest, Objection, ObjectionEvent
from information_requests.objection_states import DISPUTE_MILESTONES, ObjectionStatus


@dataclass(frozen=True)
class RegisterColumn:
    heading: str
    cell: Callable[[Any], Any]


def local_date(moment):
    """The WIB day of a stored timestamp; registers count days, not instants."""
    return to_local(moment, policy_from_settings()).date() if moment else None


def cell_text(value):
    """A cell as exported: dates in ISO form so spreadsheets sort them, nothing as empty."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return "" if value is None else str(value)


# --- Requests ---------------------------------------------------------------------------------


def notice_of(request):
    return getattr(request, "notice", None)


def contact(request):
    return " / ".join(filter(None, [request.phone, request.email]))


def information_status(request):
    """Held, not held (and by whom), or not yet documented; empty before the notice."""
    notice = notice_of(request)
    if notice is None:
        return ""
    if notice.outcome == Outcome.NOT_HELD:
        return _("Not held; held by: %(body)s") % {"body": notice.holding_body}
    if notice.outcome == Outcome.NOT_DOCUMENTED:
        return _("Not yet documented; time needed: %(period)s") % {
            "period": notice.documentation_period
        }
    return _("Held")


def information_form(request):
    notice = notice_of(request)
    return notice.get_information_form_display() if notice else ""


def request_type(request):
    """To see it, or to receive a copy (and which)."""
    return request.get_obtain_method_display()


def decision(request):
    """The notice's decision; until there is one, where the request stands."""
    notice = notice_of(request)
    return notice.get_outcome_display() if notice else request.get_status_display()


def rejection_reason(request):
    notice = notice_of(request)
    if notice is None:
        return ""
    if notice.outcome == Outcome.REJECTED:
        return notice.get_exemption_ground_display()
    if notice.outcome == Outcome.GRANTED_PARTIAL:
        return notice.redactions
    return ""


def cost(request):
    notice = notice_of(request)
    return cost_text(notice) if notice and notice.outcome in GRANTED else ""


REQUEST_COLUMNS = (
    RegisterColumn(_("Registration number"), lambda r: r.registration_number),
    RegisterColumn(_("Date received"), lambda r: r.received_on),
    RegisterColumn(_("Name"), lambda r: r.full_name),
    RegisterColumn(_("Address"), lambda r: r.address),
    RegisterColumn(_("Contact"), contact),
    RegisterColumn(_("Occupation"), lambda r: r.occupation),
    RegisterColumn(_("Information requested"), lambda r: r.information_requested),
    RegisterColumn(_("Purpose of use"), lambda r: r.purpose),
    RegisterColumn(_("Agency"), lambda r: r.agency.name if r.agency else ""),
    RegisterColumn(_("Status of the information"), information_status),
    RegisterColumn(_("Form of the information"), information_form),
    RegisterColumn(_("Type of request"), request_type),
    RegisterColumn(_("Decision"), decision),
    RegisterColumn(_("Reason for rejection"), rejection_reason),
    RegisterColumn(_("Date of the notice"), lambda r: local_date(r.answered_at)),
    RegisterColumn(_("Date provided"), lambda r: local_date(r.delivered_at)),
    RegisterColumn(_("Cost and payment"), cost),
)


def request_register(requests):
    """The requests with what their register rows read, oldest first like a paper register."""
    return requests.select_related("agency", "notice").order_by(
        "received_on", "registration_year", "registration_sequence"
    )


# --- Objections -------------------------------------------------------------------------------

# What the requester did after the Atasan's answer, as the event log records it.
REACTION_KINDS = (ObjectionEventKind.WITHDRAWN, *DISPUTE_MILESTONES)


def requester(objection):
    name = objection.request.full_name
    if objection.proxy_name:
        return _("%(name)s (through the proxy %(proxy)s)") % {
            "name": name,
            "proxy": objection.proxy_name,
        }
    return name


def objection_decision(objection):
    if objection.decision:
        return objection.get_decision_display()
    if objection.status == ObjectionStatus.RECEIVED:
        return ObjectionStatus.RECEIVED.label
    if objection.status == ObjectionStatus.WITHDRAWN:
        return ""
    # Disputed without an answer: the Atasan let the 30 working days pass.
    return _("Not answered in time")


def supervisor(objection):
    return ", ".join(filter(None, [objection.supervisor_name, objection.supervisor_position]))


def reaction(objection):
    """The furthest step the requester took: the latest dispute milestone and its date, a
    withdrawal, or none recorded after an answer."""
    events = objection.reaction_events
    milestones = [event for event in events if event.kind in DISPUTE_MILESTONES]
    if milestones:
        latest = max(milestones, key=lambda event: (event.data.get("happened_on", ""), event.pk))
        return _("%(milestone)s on %(date)s") % {
            "milestone": ObjectionEventKind(latest.kind).label,
            "date": latest.data.get("happened_on", ""),
        }
    if any(event.kind == ObjectionEventKind.WITHDRAWN for event in events):
        return ObjectionEventKind.WITHDRAWN.label
    if objection.answered_at:
        return _("No dispute recorded")
    return ""


OBJECTION_COLUMNS = (
    RegisterColumn(_("Objection number"), lambda o: o.registration_number),
    RegisterColumn(_("Date received"), lambda o: o.received_on),
    RegisterColumn(_("Requester or proxy"), requester),
    RegisterColumn(_("Request number"), lambda o: o.request.registration_number),
    RegisterColumn(_("Information requested"), lambda o: o.request.information_requested),
    RegisterColumn(_("Purpose of use"), lambda o: o.request.purpose),
    RegisterColumn(_("Agency"), lambda o: o.request.agency.name if o.request.agency else ""),
    RegisterColumn(_("Grounds"), lambda o: o.grounds_display()),
    RegisterColumn(_("Decision of the Atasan PPID"), objection_decision),
    RegisterColumn(_("Date of the answer"), lambda o: local_date(o.answered_at)),
    RegisterColumn(_("Name and post of the Atasan PPID"), supervisor),
    RegisterColumn(_("Requester's reaction"), reaction),
)


def objection_register(objections):
    reactions = ObjectionEvent.objects.filter(kind__in=REACTION_KINDS).order_by("created_at", "pk")
    return (
        objections.select_related("request", "request__agency")
        .prefetch_related(Prefetch("events", queryset=reactions, to_attr="reaction_events"))
        .order_by("received_on", "registration_year", "registration_sequence")
    )


# --- Both -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Register:
    slug: str
    title: str
    columns: tuple[RegisterColumn, ...]
    model: type
    prepare: Callable
    # The date a row belongs to a period by, and the lookup to its agency.
    date_field: str
    agency_field: str

    def headings(self):
        return [column.heading for column in self.columns]

    def row(self, instance):
        return [column.cell(instance) for column in self.columns]

    def rows(self, queryset):
        return (self.row(instance) for instance in queryset)

    def filter(self, queryset, *, received_from=None, received_to=None, agency=None):
        if received_from:
            queryset = queryset.filter(**{f"{self.date_field}__gte": received_from})
        if received_to:
            queryset = queryset.filter(**{f"{self.date_field}__lte": received_to})
        if agency:
            queryset = queryset.filter(**{self.agency_field: agency})
        return self.prepare(queryset)


REQUEST_REGISTER = Register(
    slug="requests",
    title=_("Request register"),
    columns=REQUEST_COLUMNS,
    model=InformationRequest,
    prepare=request_register,
    date_field="received_on",
    agency_field="agency",
)
OBJECTION_REGISTER = Register(
    slug="objections",
    title=_("Objection register"),
    columns=OBJECTION_COLUMNS,
    model=Objection,
    prepare=objection_register,
    date_field="received_on",
    agency_field="request__agency",
)
