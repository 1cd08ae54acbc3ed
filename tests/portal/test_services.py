"""The suite runs against real services: these tests prove each one is what it claims to be."""

import os
import urllib.request

import pytest
import redis
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from wagtail.models import Page

from tests.conftest import require_service
from tests.portal.factories import ContentPageFactory


class TestDatabase:
    def test_is_postgresql(self, db):
        require_service("PostgreSQL", connection.vendor == "postgresql")
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        assert int(version.split(".")[0]) >= 13


class TestCache:
    def test_is_a_redis_server_the_app_servers_share(self):
        require_service("Redis", os.environ.get("CACHE_URL"))
        cache.set("shared-check", "from app server 1")

        # Another app server is another client of the same server.
        other_server = redis.Redis.from_url(os.environ["CACHE_URL"])
        keys = [key.decode() for key in other_server.scan_iter("*shared-check*")]

        assert keys and cache.get("shared-check") == "from app server 1"
        assert other_server.info("server")["redis_version"]
        cache.delete("shared-check")


class TestSearchEngine:
    def test_is_a_real_engine_node(self, search_backend):
        info = search_backend.es.info()
        print(
            f"search engine: {info['version'].get('distribution', 'elasticsearch')} "
            f"{info['version']['number']}"
        )
        assert info["version"]["number"]

    def test_published_page_is_found_by_its_indonesian_stem(self, search_backend, home_page):
        page = ContentPageFactory(
            parent=home_page,
            title="Standar layanan",
            intro="Pedoman pengelolaan informasi dan dokumentasi pemerintah provinsi.",
        )
        ContentPageFactory(
            parent=home_page, title="Agenda kegiatan", intro="Jadwal rapat koordinasi."
        )
        search_backend.refresh_indexes()

        results = list(Page.objects.live().search("kelola"))

        assert [result.pk for result in results] == [page.pk]

    @pytest.mark.parametrize(
        ("query", "text"),
        [
            ("kelola", "Pedoman pengelolaan informasi publik"),
            ("pengelola", "Informasi dikelola oleh PPID"),
            ("kirim", "Tata cara pengiriman salinan dokumen"),
            ("periksa", "Hasil pemeriksaan laporan keuangan"),
            ("terima", "Penerimaan pembiayaan daerah"),
            ("rencana", "Perencanaan pembangunan jangka menengah"),
            ("indonesia", "Republik Indonésia"),
        ],
    )
    def test_word_forms_meet_at_one_root(self, search_backend, home_page, query, text):
        page = ContentPageFactory(parent=home_page, title="Halaman uji", intro=text)
        search_backend.refresh_indexes()

        results = Page.objects.live().search(query)

        assert [result.pk for result in results] == [page.pk]


class TestObjectStorage:
    def test_saved_file_reads_back_over_http(self, s3_storage):
        name = s3_storage.save("tests/hello.txt", ContentFile(b"Informasi publik terbuka"))
        try:
            url = s3_storage.url(name)
            assert url.startswith("http://127.0.0.1")
            assert "Signature" in url  # a short-lived signed URL, not a public object
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.read() == b"Informasi publik terbuka"
        finally:
            s3_storage.delete(name)

    def test_names_are_never_overwritten(self, s3_storage):
        first = s3_storage.save("tests/same.txt", ContentFile(b"first"))
        second = s3_storage.save("tests/same.txt", ContentFile(b"second"))
        try:
            assert first != second
            with s3_storage.open(first) as stored:
                assert stored.read() == b"first"
        finally:
            s3_storage.delete(first)
            s3_storage.delete(second)
