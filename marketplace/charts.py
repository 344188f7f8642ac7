"""Small charts drawn on the server as SVG (pure): no script, and no inline style, which the
Content-Security-Policy forbids. Colours come from classes in static/css/app.css."""

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 48, 8, 12, 36


def _ticks(top: int) -> list[int]:
    """Up to five round gridline values from 0 to at least `top`."""
    if top <= 0:
        return [0]
    step = 1
    while top / step > 4:
        for factor in (2, 5, 10):
            if top / (step * factor) <= 4:
                step *= factor
                break
        else:
            step *= 10
    return list(range(0, top + step, step))[:6]


def bar_chart(labels: list[str], values: list[int], *, title: str) -> Markup:
    """A bar chart of `values` (whole numbers >= 0) under `labels`, as an SVG that scales to
    its container. Its <title> and aria-label name it; a table beside it gives the figures to
    screen readers (the bars are hidden from them)."""
    if len(labels) != len(values):
        raise ValueError("one label per value")
    values = [max(int(v), 0) for v in values]
    ticks = _ticks(max(values, default=0))
    top = ticks[-1] or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(values), 1)
    parts = [
        f'<svg class="bar-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        '<g aria-hidden="true">',
    ]
    for tick in ticks:
        y = TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line class="chart-grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="chart-axis" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end">'
            f"{tick:,}</text>".replace(",", ".")
        )
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        h = plot_h * value / top
        x = LEFT + i * slot + slot * 0.15
        parts.append(
            f'<rect class="chart-bar" x="{x:.1f}" y="{TOP + plot_h - h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{h:.1f}"><title>{escape(label)}: {value}</title>'
            f"</rect>"
            f'<text class="chart-axis" x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</g></svg>")
    return Markup("".join(parts))
