from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from search.models import Synonym


class SynonymViewSet(ModelViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    form_fields = ["terms", "note"]
    list_display = ["terms", "note"]
    search_fields = ["terms", "note"]
    search_backend_name = None  # not in the index: the admin searches the table itself
