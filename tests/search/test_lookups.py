import pytest

from search.lookups import RegulationLookup, ReportLookup, parse_exact_lookup


class TestParseExactLookup:
    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("perda 8 2019", RegulationLookup("perda", "8", 2019)),
            ("Perda No. 8 Tahun 2019", RegulationLookup("perda", "8", 2019)),
            ("peraturan daerah nomor 8 tahun 2019", RegulationLookup("perda", "8", 2019)),
            ("pergub 31/2019", RegulationLookup("pergub", "31", 2019)),
            (
                "kepgub G/611/V.20/HK/2022 2022",
                RegulationLookup("kepgub", "G/611/V.20/HK/2022", 2022),
            ),
            ("apbd 2023", ReportLookup("apbd", 2023)),
            ("APBD tahun anggaran 2023", ReportLookup("apbd", 2023)),
            ("perubahan apbd 2021", ReportLookup("apbd_p", 2021)),
            ("lkpd ta 2022", ReportLookup("lkpd", 2022)),
        ],
    )
    def test_recognises_a_named_publication(self, query, expected):
        assert parse_exact_lookup(query) == expected

    @pytest.mark.parametrize("query", ["jalan rusak 2019", "perda sampah", "apbd", "2019"])
    def test_other_queries_name_nothing(self, query):
        assert parse_exact_lookup(query) is None
