"""Charts as server-rendered SVG: no script, no external service, scaled to the screen by the
viewBox so they stay readable on a phone. Every chart carries a <title> and a text table nearby
(the page shows the figures too), so it is never the only way to read them."""

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR = "#0b5cad"
TARGET = "#b3261e"
GRID = "#d0d0d0"


def _pct(value) -> float:
    return max(0.0, min(100.0, float(value or 0)))


def hbars(
    items: list[tuple[str, Decimal | None, Decimal | None]], *, title: str, width: int = 360
) -> SafeString:
    """Horizontal bars on a 0–100 scale, one per (label, value, target); the label sits above
    its bar so long Vietnamese names fit a narrow screen. A target draws a red tick."""
    row_h, left, right = 34, 4, 44
    plot = width - left - right
    height = row_h * len(items) + 8
    rows = []
    for i, (label, value, target) in enumerate(items):
        y = i * row_h + 4
        bar = plot * _pct(value) / 100
        shown = "—" if value is None else f"{float(value):.0f}"
        rows.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" fill="#1b1b1b">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="12" fill="{}" />'
                '<rect x="{}" y="{}" width="{}" height="12" fill="none" stroke="{}" />'
                '<text x="{}" y="{}" font-size="11" fill="#1b1b1b">{}</text>',
                left,
                y + 11,
                label[:60],
                left,
                y + 15,
                f"{bar:.1f}",
                BAR,
                left,
                y + 15,
                plot,
                GRID,
                left + plot + 4,
                y + 25,
                shown,
            )
        )
        if target is not None:
            tx = left + plot * _pct(target) / 100
            rows.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" />',
                    f"{tx:.1f}",
                    f"{tx:.1f}",
                    y + 13,
                    y + 29,
                    TARGET,
                )
            )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        title,
        title,
        format_html_join("", "{}", ((r,) for r in rows)),
    )


def columns(
    items: list[tuple[str, Decimal | None]], *, title: str, width: int = 360, height: int = 180
) -> SafeString:
    """Vertical columns on a 0–100 scale, one per (label, value): a score over the years."""
    bottom, top = height - 22, 16
    plot_h = bottom - top
    n = max(1, len(items))
    slot = (width - 8) / n
    col_w = min(48.0, slot * 0.6)
    parts = [
        format_html('<line x1="4" x2="{}" y1="{}" y2="{}" stroke="{}" />', width - 4, bottom, bottom, GRID)
    ]
    for i, (label, value) in enumerate(items):
        x = 4 + slot * i + (slot - col_w) / 2
        h = plot_h * _pct(value) / 100
        shown = "—" if value is None else f"{float(value):.1f}"
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" />'
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#1b1b1b">{}</text>'
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#1b1b1b">{}</text>',
                f"{x:.1f}",
                f"{bottom - h:.1f}",
                f"{col_w:.1f}",
                f"{h:.1f}",
                BAR,
                f"{x + col_w / 2:.1f}",
                f"{bottom - h - 4:.1f}",
                shown,
                f"{x + col_w / 2:.1f}",
                height - 6,
                label,
            )
        )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">'
        "<title>{}</title>{}</svg>",
        width,
        height,
        title,
        title,
        format_html_join("", "{}", ((p,) for p in parts)),
    )
