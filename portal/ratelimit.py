"""Per-IP rate limits for the public forms, counted in the cache (shared Redis in production).

A limit is "COUNT/PERIOD", such as "20/h" or "30/10m" (s, m, h, d), set per scope in
`PORTAL_RATE_LIMITS`. Only the requests that do work are counted (POST by default): reading a form
never uses up the limit. Over the limit the visitor gets the translated 429 page, with a
Retry-After header saying when the window ends.

The cache key holds a hash of the address, not the address itself.
"""

import hashlib
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

RATE = re.compile(r"^\s*(?P<count>\d+)\s*/\s*(?P<multiple>\d*)\s*(?P<unit>[smhd])\s*$")
UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """(count, period in seconds) of a rate such as "20/h" or "30/10m"."""
    match = RATE.match(rate or "")
    if not match or int(match["count"]) < 1:
        raise ImproperlyConfigured(
            f"Rate limit {rate!r} must look like 20/h or 30/10m (units: s, m, h, d)."
        )
    return int(match["count"]), int(match["multiple"] or 1) * UNIT_SECONDS[match["unit"]]


def client_ip(request):
    """The visitor's address. Behind `PORTAL_TRUSTED_PROXY_COUNT` reverse proxies, each of which
    appends the address it saw to X-Forwarded-For, it is that many entries from the right; what the
    client itself put to the left is not trusted."""
    proxies = getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def seconds_until_allowed(scope, request):
    """Count this request against `scope`; None while under the limit, else the seconds to wait."""
    count, period = parse_rate(settings.PORTAL_RATE_LIMITS[scope])
    now = time.time()
    window = int(now // period)
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{address}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        hits = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens the next window
        cache.add(key, 1, timeout=period)
        hits = 1
    if hits <= count:
        return None
    return max(1, int((window + 1) * period - now))


def rate_limited(scope, methods=("POST",)):
    """Refuse a view's `methods` with HTTP 429 once a visitor's address is over `scope`'s limit."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods:
                wait = seconds_until_allowed(scope, request)
                if wait is not None:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def too_many_requests(request, wait_seconds):
    minutes = max(1, -(-wait_seconds // 60))
    response = render(request, "429.html", {"wait_minutes": minutes}, status=429)
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "private, no-store"
    return response
