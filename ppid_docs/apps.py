from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidDocsConfig(AppConfig):
    name = "ppid_docs"
    verbose_name = _("Public information")

    def ready(self):
        from ppid_docs import signal_handlers

        signal_handlers.register()
