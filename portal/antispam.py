"""A honeypot for the public forms: a text field people never see and spam robots fill in.

It is moved off screen by the stylesheet (not hidden with `display: none`, which robots detect),
left out of the tab order and of what screen readers announce, and labelled so that anyone who
does come across it knows to leave it empty. A filled-in honeypot is a form error like any other:
nothing is stored, and the page says why.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class HoneypotForm(forms.Form):
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(
                _(
                    "This form looks as if a program filled it in, so it was not sent. If you "
                    "filled it in yourself, please contact the PPID service desk."
                ),
                code="honeypot",
            )
        return cleaned
