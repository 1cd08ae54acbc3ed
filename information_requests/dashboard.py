"""The dashboard panel: the user's requests that are overdue or due within three working days."""

from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component

from information_requests.calendar import load_calendar
from information_requests.deadlines import deadline_standing, policy_from_settings, today_local
from information_requests.permissions import roles_of, visible_requests

URGENT_WORKING_DAYS = 3
PANEL_LIMIT = 20


class UrgentRequestsPanel(Component):
    name = "urgent_information_requests"
    template_name = "information_requests/admin/urgent_requests_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        calendar = load_calendar()
        today = today_local(policy_from_settings())
        counted, _skipped = calendar.walk(today, URGENT_WORKING_DAYS)
        horizon = counted[-1] if counted else today
        urgent = (
            visible_requests(self.request.user)
            .due_on_or_before(horizon)
            .select_related("agency")
            .order_by("due_on", "pk")
        )
        rows = [
            (request, deadline_standing(request.current_due_on, today, calendar))
            for request in urgent[:PANEL_LIMIT]
        ]
        index_url = reverse("request_admin:index")
        return {
            "rows": rows,
            "more": len(rows) == PANEL_LIMIT,
            "overdue_url": f"{index_url}?{urlencode({'overdue': 'true'})}",
            "due_soon_url": f"{index_url}?{urlencode({'due_within': URGENT_WORKING_DAYS})}",
            "working_days": URGENT_WORKING_DAYS,
        }

    def render_html(self, parent_context=None):
        if not roles_of(self.request.user).sees_any:
            return ""
        return super().render_html(parent_context)
