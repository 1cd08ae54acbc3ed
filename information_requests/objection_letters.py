"""The objection's letters, in the layout of `letters`: its receipt, and the Atasan PPID's answer.
Like every letter, they carry no NIK, address, phone number or token."""

from django.utils.translation import gettext as _

from information_requests.clock import format_day, format_moment
from information_requests.letters import Letter
from information_requests.objection_clock import objection_clock


def objection_rows(objection, policy):
    request = objection.request
    return [
        (_("Objection number"), objection.registration_number),
        (_("Request number"), request.registration_number),
        (_("Submitted"), format_moment(objection.submitted_at, policy)),
        (_("Counts as received on"), format_day(objection.received_on)),
        (_("Requester"), request.full_name),
        (_("Filed by a proxy"), objection.proxy_name),
        (_("Information requested"), request.information_requested),
        (_("Grounds (UU 14/2008 Pasal 35(1))"), objection.grounds_display()),
    ]


def render_objection_receipt_pdf(objection):
    """The tanda bukti of an objection: its own number, the grounds, and the Atasan's deadline."""
    clock = objection_clock(objection)
    letter = Letter(_("Receipt of an objection (keberatan)"))
    letter.fields(
        [
            *objection_rows(objection, clock.policy),
            (_("Reasons and facts of the objection"), objection.statement),
        ]
    )
    letter.heading(_("What happens next"))
    letter.paragraph(clock.response_explanation())
    letter.paragraph(
        _(
            "Follow your objection on the tracking page of your request, with the secret link "
            "from the e-mail we sent you when we received the request."
        )
    )
    return letter.to_bytes()


def render_objection_answer_pdf(objection):
    """The Atasan PPID's written answer (UU 36(2)), signed with their name and post."""
    clock = objection_clock(objection)
    letter = Letter(_("Answer of the Atasan PPID to an objection"))
    letter.fields(
        [
            *objection_rows(objection, clock.policy),
            (_("Date of this answer"), format_day(clock.answered_on)),
        ]
    )
    letter.heading(_("What the Atasan PPID decided"))
    letter.fields(
        [
            (_("Decision"), objection.get_decision_display()),
            (_("Reasons"), objection.decision_reasons),
            (_("Order to the PPID"), objection.order_to_ppid),
        ]
    )
    letter.paragraph(objection.supervisor_name)
    letter.paragraph(objection.supervisor_position)
    letter.heading(_("If you disagree"))
    letter.paragraph(clock.dispute_explanation())
    return letter.to_bytes()
