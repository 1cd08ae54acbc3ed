import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.ppid_docs.factories import (
    AgencyPageFactory,
    DocumentFactory,
    RegulationPageFactory,
    RegulationRelationFactory,
)

FEED = "/api/jdihn/"

JDIHN_KEYS = {
    "idData",
    "tahun_pengundangan",
    "tanggal_pengundangan",
    "jenis",
    "noPeraturan",
    "judul",
    "noPanggil",
    "singkatanJenis",
    "cetakan",
    "tempatTerbit",
    "penerbit",
    "deskripsiFisik",
    "sumber",
    "subjek",
    "isbn",
    "status",
    "keteranganStatus",
    "bahasa",
    "bidangHukum",
    "teuBadan",
    "nomorIndukBuku",
    "fileDownload",
    "urlDownload",
    "urlDetailPeraturan",
    "operasi",
    "display",
    "tanggal_penetapan",
    "tempat_penetapan",
    "abstrak",
}


def records(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return {record["idData"]: record for record in response.json()}


class TestJdihnFeed:
    def test_maps_a_regulation_to_the_jdihn_fields(self, client, agency_page):
        document = DocumentFactory(page_count=14)
        regulation = RegulationPageFactory(
            parent=agency_page,
            regulation_type="perda",
            number="8",
            year=2019,
            about="Pajak Daerah",
            title="Peraturan Daerah Provinsi Lampung Nomor 8 Tahun 2019 tentang Pajak Daerah",
            enacted_on=datetime.date(2019, 12, 20),
            promulgated_on=datetime.date(2019, 12, 23),
            source="Lembaran Daerah Provinsi Lampung Tahun 2019 Nomor 8",
            legal_field="Hukum Keuangan Negara",
            abstract="Mengatur jenis dan tarif pajak daerah.",
            subjects=["pajak daerah", "retribusi"],
            document=document,
        )

        record = records(client.get(FEED))[str(regulation.pk)]

        expected = {
            "tahun_pengundangan": "2019",
            "tanggal_pengundangan": "2019-12-23",
            "jenis": "Peraturan Daerah",
            "singkatanJenis": "PERDA",
            "noPeraturan": "8",
            "judul": regulation.title,
            "tanggal_penetapan": "2019-12-20",
            "tempat_penetapan": "Bandar Lampung",
            "tempatTerbit": "Bandar Lampung",
            "penerbit": agency_page.agency.name,
            "teuBadan": "Provinsi Lampung",
            "sumber": "Lembaran Daerah Provinsi Lampung Tahun 2019 Nomor 8",
            "subjek": "pajak daerah, retribusi",
            "bidangHukum": "Hukum Keuangan Negara",
            "bahasa": "Bahasa Indonesia",
            "abstrak": "Mengatur jenis dan tarif pajak daerah.",
            "deskripsiFisik": "14 hlm.",
            "status": "Berlaku",
            "keteranganStatus": "-",
            "fileDownload": document.filename,
            "urlDownload": f"http://localhost{document.url}",
            "urlDetailPeraturan": regulation.full_url,
            "noPanggil": "-",
            "isbn": "-",
            "nomorIndukBuku": "-",
            "cetakan": "-",
            "operasi": "4",
            "display": "1",
        }
        assert set(record) == JDIHN_KEYS
        assert {key: record[key] for key in expected} == expected

    def test_missing_values_follow_the_format(self, client, agency_page):
        regulation = RegulationPageFactory(
            parent=agency_page,
            regulation_type="surat_edaran",
            enacted_on=None,
            promulgated_on=None,
        )

        record = records(client.get(FEED))[str(regulation.pk)]

        assert record["jenis"] == "Surat Edaran Gubernur"
        assert record["singkatanJenis"] == "SE"
        assert record["tanggal_pengundangan"] is None
        assert record["tanggal_penetapan"] is None
        assert record["fileDownload"] is None
        assert record["urlDownload"] is None
        assert record["deskripsiFisik"] == "-"
        assert record["subjek"] == "-"
        # Without an abstract, the summary stands in.
        assert record["abstrak"] == "Ringkasan isi informasi."

    def test_revoked_and_amended_regulations_say_by_what(self, client, agency_page):
        original = RegulationPageFactory(parent=agency_page, year=2011, number="2")
        amendment = RegulationPageFactory(parent=agency_page, year=2015, number="5")
        replacement = RegulationPageFactory(parent=agency_page, year=2024, number="1")
        RegulationRelationFactory(source=amendment, target=original, kind="amends")
        RegulationRelationFactory(source=replacement, target=original, kind="revokes")
        amended = RegulationPageFactory(parent=agency_page, year=2012, number="3")
        RegulationRelationFactory(source=amendment, target=amended, kind="amends")

        feed = records(client.get(FEED))

        assert feed[str(original.pk)]["status"] == "Dicabut"
        assert feed[str(original.pk)]["keteranganStatus"] == (
            "Diubah dengan Peraturan Daerah Nomor 5 Tahun 2015; "
            "Dicabut dengan Peraturan Daerah Nomor 1 Tahun 2024"
        )
        assert feed[str(amended.pk)]["status"] == "Diubah"
        assert feed[str(amended.pk)]["keteranganStatus"] == (
            "Diubah dengan Peraturan Daerah Nomor 5 Tahun 2015"
        )
        assert feed[str(amendment.pk)]["status"] == "Berlaku"
        assert feed[str(amendment.pk)]["keteranganStatus"] == (
            "Mengubah Peraturan Daerah Nomor 2 Tahun 2011; "
            "Mengubah Peraturan Daerah Nomor 3 Tahun 2012"
        )
        assert feed[str(replacement.pk)]["keteranganStatus"] == (
            "Mencabut Peraturan Daerah Nomor 2 Tahun 2011"
        )

    def test_a_regulation_promulgated_later_is_not_yet_in_force(self, client, agency_page):
        next_month = timezone.localdate() + datetime.timedelta(days=30)
        regulation = RegulationPageFactory(
            parent=agency_page, year=next_month.year, promulgated_on=next_month
        )

        assert records(client.get(FEED))[str(regulation.pk)]["status"] == "Belum berlaku"

    def test_drafts_private_pages_and_translations_stay_out(self, client, agency_page, english):
        published = RegulationPageFactory(parent=agency_page)
        RegulationPageFactory(parent=agency_page, live=False)
        private_section = AgencyPageFactory(parent=agency_page.get_parent())
        RegulationPageFactory(parent=private_section)
        PageViewRestriction.objects.create(
            page=private_section, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        published.copy_for_translation(english, copy_parents=True).save_revision().publish()

        assert list(records(client.get(FEED))) == [str(published.pk)]

    def test_tahun_selects_one_year_newest_first_otherwise(self, client, agency_page):
        older = RegulationPageFactory(parent=agency_page, year=2023)
        newer = RegulationPageFactory(parent=agency_page, year=2024)

        assert list(records(client.get(FEED))) == [str(newer.pk), str(older.pk)]
        assert list(records(client.get(FEED, {"tahun": "2023"}))) == [str(older.pk)]
        assert records(client.get(FEED, {"tahun": "2020"})) == {}

    @pytest.mark.parametrize("tahun", ["dua ribu", "24", "2024-01", "", "20\x0024"])
    def test_a_bad_tahun_is_refused_as_json(self, client, home_page, tahun):
        response = client.get(FEED, {"tahun": tahun})

        assert response.status_code == 400
        assert "tahun" in response.json()["message"]

    def test_may_be_cached_publicly_for_a_few_minutes(self, client, home_page):
        response = client.get(FEED)

        assert "public" in response["Cache-Control"]
        assert "max-age=300" in response["Cache-Control"]

    def test_costs_the_same_queries_however_many_regulations(
        self, client, agency_page, django_assert_num_queries
    ):
        def add_regulation_pair():
            old = RegulationPageFactory(parent=agency_page, year=2011, subjects=["pajak"])
            new = RegulationPageFactory(parent=agency_page, document=DocumentFactory())
            RegulationRelationFactory(source=new, target=old, kind="revokes")

        add_regulation_pair()
        client.get(FEED)  # the site's root paths are cached from then on

        with django_assert_num_queries(9):
            few = client.get(FEED).json()
        for _ in range(3):
            add_regulation_pair()
        with django_assert_num_queries(9):
            many = client.get(FEED).json()

        assert (len(few), len(many)) == (2, 8)
