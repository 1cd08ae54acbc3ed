import datetime

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.urls import clear_url_caches
from django.utils import translation

from information_requests.models import Objection, RequestAttachment, WrittenNotice
from tests.information_requests.factories import (
    PelaksanaFactory,
    StaffFactory,
    SupervisorFactory,
)
from tests.ppid_docs.factories import AgencyIndexPageFactory, AgencyPageFactory

# Thursday 10 September 2026, 10:00 WIB: day 2 of a request received on TUESDAY_MORNING.
THURSDAY = datetime.datetime(2026, 9, 10, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def on_thursday():
    with time_machine.travel(THURSDAY, tick=False):
        yield THURSDAY


# Wednesday 2 December 2026, 10:00 WIB: late in a year with a full history behind it.
IN_DECEMBER = datetime.datetime(2026, 12, 2, 3, 0, tzinfo=datetime.UTC)


@pytest.fixture
def in_december():
    with time_machine.travel(IN_DECEMBER, tick=False):
        yield IN_DECEMBER


@pytest.fixture
def utama(db):
    return StaffFactory()


@pytest.fixture
def pelaksana(db):
    return PelaksanaFactory()


@pytest.fixture
def supervisor(db):
    return SupervisorFactory()


@pytest.fixture
def private_files_on_disk(monkeypatch, tmp_path):
    """These tests stop the clock, and S3 refuses requests signed at a stopped time, so private
    files live on disk here; the S3 private storage has its own tests. (A FileField binds its
    storage when models load, hence the patch on the fields themselves.)"""
    local = FileSystemStorage(location=tmp_path / "private", base_url=None)
    for model, field in (
        (RequestAttachment, "file"),
        (WrittenNotice, "pdf"),
        (Objection, "decision_pdf"),
    ):
        monkeypatch.setattr(model._meta.get_field(field), "storage", local)


@pytest.fixture
def english_admin(settings):
    """The admin in English, so assertions read the source strings.

    URL reversing caches per language whether the default language takes a prefix: clear it on
    both sides, or `/en/` links would lose their prefix in later tests."""
    clear_url_caches()
    settings.LANGUAGE_CODE = "en"
    yield
    clear_url_caches()


@pytest.fixture
def in_english():
    """Messages and URLs in English (/en/...), so assertions do not depend on the catalogues."""
    with translation.override("en"):
        yield


@pytest.fixture
def agency_section(home_page):
    """An agency's section of the site, where publications live."""
    return AgencyPageFactory(parent=AgencyIndexPageFactory(parent=home_page))
