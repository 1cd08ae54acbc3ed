"""Finding a request without an account: its registration number plus the secret token.

A wrong token and an unknown number look exactly alike to the caller (same answer, same work), so
numbers, which are sequential, cannot be probed.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Value
from django.db.models.functions import Replace

from information_requests.choices import PUBLIC_EVENT_KINDS, EventKind
from information_requests.models import InformationRequest
from information_requests.numbering import registration_slug
from information_requests.workflow import token_matches

# Compared against when no request has the number; no token hashes to it.
NOBODY = InformationRequest(tracking_token_hash="0" * 64)


def find_request(number, token):
    """The request numbered `number` (slashes or hyphens, any case) if `token` is its token."""
    slug = registration_slug((number or "").strip())
    found = (
        InformationRequest.objects.annotate(
            number_slug=Replace("registration_number", Value("/"), Value("-"))
        )
        .filter(number_slug__iexact=slug)
        .first()
    )
    matches = token_matches(found or NOBODY, token)
    return found if matches and found is not None else None


# Notes written for the requester (what to complete, why the extension); other notes are internal.
NOTES_FOR_THE_REQUESTER = (EventKind.ASKED_TO_COMPLETE, EventKind.EXTENDED)


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    label: str
    detail: str = ""


def timeline(request):
    """The public events of the request, oldest first, with what the requester may read of each."""
    entries = []
    for event in request.events.filter(kind__in=PUBLIC_EVENT_KINDS).order_by("created_at", "pk"):
        detail = ""
        if event.kind in NOTES_FOR_THE_REQUESTER:
            detail = event.note
        elif event.kind == EventKind.ASSIGNED:
            detail = event.data.get("agency_name", "")
        entries.append(TimelineEntry(event.created_at, event.get_kind_display(), detail))
    return entries
