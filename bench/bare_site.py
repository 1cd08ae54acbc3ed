"""The baseline of bench/pages.py: a Django view answering "ok", nothing else in the way.

The portal's production settings with one URL and no middleware, served by the same gunicorn
settings as the portal, so that the ratio of a page to it says what the portal costs on top of
Django and the server.
"""

from django.http import HttpResponse
from django.urls import path

from portal.settings.production import *  # noqa: F403

ROOT_URLCONF = __name__
MIDDLEWARE = []


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("", ok)]
