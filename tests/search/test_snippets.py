from search.snippets import marked_excerpt, marked_title


class TestMarkedExcerpt:
    def test_marks_the_searched_words_and_words_starting_with_them(self):
        excerpt = marked_excerpt(["Laporan anggaran dan anggarannya tahun ini."], "anggaran")

        assert excerpt == ("Laporan <mark>anggaran</mark> dan <mark>anggarannya</mark> tahun ini.")

    def test_cuts_around_the_first_match_of_the_first_text_that_has_one(self):
        long_text = "awal " * 100 + "sampah rumah tangga " + "akhir " * 100

        excerpt = marked_excerpt(["tanpa kata itu", long_text], "sampah")

        assert excerpt.startswith("… ") and excerpt.endswith(" …")
        assert "<mark>sampah</mark> rumah tangga" in excerpt
        assert len(excerpt) < 300

    def test_escapes_the_text(self):
        assert marked_title("<b>APBD</b> & LRA", "apbd") == (
            "&lt;b&gt;<mark>APBD</mark>&lt;/b&gt; &amp; LRA"
        )

    def test_without_a_match_shows_the_beginning(self):
        assert marked_excerpt(["Ringkasan isi."], "stunting") == "Ringkasan isi."
