from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page

from portal.exports import csv_response, xlsx_response
from portal.lazy_context import lazy
from portal.routing import download_route, subpage_url
from ppid_docs.dip import build_dip, export_header, export_rows
from ppid_docs.models.indexes import ExemptRegisterPage


class DipPage(RoutablePageMixin, Page):
    """The Daftar Informasi Publik, generated from the published content, with CSV and XLSX."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    # Generated from what is published: fragments cached per generation (base.html).
    cache_fragments = True

    class Meta:
        verbose_name = _("public information list (DIP)")

    def dip_groups(self, request):
        locale = Locale.get_active()
        register = ExemptRegisterPage.objects.live().public().filter(locale=locale).first()
        return build_dip(request, locale, register)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            groups=lazy(self.dip_groups, request),  # not read when the content is cached
            generated_on=timezone.localdate(),
            csv_url=subpage_url(self, request, "export_csv"),
            xlsx_url=subpage_url(self, request, "export_xlsx"),
        )
        return context

    @download_route("export.csv", name="export_csv")
    def export_csv(self, request):
        rows = export_rows(self.dip_groups(request))
        return csv_response(self._export_filename("csv"), export_header(), rows)

    @download_route("export.xlsx", name="export_xlsx")
    def export_xlsx(self, request):
        rows = export_rows(self.dip_groups(request))
        return xlsx_response(self._export_filename("xlsx"), "DIP", export_header(), rows)

    def _export_filename(self, extension):
        return f"{self.slug}-{timezone.localdate().isoformat()}.{extension}"

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
