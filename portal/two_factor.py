"""Two-factor sign-in for the Wagtail admin: a password, then a code from an authenticator app.

django-otp keeps the TOTP devices and marks a session as verified; this module adds what Wagtail
does not have: the enrolment page (QR code and key for the app, confirmed by a first code), the
page that asks for the code after each sign-in, and a middleware that sends every signed-in but
unverified user to one of them before any other admin page. A user who has set up a device must
give a code from it before anything else, enrolment included, so a stolen password alone cannot
replace the device.

`PORTAL_ADMIN_TWO_FACTOR` turns the requirement on (production and the default) or off (`make run`
and tests that are about something else). `manage.py reset_two_factor USERNAME` removes a user's
devices when a phone is lost.
"""

import base64
from functools import cache
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "authenticator"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        error_messages={"required": _("Enter the 6-digit code your authenticator app shows.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a minute, then enter the current code."),
                code="throttled",
            )
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(
                _("This code is not right or has expired. Enter the code your app shows now."),
                code="invalid",
            )
        return code


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def qr_code_data_uri(text):
    """The QR code of `text` as an SVG data: URI (the admin's policy allows data: images)."""
    svg = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def admin_login_url():
    return reverse("wagtailadmin_login")


@never_cache
@login_required(login_url=admin_login_url)
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """Enrol an authenticator app: scan the QR code (or type the key), then confirm with a code."""
    if confirmed_device(request.user) and not request.user.is_verified():
        return redirect_to("portal_two_factor_verify", safe_next(request))
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    form = CodeForm(device, request.POST if request.method == "POST" else None)
    if form.is_valid():
        # One confirmed device per user: the new app replaces any earlier one.
        TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(safe_next(request))
    return render(
        request,
        "portal/two_factor/setup.html",
        {
            "form": form,
            "next": safe_next(request),
            "qr_code": qr_code_data_uri(device.config_url),
            "secret": spaced(base64.b32encode(device.bin_key).decode()),
        },
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required(login_url=admin_login_url)
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """The second step of every sign-in: a code from the enrolled app."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect_to("portal_two_factor_setup", safe_next(request))
    form = CodeForm(device, request.POST if request.method == "POST" else None)
    if form.is_valid():
        otp_login(request, device)
        return redirect(safe_next(request))
    return render(
        request,
        "portal/two_factor/verify.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.is_bound else 200,
    )


def spaced(key):
    """A long key in groups of four, easier to type into an app."""
    return " ".join(key[index : index + 4] for index in range(0, len(key), 4))


def redirect_to(view_name, next_url):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': next_url})}")


@cache
def exempt_paths():
    """Admin pages an unverified user may still open: signing in and out, the second step, and
    what the admin's own pages load (the icon sprite is fetched and inserted into the page)."""
    return tuple(
        reverse(name)
        for name in (
            "wagtailadmin_login",
            "wagtailadmin_logout",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_sprite",
            "portal_two_factor_setup",
            "portal_two_factor_verify",
        )
    )


class AdminTwoFactorMiddleware:
    """Before any admin page, a signed-in user proves the second factor (or sets one up)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.needs_second_factor(request):
            enrolled = user_has_device(request.user, confirmed=True)
            target = "portal_two_factor_verify" if enrolled else "portal_two_factor_setup"
            return redirect_to(target, request.get_full_path())
        return self.get_response(request)

    def needs_second_factor(self, request):
        return (
            settings.PORTAL_ADMIN_TWO_FACTOR
            and request.path_info.startswith(settings.PORTAL_ADMIN_PATH_PREFIX)
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not request.path_info.startswith(exempt_paths())
        )
