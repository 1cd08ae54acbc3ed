import xml.etree.ElementTree as ET

import pytest

from portal.charts import INK, SERIES_COLOURS, Series, bar_chart, grouped_bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup):
    return ET.fromstring(str(markup))


def contrast_with_white(colour):
    """WCAG contrast ratio of a #rrggbb colour against white."""

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


class TestBarChart:
    @pytest.fixture
    def chart(self):
        return bar_chart(
            "chart-revenue",
            "What the revenue is made of",
            "Parts of the regional revenue.",
            ["Taxes", "Transfers"],
            [300, 600],
            format_value=lambda value: f"Rp{value}",
        )

    def test_is_valid_svg_that_scales_with_its_container(self, chart):
        root = parse(chart)

        assert root.tag == f"{SVG}svg"
        assert root.get("viewBox").startswith("0 0 ")
        assert root.get("width") is None and root.get("height") is None

    def test_is_an_image_labelled_by_its_title_and_description(self, chart):
        root = parse(chart)

        assert root.get("role") == "img"
        assert root.get("aria-labelledby") == "chart-revenue-title chart-revenue-desc"
        assert root.find(f"{SVG}title").get("id") == "chart-revenue-title"
        assert root.find(f"{SVG}title").text == "What the revenue is made of"
        assert root.find(f"{SVG}desc").text == (
            "Parts of the regional revenue. Taxes: Rp300; Transfers: Rp600."
        )

    def test_writes_labels_and_values_as_text(self, chart):
        texts = [text.text for text in parse(chart).iter(f"{SVG}text")]

        assert texts == ["Taxes", "Rp300", "Transfers", "Rp600"]

    def test_bars_are_proportional_to_the_values(self, chart):
        widths = [float(rect.get("width")) for rect in parse(chart).iter(f"{SVG}rect")]

        assert widths[1] == pytest.approx(2 * widths[0], rel=0.01)

    def test_a_zero_value_draws_no_bar_but_keeps_its_label(self):
        root = parse(bar_chart("c", "T", "", ["Nothing", "Something"], [0, 5]))

        assert float(next(root.iter(f"{SVG}rect")).get("width")) == 0
        assert "Nothing: 0" in root.find(f"{SVG}desc").text

    def test_text_is_escaped(self):
        root = parse(bar_chart("c", 'Sales & "costs"', "<b>not markup</b>", ["A < B"], [1]))

        assert root.find(f"{SVG}title").text == 'Sales & "costs"'
        assert root.find(f"{SVG}desc").text.startswith("<b>not markup</b>")
        assert next(root.iter(f"{SVG}text")).text == "A < B"

    def test_is_inserted_in_templates_as_markup(self, chart):
        assert chart.__html__() == str(chart)


class TestGroupedBarChart:
    @pytest.fixture
    def chart(self):
        return grouped_bar_chart(
            "chart-budget",
            "Budget and realisation",
            "",
            ["Revenue", "Spending"],
            [Series("Budget", (100, 120)), Series("Realisation", (90, 100))],
        )

    def test_value_labels_name_their_series(self, chart):
        texts = [text.text for text in parse(chart).iter(f"{SVG}text")]

        assert texts[:2] == ["Budget", "Realisation"]  # the legend
        assert "Budget: 100" in texts and "Realisation: 90" in texts

    def test_series_are_told_apart_by_colour(self, chart):
        fills = {rect.get("fill") for rect in parse(chart).iter(f"{SVG}rect")}

        assert fills == set(SERIES_COLOURS[:2])

    def test_colours_are_readable_on_white(self):
        for colour in (INK, *SERIES_COLOURS):
            assert contrast_with_white(colour) >= 4.5


class TestChartInput:
    @pytest.mark.parametrize(
        ("chart_id", "labels", "values"),
        [
            ("chart", ["A"], [-1]),
            ("chart", ["A", "B"], [1]),
            ("chart", [], []),
            ("1 bad id", ["A"], [1]),
        ],
    )
    def test_refuses_what_it_cannot_draw(self, chart_id, labels, values):
        with pytest.raises(ValueError):
            bar_chart(chart_id, "Title", "", labels, values)
