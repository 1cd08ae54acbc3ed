"""The satisfaction survey: the index of PermenPANRB 14/2017 computed by hand, and the requester's
one response per answered request through the signed link."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import signing
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from information_requests import survey
from information_requests.links import tracking_path
from information_requests.models import SatisfactionResponse
from information_requests.satisfaction import (
    ELEMENT_FIELDS,
    ELEMENTS,
    Rating,
    compute_index,
    grade_of,
    year_indexes,
)
from information_requests.states import Status
from information_requests.survey import survey_path
from tests.information_requests.factories import (
    REQUESTER,
    request_in,
    submit_request,
)

# Four respondents, the nine elements U1-U9 each. Column totals 14, 13, 11, 16, 13, 13, 15, 11,
# 11: means 3.50, 3.25, 2.75, 4.00, 3.25, 3.25, 3.75, 2.75, 2.75; their sum 29.25, weighted by
# 1/9 each 3.25; times 25 the index 81.25, grade B (76.61-88.30).
FOUR_RESPONDENTS = [
    (4, 4, 3, 4, 3, 3, 4, 3, 3),
    (3, 3, 3, 4, 3, 3, 3, 2, 3),
    (4, 3, 2, 4, 3, 4, 4, 3, 3),
    (3, 3, 3, 4, 4, 3, 4, 3, 2),
]


class TestSatisfactionIndex:
    def test_computes_the_hand_worked_example(self):
        index = compute_index(FOUR_RESPONDENTS)

        assert index.respondents == 4
        assert [score.mean for score in index.elements] == [
            Decimal(value)
            for value in ("3.50", "3.25", "2.75", "4.00", "3.25", "3.25", "3.75", "2.75", "2.75")
        ]
        # 3.50/9 = 0.3889, 3.25/9 = 0.3611, 2.75/9 = 0.3056, 4/9 = 0.4444, 3.75/9 = 0.4167
        assert [score.weighted for score in index.elements] == [
            Decimal(value)
            for value in (
                "0.389",
                "0.361",
                "0.306",
                "0.444",
                "0.361",
                "0.361",
                "0.417",
                "0.306",
                "0.306",
            )
        ]
        assert index.weighted_total == Decimal("3.250")
        assert index.index == Decimal("81.25")
        assert index.grade.letter == "B"
        with translation.override("en"):
            assert str(index.grade.label) == "Good"

    def test_weighs_exactly_before_rounding_the_index(self):
        # One respondent rating 29 in all: 29/9 = 3.2222..., times 25 = 80.5555... -> 80.56.
        index = compute_index([(4, 4, 3, 3, 3, 3, 3, 3, 3)])

        assert index.weighted_total == Decimal("3.222")
        assert index.index == Decimal("80.56")

    @pytest.mark.parametrize(
        ("ratings", "index", "letter"),
        [((4,) * 9, "100.00", "A"), ((1,) * 9, "25.00", "D"), ((3,) * 9, "75.00", "C")],
    )
    def test_the_scale_runs_from_25_to_100(self, ratings, index, letter):
        result = compute_index([ratings])

        assert (result.index, result.grade.letter) == (Decimal(index), letter)

    @pytest.mark.parametrize(
        ("index", "letter"),
        [
            ("25.00", "D"),
            ("64.99", "D"),
            ("65.00", "C"),
            ("76.60", "C"),
            ("76.61", "B"),
            ("88.30", "B"),
            ("88.31", "A"),
            ("100.00", "A"),
        ],
    )
    def test_grades_by_the_bands_of_the_regulation(self, index, letter):
        assert grade_of(Decimal(index)).letter == letter

    def test_without_respondents_there_is_no_index(self):
        index = compute_index([])

        assert (index.respondents, index.index, index.grade) == (0, None, None)
        assert [score.mean for score in index.elements] == [None] * 9

    @pytest.mark.parametrize(
        "ratings", [(5, 4, 4, 4, 4, 4, 4, 4, 4), (0, 4, 4, 4, 4, 4, 4, 4, 4), (4,) * 8]
    )
    def test_refuses_ratings_off_the_scale(self, ratings):
        with pytest.raises(ValueError):
            compute_index([ratings])

    def test_splits_the_year_into_quarters(self):
        ratings = [
            Rating(datetime.date(2026, 3, 31), (4,) * 9),
            Rating(datetime.date(2026, 4, 1), (2,) * 9),
            Rating(datetime.date(2026, 12, 31), (3,) * 9),
        ]

        indexes = year_indexes(ratings)

        assert indexes.year.respondents == 3
        assert indexes.year.index == Decimal("75.00")
        assert [quarter.respondents for quarter in indexes.quarters] == [1, 1, 0, 1]
        assert [quarter.index for quarter in indexes.quarters] == [
            Decimal("100.00"),
            Decimal("50.00"),
            None,
            Decimal("75.00"),
        ]

    def test_publishes_only_from_the_minimum_of_respondents(self):
        index = compute_index(FOUR_RESPONDENTS)

        assert index.published(4)
        assert not index.published(5)

    def test_the_model_has_a_rating_per_element(self):
        rating_fields = [
            field.name
            for field in SatisfactionResponse._meta.get_fields()
            if getattr(field, "choices", None)
        ]
        assert rating_fields == list(ELEMENT_FIELDS)
        assert [element.code for element in ELEMENTS] == [f"U{n}" for n in range(1, 10)]


# --- The requester's side --------------------------------------------------------------------

ALL_GOOD = dict.fromkeys(ELEMENT_FIELDS, "3")


@pytest.fixture
def answered(utama):
    return request_in(Status.ANSWERED, utama)


@pytest.fixture
def survey_url(answered, in_english):
    return survey_path(answered)


def rating(**overrides):
    return {**ALL_GOOD, "comment": "Petugas ramah dan cepat.", **overrides}


@pytest.mark.django_db
@pytest.mark.usefixtures("in_english", "private_files_on_disk")
class TestSurveyForm:
    def test_asks_the_nine_elements_on_the_four_point_scale(self, client, survey_url):
        response = client.get(survey_url)

        html = response.content.decode()
        assert response.status_code == 200
        assert html.count("<fieldset") == 9
        assert html.count('type="radio"') == 36
        assert "U8. Handling of complaints, suggestions and feedback" in html
        assert response["Cache-Control"] == "private, no-store"
        assert response["Referrer-Policy"] == "same-origin"

    def test_records_one_response_and_thanks_the_requester(self, client, answered, survey_url):
        response = client.post(survey_url, rating(requirements="4", cost="1"))

        assert response.status_code == 302
        stored = SatisfactionResponse.objects.get(request=answered)
        assert stored.scores == (4, 3, 3, 1, 3, 3, 3, 3, 3)
        assert stored.comment == "Petugas ramah dan cepat."
        thanks = client.get(response["Location"])
        assert thanks.status_code == 200
        assert "Thank you for your rating" in thanks.content.decode()

    def test_a_second_response_is_refused_with_a_message(self, client, answered, survey_url):
        client.post(survey_url, rating())

        again = client.post(survey_url, rating(requirements="1"))

        assert again.status_code == 409
        assert "This request has been rated already" in again.content.decode()
        assert SatisfactionResponse.objects.get(request=answered).requirements == 3
        assert client.get(survey_url).status_code == 200  # seeing it again is no conflict

    def test_the_database_refuses_a_second_response_too(self, answered):
        survey.record_response(answered, dict.fromkeys(ELEMENT_FIELDS, 4))

        with pytest.raises(IntegrityError):
            SatisfactionResponse.objects.create(
                request=answered, **dict.fromkeys(ELEMENT_FIELDS, 2)
            )

    def test_record_response_says_when_already_rated(self, answered):
        survey.record_response(answered, dict.fromkeys(ELEMENT_FIELDS, 4))

        with pytest.raises(survey.SurveyRefused) as refused:
            survey.record_response(answered, dict.fromkeys(ELEMENT_FIELDS, 1))

        assert refused.value.message == survey.ALREADY_RATED

    @pytest.mark.parametrize("value", ["5", "0", "-1", "tiga", "3.5", ""])
    def test_a_rating_off_the_scale_is_a_400_with_the_reason(self, client, survey_url, value):
        response = client.post(survey_url, rating(completion_time=value))

        html = response.content.decode()
        assert response.status_code == 400
        expected = (
            "Rate this element from 1 to 4."
            if value == ""
            else "Choose a rating from 1 (poor) to 4 (very good)."
        )
        assert expected in html
        assert 'href="#id_completion_time_0"' in html  # the error summary links to it
        assert not SatisfactionResponse.objects.exists()

    def test_a_missing_element_is_named(self, client, survey_url):
        data = rating()
        del data["facilities"]

        response = client.post(survey_url, data)

        assert response.status_code == 400
        assert response.context["form"].errors == {"facilities": ["Rate this element from 1 to 4."]}

    def test_a_comment_too_long_is_refused(self, client, survey_url):
        response = client.post(survey_url, rating(comment="x" * 2001))

        assert response.status_code == 400
        assert not SatisfactionResponse.objects.exists()

    @pytest.mark.parametrize("status", [Status.DELIVERED])
    def test_a_request_delivered_since_may_still_be_rated(self, client, utama, status):
        delivered = request_in(status, utama)

        response = client.post(survey_path(delivered), rating())

        assert response.status_code == 302
        assert SatisfactionResponse.objects.filter(request=delivered).exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("in_english", "private_files_on_disk")
class TestSurveyLink:
    def test_a_forged_or_altered_token_is_a_404(self, client, answered):
        token = survey.survey_token(answered)
        unsalted = signing.Signer().sign_object(answered.pk)
        for bad in (token[:-2] + "xx", unsalted, "1", "bukan-token", f"{token}x"):
            url = reverse("information_requests:survey", kwargs={"token": bad})
            assert client.get(url).status_code == 404
            assert client.post(url, rating()).status_code == 404
        assert not SatisfactionResponse.objects.exists()

    def test_the_tracking_token_does_not_open_the_survey(self, client, utama):
        from information_requests import workflow

        request, token = workflow.submit(dict(REQUESTER))
        workflow.answer(
            request,
            actor=utama,
            outcome="not_held",
            details={"holding_body": "Badan Pusat Statistik Provinsi Lampung"},
        )

        url = reverse("information_requests:survey", kwargs={"token": token})

        assert client.get(url).status_code == 404

    def test_a_token_of_a_deleted_request_is_a_404(self, client, answered):
        url = survey_path(answered)
        answered.delete()

        assert client.get(url).status_code == 404

    @pytest.mark.parametrize("status", [Status.RECEIVED, Status.IN_PROGRESS, Status.WITHDRAWN])
    def test_a_request_not_answered_cannot_be_rated(self, client, utama, status):
        unanswered = request_in(status, utama)
        url = survey_path(unanswered)

        shown = client.get(url)
        posted = client.post(url, rating())

        assert shown.status_code == posted.status_code == 403
        assert "The survey opens once your request has been answered" in posted.content.decode()
        assert not SatisfactionResponse.objects.exists()

    def test_a_request_withdrawn_and_closed_cannot_be_rated(self, client, utama):
        closed = request_in(Status.CLOSED, utama)

        assert client.post(survey_path(closed), rating()).status_code == 403


@pytest.mark.django_db
@pytest.mark.usefixtures("in_english", "private_files_on_disk")
class TestInvitation:
    def tracking_page(self, client, utama, answer=True):
        from information_requests import workflow

        request, token = workflow.submit(dict(REQUESTER))
        if answer:
            request = workflow.answer(
                request,
                actor=utama,
                outcome="not_held",
                details={"holding_body": "Badan Pusat Statistik Provinsi Lampung"},
            )
        return request, tracking_path(request, token)

    def test_the_tracking_page_invites_once_answered(self, client, utama):
        request, url = self.tracking_page(client, utama)

        html = client.get(url).content.decode()

        assert f'href="{survey_path(request)}"' in html
        assert "Take the satisfaction survey" in html

    def test_the_tracking_page_does_not_invite_while_open(self, client, utama):
        _request, url = self.tracking_page(client, utama, answer=False)

        assert "satisfaction survey" not in client.get(url).content.decode()

    def test_the_tracking_page_thanks_once_rated(self, client, utama):
        request, url = self.tracking_page(client, utama)
        survey.record_response(request, dict.fromkeys(ELEMENT_FIELDS, 4))

        html = client.get(url).content.decode()

        assert "Thank you: you rated the service on" in html
        assert survey_path(request) not in html

    def test_the_notice_email_carries_the_survey_link(
        self, settings, utama, mailoutbox, django_capture_on_commit_callbacks
    ):
        from information_requests import workflow

        settings.WAGTAILADMIN_BASE_URL = "https://ppid.lampungprov.go.id"
        request = submit_request()
        mailoutbox.clear()

        with django_capture_on_commit_callbacks(execute=True):
            workflow.answer(
                request,
                actor=utama,
                outcome="not_held",
                details={"holding_body": "Badan Pusat Statistik Provinsi Lampung"},
            )

        [message] = mailoutbox
        # The notice is an official letter: in the portal's main language.
        with translation.override(settings.LANGUAGE_CODE):
            link = survey.survey_url(request)
        assert link in message.body
        assert link.startswith("https://ppid.lampungprov.go.id/permohonan-informasi/survei/")


@pytest.fixture
def staff_client(client, utama):
    client.force_login(utama)
    return client


@pytest.mark.django_db
@pytest.mark.usefixtures("english_admin", "private_files_on_disk")
class TestSurveyAdmin:
    def rated(self, staff, scores, at=datetime.datetime(2026, 9, 20, 3, 0, tzinfo=datetime.UTC)):
        request = request_in(Status.ANSWERED, staff)
        response = survey.record_response(request, dict(zip(ELEMENT_FIELDS, scores, strict=True)))
        SatisfactionResponse.objects.filter(pk=response.pk).update(submitted_at=at)
        return response

    def test_lists_the_responses_with_the_index_of_the_period(self, staff_client, utama):
        for scores in FOUR_RESPONDENTS:
            self.rated(utama, scores)
        self.rated(utama, (1,) * 9, at=datetime.datetime(2025, 5, 5, 3, 0, tzinfo=datetime.UTC))

        response = staff_client.get(
            reverse("satisfaction_admin:index"), {"year": "2026", "quarter": "3"}
        )

        html = response.content.decode()
        assert response.status_code == 200
        assert response.context["satisfaction"].index == Decimal("81.25")
        assert "81.25 (B, Good) from 4 responses." in html
        inspect_link = r'href="/admin/information-requests/satisfaction/inspect/(\d+)/"'
        assert len(set(re.findall(inspect_link, html))) == 4

    def test_shows_a_response_in_full_and_offers_no_change(self, staff_client, utama):
        response = self.rated(utama, FOUR_RESPONDENTS[0])

        page = staff_client.get(reverse("satisfaction_admin:inspect", args=(response.pk,)))

        html = page.content.decode()
        assert page.status_code == 200
        assert "4 – Very good" in html
        assert "/edit/" not in html and "/delete/" not in html

    def test_staff_of_another_agency_see_none(self, client, pelaksana, utama):
        response = self.rated(utama, FOUR_RESPONDENTS[0])
        client.force_login(pelaksana)

        listing = client.get(reverse("satisfaction_admin:index"))
        inspect = client.get(reverse("satisfaction_admin:inspect", args=(response.pk,)))

        assert listing.context["satisfaction"].respondents == 0
        assert inspect.status_code in (403, 404)

    def test_a_member_of_the_public_is_sent_to_sign_in(self, client):
        response = client.get(reverse("satisfaction_admin:index"))

        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.usefixtures("private_files_on_disk")
class TestLoadingTheYear:
    def test_counts_each_rating_in_its_year_and_quarter_in_wib(self, utama):
        from information_requests.deadlines import policy_from_settings
        from information_requests.service_figures import load_ratings

        new_year_in_jakarta = datetime.datetime(2025, 12, 31, 17, 30, tzinfo=datetime.UTC)
        survey.record_response(
            request_in(Status.ANSWERED, utama),
            dict.fromkeys(ELEMENT_FIELDS, 4),
            submitted_at=new_year_in_jakarta,
        )

        [rating] = load_ratings(2026, policy_from_settings())

        assert rating.rated_on == datetime.date(2026, 1, 1)
        assert load_ratings(2025, policy_from_settings()) == []
