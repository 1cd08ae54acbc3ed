from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationRequestsConfig(AppConfig):
    name = "information_requests"
    verbose_name = _("Information requests")

    def ready(self):
        from information_requests import calendar_changes  # noqa: F401 - connects the signals
