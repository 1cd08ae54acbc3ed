"""Mail to requesters leaves in background tasks, enqueued by `workflow` once the change is
committed. A failed message is logged and the task marked failed; the request itself is safe."""

import logging

from django.conf import settings
from django.utils import translation
from django_tasks import task

from information_requests import notifications
from information_requests.models import InformationRequest, Objection

logger = logging.getLogger(__name__)


@task()
def send_request_submitted(request_id, token, language=None):
    """`language`: the one the request was filed in, so the e-mail reads like the form did."""
    request = InformationRequest.objects.get(pk=request_id)
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            notifications.request_submitted(request, token)
        except Exception:
            logger.exception("Receipt of request %s not sent", request.registration_number)
            raise


@task()
def send_notice_issued(request_id):
    """The written notice is an official letter: always in the portal's main language."""
    request = InformationRequest.objects.select_related("notice").get(pk=request_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            notifications.notice_issued(request)
        except Exception:
            logger.exception("Written notice of request %s not sent", request.registration_number)
            raise


@task()
def send_objection_filed(objection_id, language=None):
    """The objection's number and receipt, in the language it was filed in."""
    objection = Objection.objects.select_related("request").get(pk=objection_id)
    with translation.override(language or settings.LANGUAGE_CODE):
        try:
            notifications.objection_filed(objection)
        except Exception:
            logger.exception("Receipt of objection %s not sent", objection.registration_number)
            raise


@task()
def send_objection_answered(objection_id):
    """The Atasan PPID's answer is an official letter: in the portal's main language."""
    objection = Objection.objects.select_related("request").get(pk=objection_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            notifications.objection_answered(objection)
        except Exception:
            logger.exception("Answer to objection %s not sent", objection.registration_number)
            raise
