"""What a written notice must say for each decision (kip-rules §3), as a pure check."""

from django.utils.translation import gettext_lazy as _

from information_requests.choices import Outcome

REQUIRED_DETAILS = {
    Outcome.GRANTED_FULL: {
        "information_provided": _("Say what information will be provided."),
        "information_form": _("Say in which form it will be provided."),
    },
    Outcome.GRANTED_PARTIAL: {
        "information_provided": _("Say what information will be provided."),
        "information_form": _("Say in which form it will be provided."),
        "redactions": _("Say which parts are blacked out and why."),
    },
    Outcome.REJECTED: {
        "exemption_ground": _("Give the exemption ground of Pasal 17."),
        "consequence_test": _("Give the consequence test (uji konsekuensi) behind the rejection."),
    },
    Outcome.NOT_HELD: {
        "holding_body": _("Name the body that holds the information."),
    },
    Outcome.NOT_DOCUMENTED: {
        "documentation_period": _("Say how long it will take to document the information."),
    },
}


def notice_errors(outcome, details):
    """Field name -> message for every detail the decision needs and the notice lacks."""
    required = REQUIRED_DETAILS.get(Outcome(outcome), {})
    return {
        field: message
        for field, message in required.items()
        if not str(details.get(field) or "").strip()
    }
