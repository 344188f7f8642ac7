"""The server-side SVG bar chart: accessible, escaped, no inline style (CSP)."""

import pytest

from marketplace.charts import bar_chart


def test_a_bar_per_value_with_title_and_label():
    svg = str(bar_chart(["2027-01", "2027-02"], [100, 250], title="Delivered <per> month"))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title>Delivered &lt;per&gt; month</title>" in svg
    assert 'aria-label="Delivered &lt;per&gt; month"' in svg
    assert svg.count('class="chart-bar"') == 2
    assert "style=" not in svg and "<script" not in svg


def test_labels_are_escaped_and_empty_or_zero_data_draws():
    svg = str(bar_chart(['<img src=x onerror="1">'], [0], title="t"))
    assert "<img" not in svg and "&lt;img" in svg
    assert "<svg" in str(bar_chart([], [], title="empty"))


def test_labels_and_values_must_pair():
    with pytest.raises(ValueError):
        bar_chart(["a"], [1, 2], title="t")
