"""Charts drawn on the server as SVG (pure: labels and integers in, markup out).

The SVG scales with its viewBox to the width of its container (a 360 px phone included), has a
<title> and an aria-label for screen readers, and carries no inline style: the look comes from
classes in static/css/app.css, since the Content-Security-Policy forbids `style=`. Pages put a
table of the same figures beside each chart; the chart itself is a picture of it.
"""

import hashlib
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

WIDTH = 360
HEIGHT = 220
LEFT = 52  # room for the value axis' labels
RIGHT = 8
TOP = 20  # room for the legend
BOTTOM = 28  # room for the category labels
FONT = 12
# A label's width in viewBox units per character, to thin labels out before they collide.
CHAR_WIDTH = FONT * 0.6
SERIES_CLASSES = ("chart-series-0", "chart-series-1", "chart-series-2", "chart-series-3")
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - BOTTOM - TOP


def _chart_id(kind: str, title: str, labels: Sequence[str], values: Sequence) -> str:
    digest = hashlib.sha1(repr((kind, title, list(labels), list(values))).encode()).hexdigest()
    return f"chart-{digest[:10]}"


def compact(n: int, units: Sequence[str] = ("k", "M", "B")) -> str:
    """A short figure for an axis: 1500 -> '1.5k', 2000000 -> '2M' (units per thousand)."""
    value, unit = float(n), ""
    for name in units:
        if abs(value) < 1000:
            break
        value, unit = value / 1000, name
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text}{unit}"


def _nice_top(largest: int) -> int:
    """The value axis' top: 1, 2 or 5 times a power of ten, at least the largest value."""
    if largest <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= largest:
                return step * factor
        step *= 10


def _label_every(count: int, labels: Sequence[str], slot: float) -> int:
    """Show every n-th category label, so that the shown ones do not overlap."""
    if count == 0:
        return 1
    longest = max((len(label) for label in labels), default=1) * CHAR_WIDTH + 4
    every = 1
    while slot * every < longest and every < count:
        every += 1
    return every


def _frame(
    kind: str, title: str, labels: Sequence[str], values: Sequence, top: int, fmt: Callable
) -> list[str]:
    """The opening of a chart of these labels and values: the svg tag, its title, the grid."""
    chart_id = _chart_id(kind, title, labels, values)
    plot_bottom = HEIGHT - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart chart-{kind}" role="img" aria-labelledby="{chart_id}-title" '
        f'preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    for fraction in (0, 0.5, 1):
        y = plot_bottom - fraction * (plot_bottom - TOP)
        value = int(top * fraction)
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        parts.append(
            f'<text class="chart-axis" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" '
            f'font-size="{FONT}">{escape(fmt(value))}</text>'
        )
    return parts


def _category_labels(labels: Sequence[str], centres: Sequence[float], slot: float) -> list[str]:
    every = _label_every(len(labels), labels, slot)
    return [
        f'<text class="chart-label" x="{x:.1f}" y="{HEIGHT - BOTTOM + FONT + 4}" '
        f'text-anchor="middle" font-size="{FONT}">{escape(label)}</text>'
        for i, (label, x) in enumerate(zip(labels, centres, strict=True))
        if i % every == 0
    ]


def _check(labels: Sequence[str], values: Sequence[int]) -> None:
    if len(labels) != len(values):
        raise ValueError("labels and values differ in length")


def bar_chart(
    labels: list[str],
    values: list[int],
    *,
    title: str,
    fmt: Callable[[int], str] = str,
    axis_fmt: Callable[[int], str] | None = None,
    maximum: int | None = None,
) -> Markup:
    """A bar per label; `fmt` writes a value in the page's language (tooltips), `axis_fmt` a
    short one for the value axis (default `fmt`); `maximum` fixes the axis' top (e.g. 100%)."""
    _check(labels, values)
    top = maximum or _nice_top(max(values, default=0))
    parts = _frame("bar", title, labels, values, top, axis_fmt or fmt)
    slot = PLOT_WIDTH / max(len(values), 1)
    centres = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        height = max(value, 0) / top * PLOT_HEIGHT
        x = LEFT + i * slot + slot * 0.15
        centres.append(LEFT + i * slot + slot / 2)
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{HEIGHT - BOTTOM - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}" '
            f'aria-label="{escape(label)}: {escape(fmt(value))}">'
            f"<title>{escape(label)}: {escape(fmt(value))}</title></rect>"
        )
    parts.extend(_category_labels(labels, centres, slot))
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(
    labels: list[str],
    series: dict[str, list[int]],
    *,
    title: str,
    fmt: Callable[[int], str] = str,
    axis_fmt: Callable[[int], str] | None = None,
    maximum: int | None = None,
) -> Markup:
    """One line per named series over the labels (months, usually), with a legend."""
    for values in series.values():
        _check(labels, values)
    flat = [v for values in series.values() for v in values]
    top = maximum or _nice_top(max(flat, default=0))
    parts = _frame("line", title, labels, flat, top, axis_fmt or fmt)
    slot = PLOT_WIDTH / max(len(labels), 1)
    centres = [LEFT + i * slot + slot / 2 for i in range(len(labels))]
    legend_x = float(LEFT)
    for n, (name, values) in enumerate(series.items()):
        css = SERIES_CLASSES[n % len(SERIES_CLASSES)]
        points = [
            (x, HEIGHT - BOTTOM - max(v, 0) / top * PLOT_HEIGHT)
            for x, v in zip(centres, values, strict=True)
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline class="chart-line {css}" fill="none" points="{path}"/>')
        for (x, y), label, v in zip(points, labels, values, strict=True):
            text = f"{escape(name)}, {escape(label)}: {escape(fmt(v))}"
            parts.append(
                f'<circle class="chart-dot {css}" cx="{x:.1f}" cy="{y:.1f}" r="3" '
                f'aria-label="{text}"><title>{text}</title></circle>'
            )
        parts.append(
            f'<text class="chart-legend {css}" x="{legend_x:.1f}" y="{TOP - 6}" '
            f'font-size="{FONT}">■ {escape(name)}</text>'
        )
        legend_x += (len(name) + 3) * CHAR_WIDTH
    parts.extend(_category_labels(labels, centres, slot))
    parts.append("</svg>")
    return Markup("".join(parts))
