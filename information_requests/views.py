"""The requester's side: file a request, get the receipt, follow it, and search first.

Pages reached with the secret token send no referrer (the token is in their URL), are never cached
or indexed, and show nothing personal: no NIK, address, phone or identity document.
"""

import io
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from information_requests import objection_workflow, workflow
from information_requests.calendar import load_calendar
from information_requests.clock import request_clock
from information_requests.deadlines import policy_from_settings
from information_requests.forms import RequestForm, TrackingForm
from information_requests.letters import render_notice_pdf, render_receipt_pdf
from information_requests.links import token_kwargs, tracking_url
from information_requests.models import SearchFirstHit, WrittenNotice
from information_requests.notifications import (
    notice_filename,
    objection_answer_filename,
    objection_receipt_filename,
    receipt_filename,
)
from information_requests.numbering import registration_slug
from information_requests.objection_clock import milestones, objection_clock
from information_requests.objection_forms import ObjectionForm
from information_requests.objection_letters import (
    render_objection_answer_pdf,
    render_objection_receipt_pdf,
)
from information_requests.objection_rules import ObjectionRefused
from information_requests.objection_tracking import filing_options, find_objection
from information_requests.objection_tracking import timeline as objection_timeline
from information_requests.suggestions import MAX_QUERY_LENGTH, suggest, suggestable_pages
from information_requests.survey import (
    ALREADY_RATED,
    NOT_ANSWERED,
    SurveyRefused,
    invitation,
    record_response,
    refusal,
    request_for_token,
)
from information_requests.survey_forms import SatisfactionForm
from information_requests.tracking import find_request, timeline
from portal.ratelimit import rate_limited


def private(view):
    """For responses that hold a secret or what a requester typed: never stored, never indexed,
    and no Referer header telling another site the URL.

    `same-origin`, not `no-referrer`: under `no-referrer` browsers send `Origin: null` with the
    page's own form posts (the objection form, the survey), which CSRF protection must refuse.
    The URL still goes to no other site; this one has it already."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def tracked_request_or_404(number, token):
    """One 404 for an unknown number and for a wrong token alike."""
    found = find_request(number, token)
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("information_request")
def request_form(request):
    form = RequestForm(request.POST, request.FILES) if request.method == "POST" else RequestForm()
    if form.is_valid():
        submitted, token = workflow.submit(form.requester_fields(), attachments=form.attachments())
        return redirect("information_requests:receipt", **token_kwargs(submitted, token))
    response = render(
        request,
        "information_requests/request_form.html",
        {
            "form": form,
            "policy": policy_from_settings(),
            # The browser cannot give back chosen files: say so when a form with files comes back.
            "files_dropped": bool(request.FILES),
        },
        status=400 if form.is_bound else 200,
    )
    if form.is_bound:
        # It shows back what the requester typed: NIK, address, phone.
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@private
def receipt(request, number, token):
    found = tracked_request_or_404(number, token)
    return render(
        request,
        "information_requests/request_receipt.html",
        {
            "info_request": found,
            "clock": request_clock(found),
            "tracking_url": tracking_url(found, token),
            "number": registration_slug(found.registration_number),
            "token": token,
        },
    )


@require_GET
@private
def receipt_pdf(request, number, token):
    found = tracked_request_or_404(number, token)
    return pdf_response(io.BytesIO(render_receipt_pdf(found)), receipt_filename(found))


@require_http_methods(["GET", "HEAD", "POST"])
@private
@rate_limited("tracking")
def track(request):
    """Number + secret code typed in; the secret link from the e-mail skips this step."""
    form = TrackingForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        found = find_request(form.cleaned_data["registration_number"], form.cleaned_data["token"])
        if found is not None:
            return redirect(
                "information_requests:tracking",
                **token_kwargs(found, form.cleaned_data["token"]),
            )
        form.add_error(
            None,
            ValidationError(
                _(
                    "No request matches this registration number and secret code. Check both "
                    "against the e-mail we sent you."
                ),
                code="not_found",
            ),
        )
        status = 404
    elif form.is_bound:
        status = 400
    return render(request, "information_requests/tracking_form.html", {"form": form}, status=status)


@require_GET
@private
def tracking(request, number, token):
    found = tracked_request_or_404(number, token)
    notice = WrittenNotice.objects.filter(request=found).only("outcome", "request").first()
    calendar = load_calendar()
    objections = list(found.objections.order_by("submitted_at"))
    return render(
        request,
        "information_requests/information_request.html",
        {
            "info_request": found,
            "clock": request_clock(found, calendar),
            "timeline": timeline(found),
            "notice": notice,
            "objections": objections,
            "filing": filing_options(found, objections=objections, calendar=calendar),
            "survey": invitation(found),
            "number": registration_slug(found.registration_number),
            "token": token,
        },
    )


@require_GET
@private
def notice_pdf(request, number, token):
    """The written notice as sent, from private storage; rendered afresh if it was never stored."""
    found = tracked_request_or_404(number, token)
    notice = get_object_or_404(WrittenNotice, request=found)
    pdf = notice.pdf.open("rb") if notice.pdf else io.BytesIO(render_notice_pdf(notice))
    return pdf_response(pdf, notice_filename(found))


@require_http_methods(["GET", "HEAD", "POST"])
@private
def objection_form(request, number, token):
    """File an objection online; the tracking token proves it is the requester's."""
    found = tracked_request_or_404(number, token)
    options = filing_options(found)
    data = request.POST if request.method == "POST" else None
    form = ObjectionForm(data, grounds=options.grounds)
    if form.is_bound and options.may_file and form.is_valid():
        try:
            objection = objection_workflow.file_objection(found, **form.filing())
        except ObjectionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            return redirect(
                "information_requests:objection",
                objection=objection.number_slug,
                **token_kwargs(found, token),
            )
    return render(
        request,
        "information_requests/objection_form.html",
        {
            "info_request": found,
            "form": form,
            "filing": options,
            "number": registration_slug(found.registration_number),
            "token": token,
        },
        status=400 if form.is_bound else 200,
    )


def tracked_objection_or_404(number, token, slug):
    found = tracked_request_or_404(number, token)
    objection = find_objection(found, slug)
    if objection is None:
        raise Http404
    return found, objection


@require_GET
@private
def objection(request, number, token, objection):
    found, objection = tracked_objection_or_404(number, token, objection)
    return render(
        request,
        "information_requests/objection.html",
        {
            "info_request": found,
            "objection": objection,
            "clock": objection_clock(objection),
            "milestones": milestones(objection),
            "timeline": objection_timeline(objection),
            "number": registration_slug(found.registration_number),
            "objection_number": objection.number_slug,
            "token": token,
        },
    )


@require_GET
@private
def objection_receipt_pdf(request, number, token, objection):
    _found, objection = tracked_objection_or_404(number, token, objection)
    pdf = io.BytesIO(render_objection_receipt_pdf(objection))
    return pdf_response(pdf, objection_receipt_filename(objection))


@require_GET
@private
def objection_answer_pdf(request, number, token, objection):
    """The Atasan's answer as sent, from private storage; rendered afresh if never stored."""
    _found, objection = tracked_objection_or_404(number, token, objection)
    if not objection.answered_at:
        raise Http404
    if objection.decision_pdf:
        pdf = objection.decision_pdf.open("rb")
    else:
        pdf = io.BytesIO(render_objection_answer_pdf(objection))
    return pdf_response(pdf, objection_answer_filename(objection))


def surveyed_request_or_404(token):
    found = request_for_token(token)
    if found is None:
        raise Http404
    return found


@require_http_methods(["GET", "HEAD", "POST"])
@private
def survey(request, token):
    """Rate the service once the request is answered; the signed link alone opens it."""
    found = surveyed_request_or_404(token)
    refused = refusal(found)
    if refused == NOT_ANSWERED:
        return render_survey(request, found, refused=refused, status=403)
    if refused == ALREADY_RATED:
        # Seeing the survey again is fine; a second answer conflicts with the first.
        return render_survey(
            request, found, refused=refused, status=409 if request.method == "POST" else 200
        )
    form = SatisfactionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            record_response(found, form.scores(), form.cleaned_data["comment"])
        except SurveyRefused as race:
            return render_survey(request, found, refused=race.message, status=409)
        return redirect("information_requests:survey_thanks", token=token)
    return render_survey(request, found, form=form, status=400 if form.is_bound else 200)


def render_survey(request, found, *, form=None, refused="", status=200):
    context = {"info_request": found, "form": form, "refused": refused}
    return render(request, "information_requests/survey.html", context, status=status)


@require_GET
@private
def survey_thanks(request, token):
    found = surveyed_request_or_404(token)
    if refusal(found) != ALREADY_RATED:
        return redirect("information_requests:survey", token=token)
    return render(request, "information_requests/survey_thanks.html", {"info_request": found})


def pdf_response(pdf, filename):
    return FileResponse(pdf, as_attachment=True, filename=filename, content_type="application/pdf")


@require_GET
@private
def suggestions(request):
    """JSON for the request form's script: published pages that may already answer the request."""
    query = request.GET.get("q", "")
    if len(query) > MAX_QUERY_LENGTH:
        message = _("Use at most %(limit)d characters.") % {"limit": MAX_QUERY_LENGTH}
        return JsonResponse({"error": message, "results": []}, status=400)
    return JsonResponse(
        {
            "results": [
                {
                    "title": page.title,
                    "summary": getattr(page, "summary", ""),
                    "url": follow_url(page, query),
                }
                for page in suggest(query)
            ]
        }
    )


def follow_url(page, query):
    path = reverse("information_requests:follow_suggestion", kwargs={"page_id": page.pk})
    return f"{path}?{urlencode({'q': query})}"


@require_GET
@private
def follow_suggestion(request, page_id):
    """Count that the answer was already published, then go to it."""
    page = get_object_or_404(suggestable_pages(), pk=page_id)
    SearchFirstHit.objects.create(query=request.GET.get("q", "")[:MAX_QUERY_LENGTH], page=page)
    return redirect(page.get_url(request=request))
