"""A visitor's search, read from the query string and validated; what was invalid is reported."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext as _

from search.facets import FACETS

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000


class SearchRequest:
    def __init__(self, data, facets=FACETS):
        self.facets = facets
        form = forms.Form(data)
        form.fields["q"] = forms.CharField(
            label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH, strip=True
        )
        form.fields["page"] = forms.IntegerField(
            label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE
        )
        for facet in facets:
            form.fields[facet.name] = facet.form_field()
        form.is_valid()
        self.errors = [
            f"{form.fields[name].label}: {' '.join(messages)}"
            for name, messages in form.errors.items()
        ]
        cleaned = form.cleaned_data
        self.query = cleaned.get("q") or ""
        self.page = cleaned.get("page") or 1
        self.selected = {
            facet.name: cleaned[facet.name]
            for facet in facets
            if cleaned.get(facet.name) not in (None, "")
        }

    @property
    def is_valid(self):
        return not self.errors

    def query_string(self, **changes):
        """This search as a query string, with `changes` applied (None removes a parameter)."""
        pairs = {"q": self.query, **self.selected}
        for name, value in changes.items():
            if value is None:
                pairs.pop(name, None)
            else:
                pairs[name] = value
        return urlencode([(name, value) for name, value in pairs.items() if value != ""])
