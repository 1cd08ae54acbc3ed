"""make backup / make restore: a wiped portal comes back with the same pages, documents and
requests, files included, from the storages the suite runs on (S3 under `make test`)."""

import hashlib
import json

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from wagtail.models import Page

from information_requests.models import InformationRequest
from portal.backup import STORAGE_ALIASES, stored_names
from ppid_docs.models import PPIDDocument
from tests.information_requests.factories import submit_request
from tests.portal.factories import ContentPageFactory
from tests.ppid_docs.factories import DocumentFactory


def empty_storages():
    for alias in STORAGE_ALIASES:
        for name in list(stored_names(storages[alias])):
            storages[alias].delete(name)


def digest(field_file):
    with field_file.open("rb") as content:
        return hashlib.sha256(content.read()).hexdigest()


def everything_kept():
    return {
        "pages": sorted(Page.objects.live().values_list("title", flat=True)),
        "documents": {d.title: digest(d.file) for d in PPIDDocument.objects.all()},
        "requests": {
            r.registration_number: (r.full_name, [digest(a.file) for a in r.attachments.all()])
            for r in InformationRequest.objects.all()
        },
    }


@pytest.fixture
def portal_with_content(wagtail_baseline, home_page):
    empty_storages()
    ContentPageFactory(parent=home_page, title="Profil PPID")
    DocumentFactory(title="Laporan Keuangan Pemerintah Daerah 2025")
    submit_request(with_identity_card=True)
    return everything_kept()


@pytest.mark.django_db(transaction=True)
def test_a_wiped_portal_comes_back_from_its_backup(portal_with_content, tmp_path, capsys):
    folder = tmp_path / "backup"
    call_command("backup_portal", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    assert len(manifest["files"]["private"]) >= 1  # the identity card
    assert len(manifest["files"]["default"]) >= 1  # the document

    call_command("flush", interactive=False)
    empty_storages()
    assert not Page.objects.filter(title="Profil PPID").exists()

    call_command("restore_portal", str(folder), yes=True)

    assert everything_kept() == portal_with_content
    assert portal_with_content["requests"] and portal_with_content["documents"]


@pytest.mark.django_db(transaction=True)
def test_a_damaged_file_stops_the_restore_with_its_name(portal_with_content, tmp_path):
    folder = tmp_path / "backup"
    call_command("backup_portal", str(folder))
    manifest = json.loads((folder / "manifest.json").read_text())
    damaged = next(iter(manifest["files"]["default"]))
    (folder / "files" / "default" / damaged).write_bytes(b"not what was backed up")

    ContentPageFactory(parent=Page.objects.get(title="PPID Provinsi Lampung"), title="Baru")

    with pytest.raises(CommandError, match=f"{damaged} is missing or damaged"):
        call_command("restore_portal", str(folder), yes=True)

    assert Page.objects.filter(title="Baru").exists()  # nothing was replaced


@pytest.mark.django_db
def test_a_backup_never_goes_into_a_folder_in_use(tmp_path):
    (tmp_path / "old.txt").write_text("an earlier backup")

    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_portal", str(tmp_path))


@pytest.mark.django_db
def test_restore_needs_a_backup(tmp_path):
    with pytest.raises(CommandError, match="holds no backup"):
        call_command("restore_portal", str(tmp_path), yes=True)
