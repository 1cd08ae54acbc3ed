"""The staff side of information requests in the Wagtail admin.

Listing and inspecting only read; every change goes through a POST to `RequestActionView`,
which hands the action's form to `workflow`. Requests are never added, edited or deleted here.
"""

from datetime import datetime

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from information_requests import workflow
from information_requests.admin_forms import action_form
from information_requests.calendar import load_calendar
from information_requests.deadlines import (
    DeadlineError,
    deadline_standing,
    policy_from_settings,
    today_local,
)
from information_requests.filters import InformationRequestFilterSet
from information_requests.inspection import (
    REQUEST_SECTIONS,
    deadline_sections,
    extension_refusal_now,
    timeline,
)
from information_requests.models import (
    CalendarOverride,
    InformationRequest,
    RequestAttachment,
    StaffAgency,
)
from information_requests.permissions import roles_of, visible_requests
from information_requests.states import Action, InvalidTransition


class ForbiddenPageMixin:
    """A refusal is a 403 page, not Wagtail's usual redirect to the dashboard: the member of staff
    sees plainly that this is not theirs to do, and the status says so too."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(
                request, "information_requests/admin/permission_denied.html", status=403
            )


class DeadlineStandingColumn(Column):
    """Working days left, or an overdue badge, for open requests."""

    cell_template_name = "information_requests/admin/deadline_standing_cell.html"

    def __init__(self, name, *, calendar, today, **kwargs):
        super().__init__(name, **kwargs)
        self.calendar = calendar
        self.today = today

    def get_value(self, instance):
        if not instance.is_open:
            return None
        return deadline_standing(instance.current_due_on, self.today, self.calendar)


class DeadlineMixin:
    """One calendar and one 'today' per page, shared by everything on it."""

    @cached_property
    def policy(self):
        return policy_from_settings()

    @cached_property
    def calendar(self):
        return load_calendar()

    @cached_property
    def today(self):
        return today_local(self.policy)


class InformationRequestIndexView(ForbiddenPageMixin, DeadlineMixin, generic.IndexView):
    def get_base_queryset(self):
        return visible_requests(self.request.user).select_related("agency").with_due_on()

    @cached_property
    def columns(self):
        standing = DeadlineStandingColumn(
            "standing", label=_("Days left"), calendar=self.calendar, today=self.today
        )
        return [*super().columns, standing]

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "calendar": self.calendar, "today": self.today}

    def render_to_response(self, context, **response_kwargs):
        if self.filters and not self.filters.is_valid():
            # The form shows what is wrong with the filter; the status says so too.
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


class InformationRequestInspectView(ForbiddenPageMixin, DeadlineMixin, generic.InspectView):
    template_name = "information_requests/admin/information_request_inspect.html"
    action_url_name = None
    attachment_url_name = None
    fields = [name for _slug, _heading, names in REQUEST_SECTIONS for name in names]

    def get_object(self, queryset=None):
        requests = visible_requests(self.request.user).select_related(
            "agency", "notice", "notice__issued_by"
        )
        return get_object_or_404(requests, pk=self.pk)

    @cached_property
    def roles(self):
        return roles_of(self.request.user)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime):
            return date_format(localtime(value), "DATETIME_FORMAT")
        return value

    def get_nik_display_value(self):
        if self.roles.may_open_identity_documents(self.object):
            return self.object.nik
        return self.object.masked_nik

    def get_agency_display_value(self):
        return self.object.agency or _("Not assigned yet")

    def get_page_title(self):
        return _("Information request")

    def action_forms(self):
        """A form for each action possible now that this user may take; or why extending is
        refused, instead of a form that can only fail."""
        actions = []
        for action in workflow.possible_actions(self.object):
            if not self.roles.may_act(action, self.object):
                continue
            refusal = ""
            if action == Action.EXTEND:
                refusal = extension_refusal_now(self.object, self.policy)
            actions.append(
                {
                    "action": action,
                    "label": action.label,
                    "url": reverse(self.action_url_name, args=(quote(self.object.pk), action)),
                    "form": None if refusal else action_form(action, self.object),
                    "refusal": refusal,
                }
            )
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = dict(zip(self.fields, context["fields"], strict=True))
        attachments = list(self.object.attachments.order_by("pk"))
        may_open = self.roles.may_open_identity_documents(self.object)
        for attachment in attachments:
            attachment.download_url = (
                reverse(self.attachment_url_name, args=(attachment.pk,)) if may_open else None
            )
        context.update(
            {
                "sections": [
                    (slug, heading, [fields[name] for name in names])
                    for slug, heading, names in REQUEST_SECTIONS
                ],
                "standing": self.object.is_open
                and deadline_standing(self.object.current_due_on, self.today, self.calendar),
                "deadlines": deadline_sections(self.object, self.calendar, self.policy),
                "notice": getattr(self.object, "notice", None),
                "attachments": attachments,
                "events": timeline(self.object),
                "actions": self.action_forms(),
            }
        )
        return context


class WorkflowActionView(ForbiddenPageMixin, WagtailAdminTemplateMixin, View):
    """POST only: one action on a case through its workflow's form, then back to the case.
    Subclasses say which actions exist, which cases the user sees, who may act, and how."""

    http_method_names = ["post"]
    template_name = "information_requests/admin/action_form.html"
    inspect_url_name = None
    action_class = None
    invalid_transition = None
    refusals = (ValidationError,)

    def visible(self, user):
        raise NotImplementedError

    def may_act(self, user):
        raise NotImplementedError

    def refusal_before_form(self):
        """A message when the action is not possible at all now, before reading the form."""
        return None

    def make_form(self, request):
        raise NotImplementedError

    def success_text(self, form, changed):
        raise NotImplementedError

    def post(self, request, pk, action):
        try:
            self.action = self.action_class(action)
        except ValueError:
            raise Http404 from None
        self.object = get_object_or_404(self.visible(request.user), pk=pk)
        if not self.may_act(request.user):
            raise PermissionDenied
        inspect_url = reverse(self.inspect_url_name, args=(quote(self.object.pk),))
        refusal = self.refusal_before_form()
        if refusal:
            messages.error(request, refusal)
            return redirect(inspect_url)
        form = self.make_form(request)
        if form.is_valid():
            try:
                changed = form.perform(self.object, actor=request.user)
            except self.invalid_transition as error:
                messages.error(request, str(error))
                return redirect(inspect_url)
            except self.refusals as error:
                form.add_refusal(error)
            else:
                messages.success(request, self.success_text(form, changed))
                return redirect(inspect_url)
        context = self.get_context_data(form=form, inspect_url=inspect_url, object=self.object)
        return self.render_to_response(context, status=400)

    def get_page_title(self):
        return self.action.label

    def get_page_subtitle(self):
        return str(self.object)


class RequestActionView(WorkflowActionView):
    """Take one action on a request through `workflow`."""

    index_url_name = None
    header_icon = "mail"
    action_class = Action
    invalid_transition = InvalidTransition
    refusals = (ValidationError, DeadlineError)

    def visible(self, user):
        return visible_requests(user)

    def may_act(self, user):
        return roles_of(user).may_act(self.action, self.object)

    def refusal_before_form(self):
        if self.action not in workflow.possible_actions(self.object):
            return str(InvalidTransition(self.action, self.object.status))
        return None

    def make_form(self, request):
        return action_form(self.action, self.object, request.POST)

    def success_text(self, form, changed):
        return form.success_message % {
            "number": changed.registration_number,
            "agency": changed.agency,
        }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(InformationRequest._meta.verbose_name_plural),
            },
            {
                "url": reverse(self.inspect_url_name, args=(quote(self.object.pk),)),
                "label": str(self.object),
            },
            {"url": "", "label": self.get_page_title()},
        ]


class IdentityDocumentView(ForbiddenPageMixin, View):
    """Stream an identity document from private storage to permitted staff; each opening is
    logged on the request's timeline. Only ever served under the admin."""

    def get(self, request, pk):
        attachments = RequestAttachment.objects.select_related("request").filter(
            request__in=visible_requests(request.user)
        )
        attachment = get_object_or_404(attachments, pk=pk)
        try:
            handle = workflow.open_identity_document(attachment, actor=request.user)
        except OSError:
            raise Http404(_("The file is missing from storage.")) from None
        extension = attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else ""
        filename = f"{attachment.request.registration_number}-{attachment.kind}".replace("/", "-")
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=f"{filename}.{extension}" if extension else filename,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "private, no-store"
        return response


class ReadOnlyViewSet(ModelViewSet):
    """Records staff only read in the admin: a list and an inspect page, and no add, edit,
    delete, copy, history or usage views."""

    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_per_page = 50

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                "inspect_url_name": self.get_url_name("inspect"),
                **kwargs,
            }
        )


class ActionsOnlyViewSet(ReadOnlyViewSet):
    """Records that change by workflow actions only, offered on their inspect page."""

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            action_url_name=self.get_url_name("action"), **kwargs
        )


class InformationRequestViewSet(ActionsOnlyViewSet):
    model = InformationRequest
    # Not the app's name: that namespace belongs to the public request pages.
    name = "request_admin"
    url_prefix = "information-requests"
    icon = "mail"
    menu_label = _("Requests")
    index_view_class = InformationRequestIndexView
    inspect_view_class = InformationRequestInspectView
    ordering = "-submitted_at"
    list_display = [
        "registration_number",
        "received_on",
        "full_name",
        Column("masked_nik", label=_("NIK")),
        Column(
            "agency",
            label=_("Agency"),
            accessor=lambda request: request.agency or _("Not assigned yet"),
        ),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda request: request.is_open,
        ),
        Column("due_on", label=_("Current deadline"), sort_key="due_on"),
    ]
    filterset_class = InformationRequestFilterSet
    search_fields = ["registration_number", "full_name", "information_requested"]
    search_backend_name = None

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            attachment_url_name=self.get_url_name("identity_document"), **kwargs
        )

    def get_permissions_to_register(self):
        # Add, change and delete mean nothing here: offer only what the roles are made of.
        return (
            super()
            .get_permissions_to_register()
            .filter(
                codename__in=[
                    "view_informationrequest",
                    "process_informationrequest",
                    "view_identity_document",
                ]
            )
        )

    @property
    def action_view(self):
        return self.construct_view(RequestActionView)

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("inspect/<int:pk>/<slug:action>/", self.action_view, name="action"),
            path(
                "identity-document/<int:pk>/",
                IdentityDocumentView.as_view(),
                name="identity_document",
            ),
        ]


class CalendarOverrideViewSet(ModelViewSet):
    model = CalendarOverride
    name = "calendar_overrides"
    url_prefix = "information-requests/calendar"
    icon = "date"
    menu_label = _("Working calendar")
    copy_view_enabled = False
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    ordering = "-date"
    panels = [
        HelpPanel(
            content=_(
                "National holidays and cuti bersama come from the official calendar. Record here "
                "only what it cannot know: a regional closure, a late decree, a make-up working "
                "day. Saving or deleting a day recomputes the deadlines of open requests; a "
                "deadline already told to a requester never moves earlier."
            )
        ),
        FieldPanel("date", help_text=_("One override per date.")),
        FieldPanel(
            "kind",
            help_text=_(
                "An extra closure is not counted as a working day; an extra working day is "
                "counted even on a weekend or holiday."
            ),
        ),
        FieldPanel("reason"),
    ]


class StaffAgencyViewSet(ModelViewSet):
    model = StaffAgency
    name = "agency_staff"
    url_prefix = "information-requests/agency-staff"
    icon = "group"
    menu_label = _("Agency staff")
    copy_view_enabled = False
    list_display = ["user", "agency"]
    list_filter = ["agency"]
    panels = [
        HelpPanel(
            content=_(
                "Members of the PPID Pelaksana group see and work on the requests assigned to the "
                "agencies they are linked to here, and no others."
            )
        ),
        FieldPanel("user"),
        FieldPanel("agency"),
    ]
