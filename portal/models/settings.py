from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """How the public reaches the PPID desk: shown in every page's footer."""

    office_name = models.CharField(_("office"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    service_hours = models.TextField(
        _("service hours"), blank=True, help_text=_("e.g. Monday–Thursday 08.00–15.30 WIB")
    )

    class Meta:
        verbose_name = _("contact details")
