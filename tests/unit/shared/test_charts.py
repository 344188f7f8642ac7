"""The server-side SVG charts: scalable, labelled for screen readers, no inline style."""

import re

import pytest

from marketplace.charts import bar_chart, compact, line_chart


def test_a_bar_chart_scales_by_its_viewbox_and_names_itself():
    svg = str(bar_chart(["Jan", "Feb"], [10, 30], title="Sales by month"))
    assert svg.startswith("<svg") and 'viewBox="0 0 ' in svg
    assert "width=" not in svg.split(">", 1)[0]  # the container decides the width
    title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
    assert f'<title id="{title_id}">Sales by month</title>' in svg
    assert 'role="img"' in svg
    assert svg.count("<rect") == 2
    assert 'aria-label="Feb: 30"' in svg


def test_no_inline_style_and_text_is_escaped():
    svg = str(bar_chart(['<b>"x"</b>'], [5], title="A & B <script>"))
    assert "style=" not in svg
    assert "<script>" not in svg and "<b>" not in svg
    assert "A &amp; B &lt;script&gt;" in svg


def test_the_tallest_bar_fills_the_axis_top_it_rounds_to():
    svg = str(bar_chart(["a", "b"], [50, 100], title="t"))
    heights = [float(h) for h in re.findall(r'<rect[^>]* height="([\d.]+)"', svg)]
    assert heights[1] == pytest.approx(2 * heights[0])


def test_many_labels_are_thinned_out_so_they_do_not_overlap():
    labels = [f"Bulan {n:02d}" for n in range(36)]
    svg = str(bar_chart(labels, list(range(36)), title="t"))
    shown = re.findall(r'class="chart-label"[^>]*>([^<]+)<', svg)
    assert 1 < len(shown) < 36 and shown[0] == "Bulan 00"
    assert svg.count("<rect") == 36  # every value is still drawn


def test_formatters_write_the_values_and_the_axis():
    svg = str(bar_chart(["a"], [1_500_000], title="t", fmt=lambda v: f"Rp{v}", axis_fmt=compact))
    assert "a: Rp1500000" in svg
    assert ">2M<" in svg  # the axis' top, rounded up to 2 million


def test_empty_and_zero_charts_draw_without_dividing_by_zero():
    assert "<svg" in str(bar_chart([], [], title="nothing"))
    assert "<svg" in str(bar_chart(["a"], [0], title="zero"))
    assert "<svg" in str(line_chart(["a"], {"x": [0]}, title="zero"))


def test_labels_and_values_must_pair_up():
    with pytest.raises(ValueError):
        bar_chart(["a", "b"], [1], title="t")
    with pytest.raises(ValueError):
        line_chart(["a"], {"x": [1, 2]}, title="t")


def test_a_line_chart_has_a_line_and_a_legend_entry_per_series():
    svg = str(
        line_chart(["Jan", "Feb", "Mar"], {"All": [1, 2, 3], "Bekasi": [3, 2, 1]}, title="Share")
    )
    assert svg.count("<polyline") == 2
    assert "■ All" in svg and "■ Bekasi" in svg
    assert svg.count("<circle") == 6
    assert 'aria-label="Bekasi, Mar: 1"' in svg
    assert "style=" not in svg


def test_a_fixed_maximum_sets_the_axis_top():
    svg = str(bar_chart(["a"], [500], title="t", maximum=1000, axis_fmt=lambda v: f"{v / 10}%"))
    assert ">100.0%<" in svg and ">50.0%<" in svg


@pytest.mark.parametrize(
    ("n", "text"), [(0, "0"), (999, "999"), (1500, "1.5k"), (2_000_000, "2M"), (3 * 10**9, "3B")]
)
def test_compact_figures(n, text):
    assert compact(n) == text
