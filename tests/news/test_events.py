import datetime

import pytest

from news.events import event_errors

START = datetime.datetime(2026, 12, 15, 9, tzinfo=datetime.UTC)
END = START + datetime.timedelta(hours=3)


class TestEventErrors:
    @pytest.mark.parametrize(
        ("kind", "start", "end", "location", "fields_in_error"),
        [
            ("agenda", START, END, "Balai Keratun", set()),
            ("agenda", START, None, "", set()),
            ("agenda", START, START, "", set()),
            ("agenda", None, END, "Balai Keratun", {"event_start"}),
            ("agenda", START, START - datetime.timedelta(minutes=1), "", {"event_end"}),
            ("berita", None, None, "", set()),
            ("pengumuman", START, None, "", {"event_start"}),
            ("berita", None, END, "Balai Keratun", {"event_end", "location"}),
        ],
    )
    def test_only_agenda_items_have_a_consistent_event(
        self, kind, start, end, location, fields_in_error
    ):
        assert set(event_errors(kind, start, end, location)) == fields_in_error
