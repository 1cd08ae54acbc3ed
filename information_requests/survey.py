"""The satisfaction survey on the requester's side: the link that invites them, who may answer,
and recording the one response a request gets.

The link carries a token signed with the secret key (`django.core.signing`): it names the request
and cannot be forged or guessed, and unlike the tracking token it can be made again whenever a
link is needed, in the notice's e-mail as on the tracking page. It opens nothing but the survey.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from information_requests.links import absolute_url
from information_requests.models import InformationRequest, SatisfactionResponse
from information_requests.satisfaction import ELEMENT_FIELDS

SIGNER = signing.Signer(salt="information_requests.satisfaction-survey")


class SurveyRefused(Exception):
    """The request cannot be rated (now, or any more): the message says why."""

    def __init__(self, message):
        self.message = message
        super().__init__(message)


NOT_ANSWERED = _(
    "The survey opens once your request has been answered with a written notice. Come back "
    "after you receive it."
)
ALREADY_RATED = _("This request has been rated already: a request is rated once. Thank you.")


def survey_token(request):
    """The same token for the same request each time, in the e-mail as on the tracking page."""
    return SIGNER.sign_object(request.pk)


def survey_path(request):
    return reverse("information_requests:survey", kwargs={"token": survey_token(request)})


def survey_url(request):
    return absolute_url(survey_path(request))


def request_for_token(token):
    """The request the token was signed for, or None for a token that was not."""
    try:
        pk = SIGNER.unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return InformationRequest.objects.filter(pk=pk).first()


def may_rate(request):
    """Once answered with a written notice the service has been given, whatever the decision and
    whether or not delivered or closed since; a withdrawn request was never served."""
    return request.answered_at is not None


def refusal(request):
    """Why `request` cannot be rated now, or None if it can."""
    if not may_rate(request):
        return NOT_ANSWERED
    if SatisfactionResponse.objects.filter(request=request).exists():
        return ALREADY_RATED
    return None


@dataclass(frozen=True)
class Invitation:
    """What the tracking page says about the survey: the link, or when it was answered."""

    path: str
    rated_at: datetime | None


def invitation(request):
    """None until the request is answered."""
    if not may_rate(request):
        return None
    rated_at = (
        SatisfactionResponse.objects.filter(request=request)
        .values_list("submitted_at", flat=True)
        .first()
    )
    return Invitation(survey_path(request), rated_at)


def record_response(request, scores, comment="", submitted_at=None):
    """Store the requester's ratings (`scores`: element field name to 1-4). Raises
    SurveyRefused when the request is not answered or was rated already."""
    if not may_rate(request):
        raise SurveyRefused(NOT_ANSWERED)
    try:
        # Its own savepoint: two submissions at once meet the unique constraint, not a 500.
        with transaction.atomic():
            return SatisfactionResponse.objects.create(
                request=request,
                comment=comment.strip(),
                submitted_at=submitted_at or timezone.now(),
                **{name: scores[name] for name in ELEMENT_FIELDS},
            )
    except IntegrityError:
        if SatisfactionResponse.objects.filter(request=request).exists():
            raise SurveyRefused(ALREADY_RATED) from None
        raise
