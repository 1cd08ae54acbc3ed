"""The page django-axes shows once an account is locked after repeated wrong passwords."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response, credentials):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "portal/login_locked.html", {"lockout_minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
