"""Server-rendered SVG charts (no script, no CDN); each page also shows the numbers as a table."""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from bot.console.overview import Series

COLOURS = ("#2f6f8f", "#e0a030", "#5a9e5a", "#b04a5a", "#7a5fa0", "#888888")
W, H, LEFT, BOTTOM, TOP = 640, 240, 36, 40, 12


def _scale(top: int) -> int:
    """A round top for the axis, divisible by 4 so the five grid lines get whole numbers."""
    for step in (4, 8, 20, 40, 100, 200, 400, 1000, 2000, 4000, 10000, 20000, 40000):
        if top <= step:
            return step
    return -(-top // 4) * 4


def _frame(title: str, peak: int) -> list[str]:
    out = [
        f'<svg viewBox="0 0 {W} {H}" class="chart" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):
        y = TOP + (H - TOP - BOTTOM) * i / 4
        value = peak * (4 - i) // 4
        out.append(f'<line x1="{LEFT}" x2="{W}" y1="{y:.0f}" y2="{y:.0f}" class="grid"/>')
        out.append(
            f'<text x="{LEFT - 4}" y="{y + 4:.0f}" class="axis" text-anchor="end">{value}</text>'
        )
    return out


def _legend(names: list[str]) -> str:
    return "".join(
        f'<span class="key"><i class="swatch c{i % len(COLOURS)}"></i>{escape(n)}</span>'
        for i, n in enumerate(names)
    )


def bars(series: Series, title: str, names: dict[str, str] | None = None) -> Markup:
    """Grouped bars: one group per label, one bar per series."""
    names = names or {}
    keys = list(series.series)
    if not series.labels:
        return Markup('<p class="muted">Nog geen gegevens.</p>')
    peak = _scale(max([1, *(v for vals in series.series.values() for v in vals)]))
    out = _frame(title, peak)
    plot_w, plot_h = W - LEFT - 4, H - TOP - BOTTOM
    group = plot_w / len(series.labels)
    bar = max(1.0, group * 0.8 / max(1, len(keys)))
    step = max(1, len(series.labels) // 12)
    for i, label in enumerate(series.labels):
        x0 = LEFT + 2 + i * group + group * 0.1
        for j, key in enumerate(keys):
            value = series.series[key][i]
            h = plot_h * value / peak
            out.append(
                f'<rect x="{x0 + j * bar:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" '
                f'height="{h:.1f}" class="c{j % len(COLOURS)}"><title>{escape(label)} · '
                f"{escape(names.get(key, key))}: {value}</title></rect>"
            )
        if i % step == 0:
            out.append(
                f'<text x="{x0 + group * 0.4:.0f}" y="{H - BOTTOM + 14}" class="axis" '
                f'text-anchor="middle">{escape(label[:12])}</text>'
            )
    out.append("</svg>")
    legend = _legend([names.get(k, k) for k in keys])
    return Markup(f"<figure>{''.join(out)}<figcaption>{legend}</figcaption></figure>")


def lines(series: Series, title: str, names: dict[str, str] | None = None) -> Markup:
    """One polyline per series over the labels (weeks)."""
    names = names or {}
    if len(series.labels) < 2:
        return bars(series, title, names)
    peak = _scale(max([1, *(v for vals in series.series.values() for v in vals)]))
    out = _frame(title, peak)
    plot_w, plot_h = W - LEFT - 8, H - TOP - BOTTOM
    dx = plot_w / (len(series.labels) - 1)
    for j, (key, values) in enumerate(series.series.items()):
        points = " ".join(
            f"{LEFT + 4 + i * dx:.1f},{TOP + plot_h - plot_h * v / peak:.1f}"
            for i, v in enumerate(values)
        )
        out.append(
            f'<polyline points="{points}" class="line s{j % len(COLOURS)}">'
            f"<title>{escape(names.get(key, key))}</title></polyline>"
        )
    step = max(1, len(series.labels) // 10)
    for i, label in enumerate(series.labels):
        if i % step == 0:
            out.append(
                f'<text x="{LEFT + 4 + i * dx:.0f}" y="{H - BOTTOM + 14}" class="axis" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    out.append("</svg>")
    legend = _legend([names.get(k, k) for k in series.series])
    return Markup(f"<figure>{''.join(out)}<figcaption>{legend}</figcaption></figure>")
