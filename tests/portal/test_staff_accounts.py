"""Signing in to the admin: password, lockout after repeated failures, then the second factor.

Everything goes through the real views: Wagtail's login form, the enrolment and code pages, and a
code computed from the enrolled key as an authenticator app would.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import clear_url_caches, reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "kunci-rahasia-panjang-2026"
ADDRESS = "203.0.113.7"
START = datetime.datetime(2026, 12, 2, 2, 0, tzinfo=datetime.UTC)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]


@pytest.fixture
def english_admin(settings):
    """The admin in English; URL reversing caches whether the default language takes a prefix."""
    clear_url_caches()
    settings.LANGUAGE_CODE = "en"
    yield
    clear_url_caches()


@pytest.fixture
def two_factor(settings):
    settings.PORTAL_ADMIN_TWO_FACTOR = True


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editor", "editor@lampungprov.go.id", PASSWORD
    )


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username="editor", password=PASSWORD, address=ADDRESS):
    return client.post(
        reverse("wagtailadmin_login"),
        {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
        REMOTE_ADDR=address,
    )


def current_code(device):
    """What the authenticator app shows now."""
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrol(client, user):
    client.get(reverse("portal_two_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    return device, client.post(reverse("portal_two_factor_setup"), {"code": current_code(device)})


@pytest.mark.usefixtures("two_factor", "clock")
class TestTwoFactor:
    def test_the_first_sign_in_leads_to_enrolment_before_any_admin_page(self, client, editor):
        signed_in = sign_in(client)
        assert signed_in.status_code == 302

        home = client.get(signed_in["Location"])

        assert home.status_code == 302
        assert home["Location"].startswith(reverse("portal_two_factor_setup"))
        page = client.get(home["Location"])
        assert page.status_code == 200
        html = page.content.decode()
        assert "Set up two-step sign-in" in html
        assert 'src="data:image/svg+xml;base64,' in html
        assert "data-secret" in html

    def test_the_pages_of_the_second_step_load_their_icons(self, client, editor):
        sign_in(client)

        sprite = client.get(reverse("wagtailadmin_sprite"))

        assert sprite.status_code == 200
        assert "<svg" in sprite.content.decode()

    def test_a_confirmed_app_opens_the_admin(self, client, editor):
        sign_in(client)

        device, confirmed = enrol(client, editor)

        assert confirmed.status_code == 302
        assert device.__class__.objects.get(pk=device.pk).confirmed
        assert client.get(reverse("wagtailadmin_home")).status_code == 200

    def test_a_wrong_code_does_not_confirm_the_app(self, client, editor):
        sign_in(client)
        client.get(reverse("portal_two_factor_setup"))

        response = client.post(reverse("portal_two_factor_setup"), {"code": "000000"})

        assert response.status_code == 400
        assert "This code is not right or has expired" in response.content.decode()
        assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
        assert client.get(reverse("wagtailadmin_home")).status_code == 302

    def test_later_sign_ins_ask_for_the_code(self, client, editor, clock):
        sign_in(client)
        device, _ = enrol(client, editor)
        client.post(reverse("wagtailadmin_logout"))
        clock.shift(datetime.timedelta(seconds=60))

        sign_in(client)
        asked = client.get(reverse("wagtailadmin_explore_root"))
        assert asked.status_code == 302
        assert asked["Location"].startswith(reverse("portal_two_factor_verify"))
        assert client.get(asked["Location"]).status_code == 200

        wrong = client.post(asked["Location"], {"code": "123456"})
        assert wrong.status_code == 400
        # Each wrong code doubles the wait before the next try.
        clock.shift(datetime.timedelta(seconds=2))
        right = client.post(asked["Location"], {"code": current_code(device)})

        assert right.status_code == 302
        assert right["Location"] == reverse("wagtailadmin_explore_root")
        assert client.get(right["Location"]).status_code == 200

    def test_a_password_alone_cannot_replace_the_enrolled_app(self, client, editor, clock):
        sign_in(client)
        enrol(client, editor)
        client.post(reverse("wagtailadmin_logout"))

        sign_in(client)
        response = client.get(reverse("portal_two_factor_setup"))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("portal_two_factor_verify"))

    def test_repeated_wrong_codes_are_throttled(self, client, editor, clock):
        sign_in(client)
        enrol(client, editor)
        client.post(reverse("wagtailadmin_logout"))
        sign_in(client)
        verify = reverse("portal_two_factor_verify")
        for _ in range(3):
            client.post(verify, {"code": "000000"})

        response = client.post(verify, {"code": "000000"})

        assert "Too many wrong codes" in response.content.decode()

    def test_the_next_address_cannot_lead_off_site(self, client, editor):
        sign_in(client)
        client.get(reverse("portal_two_factor_setup"))
        device = TOTPDevice.objects.get(user=editor)

        response = client.post(
            reverse("portal_two_factor_setup") + "?next=https://evil.example/",
            {"code": current_code(device)},
        )

        assert response["Location"] == reverse("wagtailadmin_home")

    def test_an_administrator_resets_a_lost_phone(self, client, editor, capsys):
        sign_in(client)
        enrol(client, editor)

        call_command("reset_two_factor", "editor")

        assert not TOTPDevice.objects.filter(user=editor).exists()
        assert "Removed" in capsys.readouterr().out

    def test_the_public_site_never_asks_for_a_code(self, client, editor, home_page):
        sign_in(client)

        assert client.get("/").status_code == 200


class TestLockout:
    def test_five_wrong_passwords_lock_the_account_from_that_address(self, client, editor):
        for _ in range(4):
            assert sign_in(client, password="wrong").status_code == 200

        fifth = sign_in(client, password="wrong")
        with_the_right_password = sign_in(client)

        assert fifth.status_code == 429
        assert with_the_right_password.status_code == 429
        page = with_the_right_password.content.decode()
        assert "Sign-in blocked for a while" in page
        assert "Try again in 30 minutes" in page
        assert with_the_right_password["Retry-After"] == "1800"

    def test_the_lock_does_not_reach_the_same_user_elsewhere(self, client, editor):
        for _ in range(5):
            sign_in(client, password="wrong")

        assert sign_in(client, address="198.51.100.20").status_code == 302

    def test_the_lock_ends_after_the_cool_off(self, client, editor):
        with time_machine.travel(START, tick=False) as traveller:
            for _ in range(5):
                sign_in(client, password="wrong")
            traveller.shift(datetime.timedelta(minutes=31))

            assert sign_in(client).status_code == 302

    def test_a_successful_sign_in_forgets_earlier_failures(self, client, editor):
        for _ in range(4):
            sign_in(client, password="wrong")
        assert sign_in(client).status_code == 302
        client.post(reverse("wagtailadmin_logout"))

        assert sign_in(client, password="wrong").status_code == 200


class TestPasswords:
    @pytest.mark.parametrize(
        "password",
        ["lampung2026", "password1234", "123456789012", "editor@lampungprov.go.id"],
    )
    def test_weak_passwords_are_refused(self, password, editor):
        with pytest.raises(ValidationError):
            validate_password(password, user=editor)

    def test_a_long_passphrase_is_accepted(self, editor):
        validate_password("kopi tubruk di teluk betung", user=editor)
