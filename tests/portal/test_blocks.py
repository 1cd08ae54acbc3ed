import pytest
from django.utils import translation

from portal.blocks import AgencyPPIDListBlock, CostTableBlock, OfficialBlock, StepsBlock
from portal.demo import fill_demo_agency_contacts, load_demo_pages
from tests.ppid_docs.factories import AgencyFactory


def render(block, value):
    return block.render(block.to_python(value))


class TestPPIDProfileBlocks:
    def test_an_official_shows_the_role_contacts_and_duties(self):
        html = render(
            OfficialBlock(),
            {
                "role": "atasan",
                "position": "Sekretaris Daerah Provinsi Lampung",
                "phone": "(0721) 481166",
                "email": "setda@lampungprov.go.id",
                "duties": ["Memutus keberatan dalam 30 hari kerja."],
            },
        )

        assert "Atasan PPID" in html
        assert 'href="tel:(0721)481166"' in html
        assert 'href="mailto:setda@lampungprov.go.id"' in html
        assert "<li>Memutus keberatan dalam 30 hari kerja.</li>" in html

    def test_the_cost_table_prints_rupiah_with_indonesian_separators_and_free_items(self):
        value = {
            "caption": "Tarif penggandaan",
            "rows": [
                {"item": "Salinan elektronik", "unit": "berkas", "price": 0},
                {"item": "Cetak berwarna", "unit": "lembar", "price": 1500},
            ],
        }

        with translation.override("id"):
            html = render(CostTableBlock(), value)

        assert "<caption>Tarif penggandaan</caption>" in html
        assert "Rp1.500" in html
        assert "gratis" in html

    def test_steps_are_an_ordered_list(self):
        html = render(StepsBlock(), {"steps": [{"title": "Isi formulir", "text": "Identitas"}]})

        assert html.startswith('<ol class="steps"><li><strong>Isi formulir</strong>')

    @pytest.mark.django_db
    def test_the_agency_list_comes_from_the_agency_records(self):
        AgencyFactory(name="Dinas Kesehatan", ppid_officer="Sekretaris Dinas Kesehatan")
        AgencyFactory(name="Biro Umum", ppid_officer="")

        html = AgencyPPIDListBlock().render(None)

        assert "Sekretaris Dinas Kesehatan" in html
        assert "Biro Umum" not in html


@pytest.mark.django_db
class TestDemoProfile:
    def test_the_profile_shows_the_structure_and_every_agencys_ppid(self, client):
        load_demo_pages()
        AgencyFactory(name="Dinas Pendidikan", slug="disdik", ppid_officer="")
        fill_demo_agency_contacts()

        html = client.get("/profil-ppid/").text

        assert "Sekretaris Daerah Provinsi Lampung" in html
        assert "Sekretaris Dinas Pendidikan" in html
        assert "ppid.disdik@lampungprov.go.id" in html

    def test_procedures_and_rates_render_in_both_languages(self, client):
        load_demo_pages()

        assert "Mengajukan keberatan" in client.get("/tata-cara-permohonan-informasi/").text
        assert "Filing an objection" in client.get("/en/tata-cara-permohonan-informasi/").text
        assert "Rp300" in client.get("/maklumat-pelayanan/").text
