from search.progress import progress_line


class TestProgressLine:
    def test_says_how_far_how_fast_and_how_long_is_left(self):
        assert progress_line(3000, 10000, 2.4) == (
            "[#########.....................]  30%  3,000/10,000  1,250/s  ETA 6 s"
        )

    def test_says_how_long_it_took_when_done(self):
        assert progress_line(10000, 10000, 8).endswith("100%  10,000/10,000  1,250/s  in 8.0 s")

    def test_an_empty_model_is_done_at_once(self):
        assert progress_line(0, 0, 0).endswith("100%  0/0")
