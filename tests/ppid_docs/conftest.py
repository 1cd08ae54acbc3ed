import json
import shutil

import pytest

from tests.ppid_docs.factories import (
    AgencyIndexPageFactory,
    AgencyPageFactory,
    DocumentFactory,
)
from tests.ppid_docs.pdfs import CORPUS, corpus_record


@pytest.fixture
def agency_index(home_page):
    return AgencyIndexPageFactory(parent=home_page)


@pytest.fixture
def agency_page(agency_index):
    """An agency's section: publications live here and take its agency."""
    return AgencyPageFactory(parent=agency_index)


@pytest.fixture
def document(db):
    """A 14-page PDF of 250 kB."""
    return DocumentFactory(title="Naskah", file_size=250_000, page_count=14)


@pytest.fixture
def write_corpus(tmp_path):
    """Writes a corpus folder: `write_corpus(records, files={name: bytes})` → its path.

    Records given as ids are copied from the demo corpus; demo PDFs come along for every record
    whose id has one, unless `files` gives other content.
    """

    def write(records, files=None):
        folder = tmp_path / "corpus"
        (folder / "files").mkdir(parents=True, exist_ok=True)
        records = [corpus_record(item) if isinstance(item, str) else item for item in records]
        for record in records:
            demo_pdf = CORPUS / "files" / f"{record.get('id')}.pdf"
            if demo_pdf.is_file():
                shutil.copy(demo_pdf, folder / "files")
        for name, data in (files or {}).items():
            (folder / "files" / name).write_bytes(data)
        (folder / "manifest.json").write_text(json.dumps(records), encoding="utf-8")
        return folder

    return write
