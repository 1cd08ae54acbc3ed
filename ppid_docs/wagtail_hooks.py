"""The admin for agencies and the exempt-information register, under "Public information"."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ppid_docs.models import Agency, ExemptionDecision


class AgencyViewSet(SnippetViewSet):
    model = Agency
    icon = "site"
    menu_label = _("Agencies")
    list_display = ["name", "acronym", "ppid_officer", "collection"]
    # Agency is indexed with an autocomplete field: searching finds names as they are typed.
    ordering = ["name"]


class ExemptionDecisionViewSet(SnippetViewSet):
    model = ExemptionDecision
    icon = "lock"
    menu_label = _("Exempt information")
    list_display = ["information", "agency", "ground", "decided_on", "exempt_until"]
    list_filter = ["agency", "ground", "decided_on", "exempt_until"]
    # Not in the search index: the admin searches these columns in the database.
    search_fields = ["information", "reasons", "decided_by"]
    search_backend_name = None
    ordering = ["-decided_on", "information"]


class PublicInformationGroup(SnippetViewSetGroup):
    items = (AgencyViewSet, ExemptionDecisionViewSet)
    menu_icon = "doc-full"
    menu_label = _("Public information")
    menu_name = "public-information"
    add_to_admin_menu = True


register_snippet(PublicInformationGroup)
