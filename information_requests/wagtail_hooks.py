from wagtail import hooks
from wagtail.permissions import register_permission_policy

from information_requests.admin_views import InformationRequestsGroup
from information_requests.dashboard import UrgentRequestsPanel
from information_requests.models import InformationRequest
from information_requests.permissions import InformationRequestPermissionPolicy

# Before anything asks for the model's policy, or Wagtail would have made a fallback one.
register_permission_policy(
    InformationRequest, InformationRequestPermissionPolicy(InformationRequest)
)


@hooks.register("register_admin_viewset")
def register_information_requests():
    return InformationRequestsGroup()


@hooks.register("construct_homepage_panels")
def add_urgent_requests_panel(request, panels):
    panels.append(UrgentRequestsPanel(request))
