"""The request and objection registers in the Wagtail admin: a page per register, filtered by
period and agency, downloadable as CSV or XLSX with the same filter.

Only PPID staff see them, each the rows of the requests they may see (`permissions`): PPID Utama
and the Atasan PPID every agency's, PPID Pelaksana their own agencies'.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from information_requests.admin_views import ForbiddenPageMixin
from information_requests.permissions import roles_of, visible_objections, visible_requests
from information_requests.registers import OBJECTION_REGISTER, REQUEST_REGISTER, cell_text
from portal.exports import csv_response, xlsx_response
from ppid_docs.models import Agency

ROWS_PER_PAGE = 50
EXPORT_FORMATS = ("csv", "xlsx")


class RegisterFilterForm(forms.Form):
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received up to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.order_by("name"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return cleaned

    def query_string(self):
        """The filter as it was given, for the download links."""
        return urlencode({name: self.data[name] for name in self.fields if self.data.get(name)})


class RegisterView(ForbiddenPageMixin, WagtailAdminTemplateMixin, TemplateView):
    """One register: the filter, a page of rows, and the same rows as a download
    (`?export=csv|xlsx`)."""

    template_name = "information_requests/admin/register.html"
    register = None
    header_icon = "list-ul"

    def visible(self, user):
        raise NotImplementedError

    def get_page_title(self):
        return self.register.title

    @cached_property
    def filter_form(self):
        return RegisterFilterForm(self.request.GET or None)

    def get(self, request, *args, **kwargs):
        if not roles_of(request.user).sees_any:
            raise PermissionDenied
        form = self.filter_form
        if form.is_bound and not form.is_valid():
            context = self.get_context_data(form=form, page=None)
            return self.render_to_response(context, status=400)
        filters = form.cleaned_data if form.is_bound else {}
        rows = self.register.filter(self.visible(request.user), **filters)
        export = request.GET.get("export")
        if export:
            return self.download(export, rows)
        page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("p"))
        context = self.get_context_data(
            form=form,
            page=page,
            headings=self.register.headings(),
            rows=[self.register.row(instance) for instance in page],
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            exports=self.export_links(form),
        )
        return self.render_to_response(context)

    def export_links(self, form):
        query = form.query_string() if form.is_bound else ""
        return [
            (label, f"?{'&'.join(filter(None, [query, urlencode({'export': export})]))}")
            for export, label in (("csv", "CSV"), ("xlsx", "Excel (XLSX)"))
        ]

    def download(self, export, rows):
        if export not in EXPORT_FORMATS:
            context = self.get_context_data(
                form=self.filter_form, page=None, export_error=_("Choose CSV or XLSX.")
            )
            return self.render_to_response(context, status=400)
        headings = [str(heading) for heading in self.register.headings()]
        cells = ([cell_text(cell) for cell in self.register.row(row)] for row in rows.iterator(200))
        filename = f"register-{self.register.slug}-{timezone.localdate().isoformat()}.{export}"
        if export == "csv":
            return csv_response(filename, headings, cells)
        return xlsx_response(filename, str(self.register.title), headings, cells)


class RequestRegisterView(RegisterView):
    register = REQUEST_REGISTER

    def visible(self, user):
        return visible_requests(user)


class ObjectionRegisterView(RegisterView):
    register = OBJECTION_REGISTER

    def visible(self, user):
        return visible_objections(user)


class StaffOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return roles_of(request.user).sees_any


class RegisterViewSet(ViewSet):
    """A menu entry and a URL for one register."""

    view_class = None
    menu_item_class = StaffOnlyMenuItem

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    def get_urlpatterns(self):
        return [path("", self.view_class.as_view(), name="index")]


class RequestRegisterViewSet(RegisterViewSet):
    name = "request_register"
    url_prefix = "information-requests/register"
    icon = "list-ul"
    menu_label = _("Request register")
    view_class = RequestRegisterView


class ObjectionRegisterViewSet(RegisterViewSet):
    name = "objection_register"
    url_prefix = "information-requests/objection-register"
    icon = "list-ul"
    menu_label = _("Objection register")
    view_class = ObjectionRegisterView
