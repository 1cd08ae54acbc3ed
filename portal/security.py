"""Response headers that tell browsers what a page may do: Content-Security-Policy and
Permissions-Policy. HSTS, nosniff, referrer, frame and cross-origin opener policies come from
Django's SecurityMiddleware and XFrameOptionsMiddleware, configured in the settings.

The public site runs no inline script or style at all, so its policy allows only the portal's own
files. The Wagtail admin still has inline scripts in some widgets (date pickers, inline panels) and
sets styles from JavaScript, so the paths under `PORTAL_ADMIN_PATH_PREFIX` get a relaxed policy of
their own; it still allows no other origin and no framing by other sites.
"""

from urllib.parse import urlsplit

from django.conf import settings

SELF = "'self'"
NONE = "'none'"
UNSAFE_INLINE = "'unsafe-inline'"

# Nothing on the public site needs the camera, the microphone, location or payments.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def origin(url):
    """`https://host:port` of an URL, or None for an empty or relative one."""
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def media_origins():
    """Where images and documents come from besides the portal: the S3 endpoint that signs them."""
    configured = getattr(settings, "PORTAL_CSP_MEDIA_ORIGINS", None)
    if configured is not None:
        return list(configured)
    if getattr(settings, "STORAGE_BACKEND", "local") != "s3":
        return []
    options = settings.STORAGES["default"]["OPTIONS"]
    endpoint = origin(options.get("endpoint_url"))
    if endpoint:
        return [endpoint]
    bucket = options["bucket_name"]
    return [f"https://{bucket}.s3.amazonaws.com", "https://s3.amazonaws.com"]


def public_policy():
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *media],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, *media],
        "object-src": [NONE],
        "frame-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }


def admin_policy():
    media = media_origins()
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *media],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "media-src": [SELF, *media],
        "object-src": [NONE],
        # The page preview is an iframe of the admin itself.
        "frame-src": [SELF],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


def serialize(directives, upgrade_insecure_requests):
    parts = [f"{name} {' '.join(sources)}" for name, sources in directives.items()]
    if upgrade_insecure_requests:
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers a view did not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Over plain HTTP (`make run`) upgrading would break every image and script.
        upgrade = getattr(settings, "SECURE_SSL_REDIRECT", False)
        self.public = serialize(public_policy(), upgrade)
        self.admin = serialize(admin_policy(), upgrade)
        self.admin_prefix = settings.PORTAL_ADMIN_PATH_PREFIX

    def __call__(self, request):
        response = self.get_response(request)
        # Django's technical error pages (DEBUG only, never in production) are styled inline.
        debug_page = settings.DEBUG and response.status_code in {404, 500}
        if "Content-Security-Policy" not in response and not debug_page:
            is_admin = request.path_info.startswith(self.admin_prefix)
            response["Content-Security-Policy"] = self.admin if is_admin else self.public
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
