"""The requester's satisfaction survey: the nine elements of PermenPANRB 14/2017 on the 1-4
scale, each required, and an optional comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from information_requests.models.satisfaction import COMMENT_MAX_LENGTH
from information_requests.satisfaction import ELEMENT_FIELDS, ELEMENTS, RATING_CHOICES

RATING_ERRORS = {
    "required": _("Rate this element from 1 to 4."),
    "invalid_choice": _("Choose a rating from 1 (poor) to 4 (very good)."),
}


class SatisfactionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment or suggestion (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        help_text=_("Do not write personal data here: staff read it, the public never does."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        ratings = {
            element.field: forms.TypedChoiceField(
                label=f"{element.code}. {element.label}",
                help_text=element.question,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=RATING_ERRORS,
            )
            for element in ELEMENTS
        }
        # The ratings first, in the regulation's order; the comment last.
        self.fields = {**ratings, "comment": self.fields["comment"]}

    def scores(self):
        return {name: self.cleaned_data[name] for name in ELEMENT_FIELDS}

    def rating_fields(self):
        return [self[name] for name in ELEMENT_FIELDS]
