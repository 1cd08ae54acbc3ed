"""Every interface string has an Indonesian and an English translation, compiled and current."""

from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["id", "en"])
class TestCatalogue:
    def test_every_string_is_translated(self, language):
        catalogue = polib.pofile(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")

        untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
        fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

        assert untranslated == []
        assert fuzzy == []

    def test_compiled_catalogue_matches_the_source(self, language):
        folder = LOCALE_DIR / language / "LC_MESSAGES"
        source = polib.pofile(folder / "django.po")
        compiled = polib.mofile(folder / "django.mo")

        translated = {(e.msgctxt, e.msgid): e.msgstr for e in source.translated_entries()}
        in_binary = {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid}
        assert in_binary == translated, "run `make messages` to recompile the catalogues"
