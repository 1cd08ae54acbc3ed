"""Addresses the requester is given. E-mails and letters link to the public site whoever (or
whichever worker) sends them, so they are built from WAGTAILADMIN_BASE_URL, not from a request."""

from django.conf import settings
from django.urls import reverse

from information_requests.numbering import registration_slug


def absolute_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def token_kwargs(request, token):
    return {"number": registration_slug(request.registration_number), "token": token}


def tracking_path(request, token):
    return reverse("information_requests:tracking", kwargs=token_kwargs(request, token))


def tracking_url(request, token):
    """The secret link: anyone holding it sees the request's status (never personal data)."""
    return absolute_url(tracking_path(request, token))


def track_form_url():
    """Where to type the number and the secret code, for messages that cannot carry the token."""
    return absolute_url(reverse("information_requests:track"))
