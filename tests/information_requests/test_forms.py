import io

import pytest
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image, PngImagePlugin

from information_requests.forms import RequestForm, TrackingForm
from information_requests.nik import validate_nik
from tests.information_requests.factories import (
    EXE_BYTES,
    HTML_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    form_data,
    image_bytes,
    upload,
)

pytestmark = pytest.mark.usefixtures("in_english")


class TestNik:
    @pytest.mark.parametrize(
        "nik",
        [
            pytest.param("1871010101900001", id="man born 1 January 1990 in Bandar Lampung"),
            pytest.param("1871014107900003", id="woman born 1 July 1990: day + 40"),
            pytest.param("1871017101900001", id="woman born 31 January: day 71"),
            pytest.param("1871012902000001", id="29 February 2000, a leap year"),
            pytest.param("9471010101900001", id="94: Papua until 2022, still on old cards"),
            pytest.param("9671010101200001", id="96: Papua Barat Daya since 2022"),
            pytest.param("1871 0101 0190 0001", id="spaces as copied from the card"),
        ],
    )
    def test_accepts_plausible_numbers(self, nik):
        assert validate_nik(nik) == nik.replace(" ", "")

    @pytest.mark.parametrize(
        ("nik", "rule"),
        [
            pytest.param("2071010101900001", "province", id="20 is no province"),
            pytest.param("1071010101900001", "province", id="10 is no province"),
            pytest.param("9771010101900001", "province", id="97 is no province"),
            pytest.param("1800010101900001", "region", id="regency 00"),
            pytest.param("1871000101900001", "region", id="district 00"),
            pytest.param("1871013102900001", "birth_date", id="31 February"),
            pytest.param("1871010113900001", "birth_date", id="month 13"),
            pytest.param("1871010001900001", "birth_date", id="day 00"),
            pytest.param("1871013201900001", "birth_date", id="day 32"),
            pytest.param("1871017201900001", "birth_date", id="woman's day 72 is the 32nd"),
            pytest.param("1871012902010001", "birth_date", id="29 February 1901 or 2001"),
            pytest.param("1871010101900000", "serial", id="serial 0000"),
            pytest.param("187101010190001", "length", id="15 digits"),
            pytest.param("18710101019000012", "length", id="17 digits"),
            pytest.param("18710101019000AB", "digits", id="letters"),
            pytest.param("1871-0101-0190-OOO1", "digits", id="letter O for zero"),
        ],
    )
    def test_refuses_each_implausible_part_with_its_own_reason(self, nik, rule):
        with pytest.raises(ValidationError) as error:
            validate_nik(nik)

        assert error.value.code == rule


def bound_form(requester_type="individual", files=None, **overrides):
    data, default_files = form_data(requester_type, **overrides)
    return RequestForm(data, default_files if files is None else files)


class TestRequesterTypes:
    @pytest.mark.parametrize("requester_type", ["individual", "legal_entity", "group"])
    def test_a_complete_request_of_each_type_is_valid(self, requester_type):
        form = bound_form(requester_type)

        assert form.is_valid(), form.errors

    @pytest.mark.parametrize(
        ("requester_type", "missing"),
        [
            ("individual", {"nik", "identity_card"}),
            ("legal_entity", {"legal_entity_decree", "legal_entity_deed"}),
            ("group", {"nik", "power_of_attorney", "proxy_identity_card"}),
        ],
    )
    def test_each_type_needs_its_identity_number_and_documents(self, requester_type, missing):
        form = bound_form(requester_type, files={}, nik="", legal_entity_decree="")

        assert not form.is_valid()
        assert set(form.errors) == missing

    def test_a_legal_entity_gives_no_nik_and_an_invalid_one_is_ignored(self):
        form = bound_form("legal_entity", nik="123")

        assert form.is_valid(), form.errors
        assert form.requester_fields()["nik"] == ""
        assert form.requester_fields()["legal_entity_decree"] == "AHU-0012345.AH.01.04.Tahun 2020"

    def test_documents_another_type_needs_are_not_kept(self):
        data, files = form_data("individual")
        files["power_of_attorney"] = upload("surat-kuasa.pdf")
        form = RequestForm(data, files)

        assert form.is_valid(), form.errors
        assert [kind for kind, _file, _type in form.attachments()] == ["identity_card"]

    def test_an_individual_gives_no_decree_number(self):
        form = bound_form("individual", legal_entity_decree="AHU-1")

        assert form.is_valid(), form.errors
        assert form.requester_fields()["legal_entity_decree"] == ""

    @pytest.mark.parametrize(
        "field",
        [
            "requester_type",
            "full_name",
            "occupation",
            "address",
            "information_requested",
            "purpose",
            "obtain_method",
        ],
    )
    def test_every_type_needs_the_common_fields(self, field):
        data, files = form_data()
        form = RequestForm({**data, field: ""}, files)

        assert not form.is_valid()
        assert field in form.errors


class TestContactAndDelivery:
    def test_needs_an_email_or_a_phone(self):
        form = bound_form(email="", phone="", obtain_method="view")

        assert not form.is_valid()
        assert form.errors["email"] == [
            "Give an e-mail address or a phone number, so that we can reach you."
        ]

    def test_a_phone_alone_is_enough(self):
        form = bound_form(email="", phone="0812-3456-7890", delivery_method="pick_up")

        assert form.is_valid(), form.errors

    @pytest.mark.parametrize("phone", ["12345", "0812 abc 7890", "+62 812 3456 7890 1234 5"])
    def test_refuses_a_phone_number_that_cannot_be_one(self, phone):
        form = bound_form(phone=phone)

        assert not form.is_valid()
        assert "phone" in form.errors

    def test_a_copy_needs_a_way_to_receive_it(self):
        form = bound_form(obtain_method="hardcopy", delivery_method="")

        assert not form.is_valid()
        assert form.errors["delivery_method"] == ["Choose how you want to receive the copy."]

    def test_a_copy_by_email_needs_an_email_address(self):
        form = bound_form(email="", obtain_method="softcopy", delivery_method="email")

        assert not form.is_valid()
        assert form.errors["email"] == ["Give your e-mail address to receive the copy by e-mail."]

    def test_seeing_the_information_needs_no_delivery(self):
        form = bound_form(obtain_method="view", delivery_method="post")

        assert form.is_valid(), form.errors
        assert form.requester_fields()["delivery_method"] == ""


class TestUploads:
    @pytest.mark.parametrize(
        ("name", "content", "browser_says", "stored_as", "content_type"),
        [
            ("ktp.pdf", PDF_BYTES, "application/pdf", "document.pdf", "application/pdf"),
            ("ktp.jpg", PDF_BYTES, "image/jpeg", "document.pdf", "application/pdf"),
            ("ktp.pdf", JPEG_BYTES, "application/pdf", "document.jpg", "image/jpeg"),
            ("KTP.PNG", PNG_BYTES, "image/png", "document.png", "image/png"),
        ],
    )
    def test_takes_the_kind_from_the_content_not_the_name(
        self, name, content, browser_says, stored_as, content_type
    ):
        form = bound_form(files={"identity_card": upload(name, content, browser_says)})

        assert form.is_valid(), form.errors
        [(_kind, uploaded, given_type)] = form.attachments()
        assert (uploaded.name, given_type) == (stored_as, content_type)

    @pytest.mark.parametrize(
        ("name", "content"),
        [("ktp.pdf", EXE_BYTES), ("ktp.pdf", HTML_BYTES), ("ktp.docx", b"PK\x03\x04word/")],
    )
    def test_refuses_anything_but_pdf_jpeg_and_png_whatever_it_is_called(self, name, content):
        form = bound_form(files={"identity_card": upload(name, content, "application/pdf")})

        assert not form.is_valid()
        assert form.errors.as_data()["identity_card"][0].code == "file_type"

    def test_refuses_a_file_over_the_size_limit(self, settings):
        settings.PPID_REQUEST_ATTACHMENT_MAX_SIZE = 1024
        big = upload("ktp.pdf", PDF_BYTES + b"0" * 1024)

        form = bound_form(files={"identity_card": big})

        assert not form.is_valid()
        assert form.errors["identity_card"] == [
            "This file is 1.1\xa0KB; each file may be at most 1.0\xa0KB."
        ]

    def test_a_photo_is_stored_without_its_exif_location_and_comment(self):
        photo = image_bytes("JPEG", size=(30, 10), exif=phone_exif(), comment=b"Siti's KTP")
        assert b"PhoneMaker" in photo

        form = bound_form(files={"identity_card": upload("ktp.jpg", photo, "image/jpeg")})

        assert form.is_valid(), form.errors
        [(_kind, stored, _type)] = form.attachments()
        content = stored.read()
        assert b"PhoneMaker" not in content and b"Siti" not in content
        with Image.open(io.BytesIO(content)) as picture:
            assert dict(picture.getexif()) == {}
            # EXIF orientation 6 (turned right) is applied to the pixels before it is dropped.
            assert picture.size == (10, 30)

    def test_a_png_is_stored_without_its_text_chunks(self):
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "Siti Rahmawati")
        scan = image_bytes("PNG", pnginfo=text, exif=phone_exif())

        form = bound_form(files={"identity_card": upload("ktp.png", scan, "image/png")})

        assert form.is_valid(), form.errors
        [(_kind, stored, _type)] = form.attachments()
        content = stored.read()
        assert b"Siti" not in content and b"PhoneMaker" not in content
        with Image.open(io.BytesIO(content)) as picture:
            assert picture.format == "PNG"
            assert picture.info == {}

    @pytest.mark.parametrize(
        "content",
        [
            pytest.param(JPEG_BYTES[:40], id="jpeg cut short"),
            pytest.param(PNG_BYTES[:30] + b"\x00" * 64, id="png header and garbage"),
        ],
    )
    def test_refuses_a_file_that_only_starts_like_an_image(self, content):
        form = bound_form(files={"identity_card": upload("ktp.jpg", content, "image/jpeg")})

        assert not form.is_valid()
        assert form.errors["identity_card"] == [
            "This image cannot be read. Scan or photograph the document again and retry."
        ]

    def test_the_size_limit_is_shown_beside_each_file(self, settings):
        settings.PPID_REQUEST_ATTACHMENT_MAX_SIZE = 5 * 1024 * 1024

        assert RequestForm()["identity_card"].help_text == "PDF, JPG or PNG, at most 5.0\xa0MB."


class TestTrackingForm:
    @pytest.mark.parametrize(
        "typed",
        [
            "s3cr3t-Code_x",
            "  s3cr3t-Code_x ",
            "https://ppid.lampungprov.go.id/permohonan-informasi/lacak/001-PPID-2026/s3cr3t-Code_x/",
        ],
    )
    def test_takes_the_code_or_the_whole_link(self, typed):
        form = TrackingForm({"registration_number": "001/PPID/2026", "token": typed})

        assert form.is_valid()
        assert form.cleaned_data["token"] == "s3cr3t-Code_x"


def phone_exif():
    """What a phone writes into a photo: maker, orientation and where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "S",
        ExifTags.GPS.GPSLatitude: (5.0, 25.0, 0.0),
    }
    return exif
