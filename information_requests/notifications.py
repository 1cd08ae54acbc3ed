"""E-mails to the requester. Called by the tasks in tasks.py, after the database has committed."""

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from information_requests.clock import request_clock
from information_requests.letters import render_notice_pdf, render_receipt_pdf
from information_requests.links import track_form_url, tracking_url
from information_requests.numbering import registration_slug
from information_requests.objection_clock import objection_clock
from information_requests.objection_letters import (
    render_objection_answer_pdf,
    render_objection_receipt_pdf,
)
from information_requests.survey import survey_url

PDF = "application/pdf"


def request_submitted(request, token):
    """The registration number, the secret tracking link and the PDF receipt (UU 22(4)-(6)).

    Returns whether a message went out: a requester who gave only a phone number gets none.
    """
    if not request.email:
        return False
    context = {
        "request": request,
        "clock": request_clock(request),
        "tracking_url": tracking_url(request, token),
    }
    message = EmailMessage(
        subject=_("Your information request %(number)s has been received")
        % {"number": request.registration_number},
        body=render_to_string("information_requests/email/request_submitted.txt", context),
        to=[request.email],
    )
    message.attach(receipt_filename(request), render_receipt_pdf(request), PDF)
    message.send()
    return True


def notice_issued(request):
    """Store the written notice as a PDF (private storage) and e-mail it to the requester.

    The token is not stored, so the message points to the first e-mail's link instead.
    """
    notice = request.notice
    if notice.pdf:
        with notice.pdf.open("rb") as stored:
            pdf = stored.read()
    else:
        pdf = render_notice_pdf(notice)
        notice.pdf.save(notice_filename(request), ContentFile(pdf), save=True)
    if not request.email:
        return False
    context = {
        "request": request,
        "notice": notice,
        "track_form_url": track_form_url(),
        "survey_url": survey_url(request),
    }
    message = EmailMessage(
        subject=_("Written notice on your information request %(number)s")
        % {"number": request.registration_number},
        body=render_to_string("information_requests/email/notice_issued.txt", context),
        to=[request.email],
    )
    message.attach(notice_filename(request), pdf, PDF)
    message.send()
    return True


def receipt_filename(request):
    return _("receipt-%(number)s.pdf") % {"number": registration_slug(request.registration_number)}


def notice_filename(request):
    return _("notice-%(number)s.pdf") % {"number": registration_slug(request.registration_number)}


def objection_filed(objection):
    """The objection's registration number, the Atasan's deadline and the PDF receipt."""
    request = objection.request
    if not request.email:
        return False
    context = {
        "objection": objection,
        "clock": objection_clock(objection),
        "track_form_url": track_form_url(),
    }
    message = EmailMessage(
        subject=_("Your objection %(number)s has been received")
        % {"number": objection.registration_number},
        body=render_to_string("information_requests/email/objection_filed.txt", context),
        to=[request.email],
    )
    message.attach(
        objection_receipt_filename(objection), render_objection_receipt_pdf(objection), PDF
    )
    message.send()
    return True


def objection_answered(objection):
    """Store the Atasan PPID's answer as a PDF (private storage) and e-mail it, like the notice."""
    if objection.decision_pdf:
        with objection.decision_pdf.open("rb") as stored:
            pdf = stored.read()
    else:
        pdf = render_objection_answer_pdf(objection)
        objection.decision_pdf.save(objection_answer_filename(objection), ContentFile(pdf))
    if not objection.request.email:
        return False
    context = {
        "objection": objection,
        "clock": objection_clock(objection),
        "track_form_url": track_form_url(),
    }
    message = EmailMessage(
        subject=_("The Atasan PPID has answered your objection %(number)s")
        % {"number": objection.registration_number},
        body=render_to_string("information_requests/email/objection_answered.txt", context),
        to=[objection.request.email],
    )
    message.attach(objection_answer_filename(objection), pdf, PDF)
    message.send()
    return True


def objection_receipt_filename(objection):
    return _("objection-receipt-%(number)s.pdf") % {
        "number": registration_slug(objection.registration_number)
    }


def objection_answer_filename(objection):
    return _("objection-answer-%(number)s.pdf") % {
        "number": registration_slug(objection.registration_number)
    }
