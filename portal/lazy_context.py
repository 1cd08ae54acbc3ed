"""Context values computed only if a template renders them.

Pages whose fragments are cached (`portal.templatetags.page_fragments`) hand their costly values
to the template this way: on a cache hit nothing reads them, so their queries never run.
"""

from django.utils.functional import SimpleLazyObject


def lazy(function, *args, **kwargs):
    """`function(*args, **kwargs)`, called once, when first used."""
    return SimpleLazyObject(lambda: function(*args, **kwargs))
