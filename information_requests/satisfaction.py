"""The requesters' satisfaction index (Indeks Kepuasan Masyarakat, IKM) of PermenPANRB 14/2017.

Each response rates the nine standard elements of the service on a scale of 1 to 4. Per element,
the mean rating over the respondents is its NRR (nilai rata-rata); weighted by 1/9 each (the
elements weigh the same) and summed it is the service's mean, which times 25 is the index on a
scale of 25 to 100, graded A to D by the regulation's bands.

Plain Python: ratings in, figures out, so the arithmetic is tested directly. Exact fractions
inside; the published figures are rounded half up, the index to two decimals before grading.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _


class Element(NamedTuple):
    field: str  # the model field holding its rating
    code: str  # U1-U9, as the regulation numbers them
    label: str
    question: str  # as the survey asks it


ELEMENTS = (
    Element(
        "requirements",
        "U1",
        _("Requirements"),
        _("How well did the requirements to make a request suit the service?"),
    ),
    Element(
        "procedure",
        "U2",
        _("System, mechanism and procedure"),
        _("How easy was the procedure to request information?"),
    ),
    Element(
        "completion_time",
        "U3",
        _("Time to complete the service"),
        _("How quickly was your request served?"),
    ),
    Element(
        "cost",
        "U4",
        _("Cost or tariff"),
        _("How fair was the cost of the service (the service itself is free)?"),
    ),
    Element(
        "product",
        "U5",
        _("Products: what the service delivers"),
        _("How well did what you received match what the service standard promises?"),
    ),
    Element(
        "competence",
        "U6",
        _("Competence of the staff"),
        _("How capable were the staff who served you?"),
    ),
    Element(
        "conduct",
        "U7",
        _("Conduct of the staff"),
        _("How courteous and friendly were the staff?"),
    ),
    Element(
        "complaints",
        "U8",
        _("Handling of complaints, suggestions and feedback"),
        _("How well are complaints, suggestions and feedback handled?"),
    ),
    Element(
        "facilities",
        "U9",
        _("Facilities and infrastructure"),
        _("How good are the facilities: this website, the service desk, the forms?"),
    ),
)
ELEMENT_FIELDS = tuple(element.field for element in ELEMENTS)

LOWEST, HIGHEST = 1, 4
RATING_CHOICES = (
    (1, _("1 – Poor")),
    (2, _("2 – Fair")),
    (3, _("3 – Good")),
    (4, _("4 – Very good")),
)
WEIGHT = Fraction(1, len(ELEMENTS))
CONVERSION = 25  # from the mean rating (1-4) to the index (25-100)

TWO_PLACES = Decimal("0.01")
THREE_PLACES = Decimal("0.001")


class Grade(NamedTuple):
    lowest: Decimal  # the smallest index in the band
    letter: str
    label: str


# PermenPANRB 14/2017, the converted interval values, best first.
GRADES = (
    Grade(Decimal("88.31"), "A", _("Very good")),
    Grade(Decimal("76.61"), "B", _("Good")),
    Grade(Decimal("65.00"), "C", _("Fair")),
    Grade(Decimal("25.00"), "D", _("Poor")),
)


def grade_of(index):
    """The band of an index already rounded to two decimals."""
    for grade in GRADES:
        if index >= grade.lowest:
            return grade
    raise ValueError(f"An index is at least 25, not {index}.")


def rounded(value, places):
    """An exact fraction as a Decimal rounded half up, as the regulation's tables are."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(places, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ElementScore:
    element: Element
    mean: Decimal | None  # NRR per element
    weighted: Decimal | None  # NRR tertimbang: the mean times 1/9


@dataclass(frozen=True)
class SatisfactionIndex:
    respondents: int
    elements: tuple[ElementScore, ...]
    weighted_total: Decimal | None  # the mean over the elements (1-4)
    index: Decimal | None  # 25-100; None without respondents
    grade: Grade | None

    def published(self, minimum):
        """Shown to the public only from `minimum` respondents on, as other small counts."""
        return self.respondents >= minimum


def compute_index(ratings):
    """The index of `ratings`: each a sequence of nine ratings (1-4) in the order of ELEMENTS."""
    ratings = [tuple(rating) for rating in ratings]
    for rating in ratings:
        if len(rating) != len(ELEMENTS) or not all(LOWEST <= r <= HIGHEST for r in rating):
            raise ValueError(f"Nine ratings from {LOWEST} to {HIGHEST}, not {rating}.")
    count = len(ratings)
    if not count:
        empty = tuple(ElementScore(element, None, None) for element in ELEMENTS)
        return SatisfactionIndex(0, empty, None, None, None)
    means = [Fraction(sum(column), count) for column in zip(*ratings, strict=True)]
    total = sum(mean * WEIGHT for mean in means)
    index = rounded(total * CONVERSION, TWO_PLACES)
    return SatisfactionIndex(
        respondents=count,
        elements=tuple(
            ElementScore(element, rounded(mean, TWO_PLACES), rounded(mean * WEIGHT, THREE_PLACES))
            for element, mean in zip(ELEMENTS, means, strict=True)
        ),
        weighted_total=rounded(total, THREE_PLACES),
        index=index,
        grade=grade_of(index),
    )


@dataclass(frozen=True)
class Rating:
    """One response: the day it was given (WIB) and its nine ratings."""

    rated_on: date
    scores: tuple[int, ...]


@dataclass(frozen=True)
class YearIndexes:
    year: SatisfactionIndex
    quarters: tuple[SatisfactionIndex, ...]  # the first to the fourth


def quarter_of(day):
    return (day.month - 1) // 3 + 1


def year_indexes(ratings):
    """The index of a year's responses, and of each quarter's."""
    ratings = list(ratings)
    return YearIndexes(
        year=compute_index(rating.scores for rating in ratings),
        quarters=tuple(
            compute_index(r.scores for r in ratings if quarter_of(r.rated_on) == quarter)
            for quarter in range(1, 5)
        ),
    )
