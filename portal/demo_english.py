"""English versions of a selection of the demo corpus (`demo/english.json`), so the English site's
lists, search and news are not empty. A real PPID translates what matters most to foreign readers
and leaves the rest in Indonesian; the documents themselves stay in Indonesian.

Idempotent like the rest of the demo: a page that has an English version already is left alone.
"""

import json
from pathlib import Path

from django.conf import settings
from wagtail.models import Locale, Page

from news.importer import body_blocks
from portal.demo import default_and_english_locales, ensure_translation

DEMO_ENGLISH = Path(settings.BASE_DIR) / "demo" / "english.json"


def load_demo_english():
    """Publish the English pages of `demo/english.json`; returns them (existing ones included)."""
    data = json.loads(DEMO_ENGLISH.read_text(encoding="utf-8"))
    default, english = default_and_english_locales()
    translator = _Translator(english, data["agencies"])
    originals = {
        page.slug: page
        for page in Page.objects.filter(locale=default, slug__in=data["records"]).specific()
    }
    return [
        translator.translate(originals[record_id], _page_fields(fields))
        for record_id, fields in data["records"].items()
        if record_id in originals  # an editor may have removed one
    ]


class _Translator:
    def __init__(self, locale: Locale, section_titles):
        self.locale = locale
        self.section_titles = section_titles

    def translate(self, page, fields):
        """The English version of `page`, translating the sections above it first."""
        parent = page.get_parent().specific
        if not parent.is_root() and not parent.has_translation(self.locale):
            self.translate(parent, {"title": self.section_titles.get(parent.slug, parent.title)})
        return ensure_translation(page, self.locale, fields)


def _page_fields(record_fields):
    fields = dict(record_fields)
    if "body" in fields:
        fields["body"] = body_blocks(fields["body"])
    return fields
