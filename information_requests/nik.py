"""Plausibility of a NIK (Nomor Induk Kependudukan), the 16-digit number on every KTP.

Layout: PP KK CC DDMMYY SSSS — province, regency/city, district (kecamatan), date of birth (women
add 40 to the day) and a serial number. Only Dukcapil can say that a NIK exists; this check catches
typing mistakes and invented numbers without ever refusing a real one.
"""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Kemendagri province codes. 91 (Papua Barat until 2022) and 94 (Papua until 2022) stay on the
# cards issued before the 2022 split; 91-96 are today's six Papua provinces. A NIK never changes,
# so old and new codes are both valid.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19",
        "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    }
)  # fmt: skip
NIK_LENGTH = 16
WOMEN_DAY_OFFSET = 40
# What people type between the digit groups when they copy a NIK from a card.
SEPARATORS = re.compile(r"[\s.\-]")


def normalise_nik(value):
    return SEPARATORS.sub("", value or "")


def birth_date_is_real(ddmmyy):
    """DDMMYY, women's day + 40, is a date in the 1900s or the 2000s."""
    day, month, year = int(ddmmyy[:2]), int(ddmmyy[2:4]), int(ddmmyy[4:])
    if day > WOMEN_DAY_OFFSET:
        day -= WOMEN_DAY_OFFSET
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def validate_nik(value):
    """Raise a ValidationError that says which part of the NIK is wrong; the code names the rule."""
    nik = normalise_nik(value)
    if not nik.isdigit():
        raise ValidationError(_("A NIK contains digits only."), code="digits")
    if len(nik) != NIK_LENGTH:
        raise ValidationError(
            _("A NIK has exactly 16 digits; this one has %(count)d."),
            code="length",
            params={"count": len(nik)},
        )
    if nik[:2] not in PROVINCE_CODES:
        raise ValidationError(
            _("The first two digits of a NIK are a province code, and %(code)s is not one."),
            code="province",
            params={"code": nik[:2]},
        )
    if nik[2:4] == "00" or nik[4:6] == "00":
        raise ValidationError(
            _("Digits 3–4 (regency or city) and 5–6 (district) of a NIK are never 00."),
            code="region",
        )
    if not birth_date_is_real(nik[6:12]):
        raise ValidationError(
            _(
                "Digits 7–12 of a NIK are the date of birth as DDMMYY (women add 40 to the day), "
                "and %(digits)s is not a real date."
            ),
            code="birth_date",
            params={"digits": nik[6:12]},
        )
    if nik[12:] == "0000":
        raise ValidationError(_("The last four digits of a NIK are never 0000."), code="serial")
    return nik
