import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.environment import search_backends, storages, task_backends

REPO = Path(__file__).resolve().parents[2]


def import_settings(module, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("PORTAL_BASE_URL", None)
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=REPO,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


class TestProductionSettings:
    def test_refuse_to_start_and_name_every_missing_variable(self):
        result = import_settings("portal.settings.production")

        assert result.returncode != 0
        for name in (
            "DJANGO_SECRET_KEY",
            "DJANGO_ALLOWED_HOSTS",
            "DATABASE_URL",
            "PORTAL_BASE_URL",
        ):
            assert name in result.stderr

    def test_start_when_everything_is_given(self):
        result = import_settings(
            "portal.settings.production",
            DJANGO_SECRET_KEY="x" * 50,
            DJANGO_ALLOWED_HOSTS="ppid.lampungprov.go.id",
            DATABASE_URL="postgres://u:p@db/portal",
            PORTAL_BASE_URL="https://ppid.lampungprov.go.id",
        )

        assert result.returncode == 0, result.stderr

    def test_base_is_secure_by_default(self):
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "from portal.settings import base; print(base.DEBUG, repr(base.SECRET_KEY))",
            ],
            cwd=REPO,
            env={k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
            capture_output=True,
            text=True,
            check=True,
        )

        assert result.stdout.strip() == "False ''"


class TestSearchBackendSetting:
    @pytest.mark.parametrize(
        ("kind", "module"),
        [
            ("database", "search.backends.database"),
            ("opensearch", "search.backends.opensearch3"),
            ("opensearch2", "search.backends.opensearch2"),
            ("elasticsearch", "search.backends.elasticsearch8"),
            ("elasticsearch9", "search.backends.elasticsearch9"),
        ],
    )
    def test_one_setting_selects_the_engine(self, kind, module):
        backend = search_backends(kind, ["http://search:9200"], "portal_", 5)["default"]

        assert backend["BACKEND"] == module

    def test_an_engine_is_backed_by_the_database_backend(self):
        backends = search_backends("opensearch", ["http://search:9200"], "portal_", 5)

        assert backends["database"] == {"BACKEND": "search.backends.database"}

    def test_engine_indexes_use_indonesian_analysis_by_default(self):
        backend = search_backends("opensearch", ["http://search:9200"], "portal_", 5)["default"]

        default = backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
        assert "indonesian_stemmer" in default["filter"]
        assert "indonesian_stem_repairs" in default["filter"]
        assert "asciifolding" in default["filter"]

    def test_engine_without_urls_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="SEARCH_URLS"):
            search_backends("opensearch", [], "portal_", 5)

    def test_unknown_engine_is_refused(self):
        with pytest.raises(ImproperlyConfigured, match="solr"):
            search_backends("solr", ["http://search:9200"], "portal_", 5)


class TestStorageSetting:
    def test_local_keeps_private_files_out_of_media(self, tmp_path):
        configured = storages("local", tmp_path / "media", tmp_path / "private")

        assert configured["private"]["OPTIONS"]["base_url"] is None
        assert (
            configured["private"]["OPTIONS"]["location"]
            != configured["default"]["OPTIONS"]["location"]
        )

    def test_s3_needs_a_bucket(self, monkeypatch):
        monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)

        with pytest.raises(ImproperlyConfigured, match="AWS_STORAGE_BUCKET_NAME"):
            storages("s3", "media", "private")

    def test_s3_private_files_live_apart_and_nothing_is_overwritten(self, monkeypatch):
        monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "ppid-public")
        monkeypatch.setenv("AWS_PRIVATE_BUCKET_NAME", "ppid-private")

        configured = storages("s3", "media", "private")

        assert configured["default"]["OPTIONS"]["bucket_name"] == "ppid-public"
        assert configured["private"]["OPTIONS"]["bucket_name"] == "ppid-private"
        assert configured["default"]["OPTIONS"]["file_overwrite"] is False


class TestTaskBackendSetting:
    def test_database_queue_for_production(self):
        assert task_backends("database")["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"

    def test_unknown_backend_is_refused(self):
        with pytest.raises(ImproperlyConfigured):
            task_backends("celery")
