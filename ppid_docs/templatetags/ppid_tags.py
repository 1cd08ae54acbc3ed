from django import template

from ppid_docs.figures import format_rupiah

register = template.Library()


@register.filter
def rupiah(amount):
    """Rp1.234.567, the Indonesian way, in every language; empty stays empty."""
    if amount is None or amount == "":
        return ""
    return format_rupiah(int(amount))
