"""The staff side of objections in the Wagtail admin: list, inspect, take an action (the Atasan
answers; PPID Utama records withdrawals and the dispute's milestones), and record an objection
received on paper. Every change goes through `objection_workflow`."""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from information_requests import objection_workflow
from information_requests.admin_views import (
    ActionsOnlyViewSet,
    DeadlineMixin,
    DeadlineStandingColumn,
    ForbiddenPageMixin,
    WorkflowActionView,
)
from information_requests.deadlines import deadline_standing, objection_response_deadline
from information_requests.inspection import objection_timeline
from information_requests.models import Objection
from information_requests.objection_admin_forms import PaperObjectionForm, objection_action_form
from information_requests.objection_clock import milestones
from information_requests.objection_rules import ObjectionRefused
from information_requests.objection_states import InvalidObjectionTransition, ObjectionAction
from information_requests.permissions import roles_of, visible_objections


class ObjectionIndexView(ForbiddenPageMixin, DeadlineMixin, generic.IndexView):
    def get_base_queryset(self):
        return visible_objections(self.request.user).select_related("request")

    @cached_property
    def columns(self):
        standing = DeadlineStandingColumn(
            "standing", label=_("Days left"), calendar=self.calendar, today=self.today
        )
        return [*super().columns, standing]

    @cached_property
    def header_buttons(self):
        if not roles_of(self.request.user).may_record_objections:
            return []
        return [
            HeaderButton(
                _("Record a paper objection"),
                url=reverse("objection_admin:paper"),
                icon_name="plus",
            )
        ]


class ObjectionInspectView(ForbiddenPageMixin, DeadlineMixin, generic.InspectView):
    template_name = "information_requests/admin/objection_inspect.html"
    action_url_name = None
    fields = [
        "registration_number",
        "request",
        "channel",
        "proxy_name",
        "statement",
        "periodic_information_due_on",
        "status",
        "submitted_at",
        "received_on",
        "response_due_on",
        "decision",
        "decision_reasons",
        "order_to_ppid",
        "supervisor_name",
        "supervisor_position",
        "answered_at",
    ]

    def get_object(self, queryset=None):
        objections = visible_objections(self.request.user).select_related("request")
        return get_object_or_404(objections, pk=self.pk)

    def get_page_title(self):
        return _("Objection")

    def action_forms(self):
        roles = roles_of(self.request.user)
        return [
            {
                "label": action.label,
                "url": reverse(self.action_url_name, args=(quote(self.object.pk), action)),
                "form": objection_action_form(action, self.object, user=self.request.user),
            }
            for action in objection_workflow.possible_actions(self.object, self.today)
            if roles.may_act_on_objection(action)
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objection = self.object
        context.update(
            {
                "grounds": objection.ground_choices(),
                "standing": objection.is_open
                and deadline_standing(objection.response_due_on, self.today, self.calendar),
                "response_count": objection_response_deadline(
                    objection.received_on, self.calendar, self.policy
                ),
                "milestones": milestones(objection),
                "events": objection_timeline(objection),
                "actions": self.action_forms(),
            }
        )
        return context


class ObjectionActionView(WorkflowActionView):
    """One action on an objection through `objection_workflow`."""

    header_icon = "warning"
    action_class = ObjectionAction
    invalid_transition = InvalidObjectionTransition

    def visible(self, user):
        return visible_objections(user)

    def may_act(self, user):
        return roles_of(user).may_act_on_objection(self.action)

    def make_form(self, request):
        return objection_action_form(self.action, self.object, request.POST, request.user)

    def success_text(self, form, changed):
        return form.success_message % {"number": changed}


class PaperObjectionView(ForbiddenPageMixin, WagtailAdminTemplateMixin, View):
    """PPID Utama record an objection that arrived on paper."""

    template_name = "information_requests/admin/paper_objection.html"
    inspect_url_name = None
    header_icon = "warning"
    page_title = _("Record an objection received on paper")

    def check_permission(self):
        # Inside get/post, so that ForbiddenPageMixin turns the refusal into a 403 page.
        if not roles_of(self.request.user).may_record_objections:
            raise PermissionDenied

    def get(self, request):
        self.check_permission()
        return self.render_to_response(self.get_context_data(form=PaperObjectionForm()))

    def post(self, request):
        self.check_permission()
        form = PaperObjectionForm(request.POST)
        if form.is_valid():
            try:
                objection = form.perform(request.user)
            except ObjectionRefused as refused:
                for reason in refused.reasons:
                    form.add_error(None, reason)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Objection %(number)s has been registered.")
                    % {"number": objection.registration_number},
                )
                return redirect(self.inspect_url_name, objection.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ObjectionViewSet(ActionsOnlyViewSet):
    model = Objection
    name = "objection_admin"
    url_prefix = "information-requests/objections"
    icon = "warning"
    menu_label = _("Objections")
    index_view_class = ObjectionIndexView
    inspect_view_class = ObjectionInspectView
    ordering = "-submitted_at"
    list_display = [
        "registration_number",
        "received_on",
        Column("request", label=_("Request")),
        Column("requester", label=_("Requester"), accessor=lambda o: o.request.full_name),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda objection: objection.is_open,
        ),
        Column("response_due_on", label=_("Answer due on"), sort_key="response_due_on"),
    ]
    list_filter = ["status"]
    search_fields = ["registration_number", "request__registration_number", "statement"]
    search_backend_name = None

    def get_permissions_to_register(self):
        return (
            super()
            .get_permissions_to_register()
            .filter(codename__in=["view_objection", "answer_objection"])
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path(
                "inspect/<int:pk>/<slug:action>/",
                self.construct_view(ObjectionActionView),
                name="action",
            ),
            path(
                "paper/",
                PaperObjectionView.as_view(inspect_url_name=self.get_url_name("inspect")),
                name="paper",
            ),
        ]
