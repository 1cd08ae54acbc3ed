"""`manage.py kip_deadlines`: the deadlines of one request, for staff and for scripts."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from information_requests.models import CalendarOverride


def run(*args):
    stdout = StringIO()
    with translation.override("en"):
        call_command("kip_deadlines", *args, stdout=stdout)
    return stdout.getvalue()


def run_json(*args):
    output = run(*args, "--json")
    return json.loads(output)


@pytest.mark.django_db
class TestKipDeadlinesJson:
    @pytest.mark.parametrize(
        ("received_at", "expected"),
        [
            (
                "2026-03-17T16:30",  # after hours, just before the Idul Fitri block
                {
                    "received_at": "2026-03-17T16:30:00+07:00",
                    "effective_received_on": "2026-03-25",
                    "notice_due_on": "2026-04-09",
                    "extended_due_on": None,
                },
            ),
            (
                "2026-07-10T09:30:00Z",  # 16:30 WIB on a Friday
                {
                    "received_at": "2026-07-10T16:30:00+07:00",
                    "effective_received_on": "2026-07-13",
                    "notice_due_on": "2026-07-27",
                    "extended_due_on": None,
                },
            ),
            (
                "2025-12-24T10:00+07:00",  # over Christmas and New Year
                {
                    "received_at": "2025-12-24T10:00:00+07:00",
                    "effective_received_on": "2025-12-24",
                    "notice_due_on": "2026-01-12",
                    "extended_due_on": None,
                },
            ),
        ],
    )
    def test_prints_exactly_one_json_object(self, received_at, expected):
        assert run_json(received_at) == expected

    def test_extended_adds_the_extended_deadline(self):
        data = run_json("2026-03-17T16:30", "--extended")
        assert data["extended_due_on"] == "2026-04-20"

    def test_an_objection_adds_its_receipt_and_the_atasans_deadline(self):
        data = run_json("2026-03-17T16:30", "--objection-received", "2026-05-08T17:00")
        assert data == {
            "received_at": "2026-03-17T16:30:00+07:00",
            "effective_received_on": "2026-03-25",
            "notice_due_on": "2026-04-09",
            "extended_due_on": None,
            "objection_effective_received_on": "2026-05-11",
            "objection_response_due_on": "2026-06-30",
        }

    def test_the_calendar_overrides_table_is_applied(self):
        CalendarOverride.objects.create(
            date=date(2026, 4, 9), kind=CalendarOverride.Kind.CLOSURE, reason="Flood"
        )
        assert run_json("2026-03-17T16:30")["notice_due_on"] == "2026-04-10"


@pytest.mark.django_db
class TestKipDeadlinesText:
    def test_each_date_explains_the_days_it_skipped(self):
        output = run("2026-03-17T16:30", "--extended", "--objection-received", "2026-05-08T17:00")
        for line in [
            "Request received on 2026-03-25 (Wednesday)",
            "Submitted 2026-03-17T16:30:00+07:00 (Tuesday)",
            "after the service desk closed at 16:00",
            "2026-03-21 (Saturday): not a working day, Eid al-Fitr; Weekend (Saturday)",
            "Written notice due by 2026-04-09 23:59:59 WIB (10 working days)",
            "2026-04-03 (Friday): not counted, Good Friday",
            "2026-04-09 (Thursday): working day 10",
            "Extended notice due by 2026-04-20 23:59:59 WIB (7 working days)",
            "Objection received on 2026-05-11 (Monday)",
            "Atasan PPID's answer due by 2026-06-30 23:59:59 WIB (30 working days)",
            "2026-06-16 (Tuesday): not counted, Islamic New Year",
        ]:
            assert line in output

    def test_without_extended_no_extended_deadline_is_shown(self):
        assert "Extended notice" not in run("2026-03-17T16:30")


@pytest.mark.django_db
class TestKipDeadlinesErrors:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["17 March 2026"], "RECEIVED_AT: '17 March 2026' is not an ISO 8601 date-time"),
            (["2026-02-30T10:00"], "RECEIVED_AT: '2026-02-30T10:00' is not an ISO 8601"),
            (
                ["2026-03-17T10:00", "--objection-received", "yesterday"],
                "--objection-received: 'yesterday' is not an ISO 8601 date-time",
            ),
        ],
    )
    def test_bad_input_is_a_clear_command_error(self, args, message):
        with pytest.raises(CommandError, match=message):
            run(*args)
