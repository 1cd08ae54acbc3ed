from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from information_requests.admin_views import (
    CalendarOverrideViewSet,
    InformationRequestViewSet,
    StaffAgencyViewSet,
)
from information_requests.dashboard import UrgentRequestsPanel
from information_requests.models import InformationRequest, Objection, SatisfactionResponse
from information_requests.objection_admin import ObjectionViewSet
from information_requests.permissions import (
    InformationRequestPermissionPolicy,
    ObjectionPermissionPolicy,
    SatisfactionResponsePermissionPolicy,
)
from information_requests.register_admin import ObjectionRegisterViewSet, RequestRegisterViewSet
from information_requests.survey_admin import SatisfactionResponseViewSet

# Before anything asks for the models' policies, or Wagtail would have made fallback ones.
register_permission_policy(
    InformationRequest, InformationRequestPermissionPolicy(InformationRequest)
)
register_permission_policy(Objection, ObjectionPermissionPolicy(Objection))
register_permission_policy(
    SatisfactionResponse, SatisfactionResponsePermissionPolicy(SatisfactionResponse)
)


class InformationRequestsGroup(ModelViewSetGroup):
    menu_label = _("Information requests")
    menu_icon = "mail"
    menu_order = 250
    items = (
        InformationRequestViewSet,
        ObjectionViewSet,
        RequestRegisterViewSet,
        ObjectionRegisterViewSet,
        SatisfactionResponseViewSet,
        CalendarOverrideViewSet,
        StaffAgencyViewSet,
    )


@hooks.register("register_admin_viewset")
def register_information_requests():
    return InformationRequestsGroup()


@hooks.register("construct_homepage_panels")
def add_urgent_requests_panel(request, panels):
    panels.append(UrgentRequestsPanel(request))
