"""PDFs of dx (the recognition decision, exported tables), through `xaso.core.pdf` (WeasyPrint,
local fonts, no network)."""

import textwrap
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from xaso.core.calendar import local_today, to_local
from xaso.core.formats import decimal
from xaso.core.pdf import Anchor, font_dir, html_to_pdf, html_to_pdf_with_anchors
from xaso.documents.official import date_line
from xaso.dx.models import Assessment, Kind

SIGNATURE_ANCHOR = "xaso-signature"  # the box documents' signing draws its visible block over


def _figure_text(value) -> str:
    kind = value.indicator.kind
    if kind == Kind.PERCENTAGE:
        if value.numerator is None or not value.denominator:
            return "—"
        return f"{decimal(value.numerator)}/{decimal(value.denominator)} ({decimal(value.figure)}%)"
    if value.value is None:
        return "—"
    if kind == Kind.YES_NO:
        return "Có" if value.value == 1 else "Không"
    return decimal(value.value)


def _target_text(indicator) -> str:
    if indicator.kind == Kind.PERCENTAGE:
        return f"≥ {decimal(indicator.target)}%"
    if indicator.kind == Kind.YES_NO:
        return "Có"
    return f"≥ {decimal(indicator.target)}"


def _province_names(name: str) -> tuple[str, str]:
    """("tỉnh Thanh Hóa", "Thanh Hóa") from a province's name, with or without its prefix."""
    for prefix in ("Tỉnh ", "Thành phố ", "tỉnh ", "thành phố "):
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :], name[len(prefix) :]
    return f"tỉnh {name}", name


def decision_pdf_with_anchor(assessment: Assessment) -> tuple[bytes, Anchor | None]:
    """The recognition decision of one assessment in the Decree 30/2020 layout, in Vietnamese,
    and where its signature goes. Scores print with a decimal comma ("74,05")."""
    values = assessment.values.select_related("indicator").order_by("indicator__position", "indicator__code")
    rows = [
        {
            "code": v.indicator.code,
            "name": v.indicator.name,
            "figure": _figure_text(v),
            "target": _target_text(v.indicator),
        }
        for v in values
    ]
    title, place = _province_names(assessment.commune.province.name)
    decided = to_local(assessment.decided_at).date() if assessment.decided_at else local_today()
    context = {"a": assessment, "rows": rows, "province_title": title, "date_line": date_line(place, decided)}
    with translation.override("vi"):
        html = render_to_string("dx/pdf/decision.html", context)
    pdf, anchors = html_to_pdf_with_anchors(html)
    return pdf, anchors.get(SIGNATURE_ANCHOR)


def decision_pdf(assessment: Assessment) -> bytes:
    """The recognition decision of one assessment, in Vietnamese (unsigned)."""
    return decision_pdf_with_anchor(assessment)[0]


# An exported table is set in a monospaced face, one text line per row, in a one-column table
# (so the header repeats on every page). WeasyPrint's cost is per text box, and a real grid of
# 168 communes × 10 columns took 2.5–4 s to lay out; one box per row takes a tenth of that.
LINE_CHARS = 160  # what fits across landscape A4 (273 mm) at 8 pt DejaVu Sans Mono
MAX_COLUMN = 40  # a longer cell wraps onto a second line of its row (nothing is cut)
_MONO_FACES = (("normal", "DejaVuSansMono.ttf"), ("bold", "DejaVuSansMono-Bold.ttf"))


def _mono_css() -> str:
    return "\n".join(
        f"@font-face {{ font-family: xaso-mono; font-weight: {weight}; src: url('{uri}'); }}"
        for weight, uri in ((w, (font_dir() / name).as_uri()) for w, name in _MONO_FACES)
    )


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float | Decimal):
        return f"{cell:.2f}".replace(".", ",")
    return " ".join(str(cell).split())


def _is_number(cell) -> bool:
    return isinstance(cell, int | float | Decimal) and not isinstance(cell, bool)


def text_table(headers: list[str], rows: list[list]) -> tuple[list[str], list[list[str]]]:
    """The table as monospaced lines: (header lines, one list of lines per row). Columns are as
    wide as their longest cell (at most MAX_COLUMN, longer ones wrap); numbers align right."""
    cells = [[_text(c) for c in row] for row in rows]
    numeric = [all(_is_number(row[i]) or row[i] in ("", None) for row in rows) for i in range(len(headers))]
    widths = []
    for i, header in enumerate(headers):
        longest_word = max((len(w) for w in str(header).split()), default=1)
        widths.append(min(MAX_COLUMN, max([longest_word, *(len(row[i]) for row in cells)])))
    # Room to spare: widen columns so their headers wrap less.
    roomy = [max(w, min(len(str(h)), MAX_COLUMN)) for w, h in zip(widths, headers, strict=True)]
    if sum(roomy) + 2 * len(roomy) <= LINE_CHARS:
        widths = roomy

    def lines(values: list[str], align_right: list[bool]) -> list[str]:
        wrapped = [textwrap.wrap(v, w) or [""] for v, w in zip(values, widths, strict=True)]
        height = max(len(parts) for parts in wrapped)
        out = []
        for k in range(height):
            parts = []
            for parts_of, width, right in zip(wrapped, widths, align_right, strict=True):
                piece = parts_of[k] if k < len(parts_of) else ""
                parts.append(piece.rjust(width) if right else piece.ljust(width))
            out.append("  ".join(parts).rstrip())
        return out

    header_lines = lines([str(h) for h in headers], [False] * len(headers))
    return header_lines, [lines(row, numeric) for row in cells]


def table_pdf(*, title: str, headers: list[str], rows: list[list]) -> bytes:
    """Any exported table (a ranking, a comparison) as a landscape A4 PDF."""
    header_lines, row_lines = text_table(headers, rows)
    chars = max(len(line) for line in [*header_lines, *(ln for r in row_lines for ln in r)])
    size = min(8.0, 8.0 * LINE_CHARS / max(chars, 1))
    with translation.override("vi"):
        html = render_to_string(
            "dx/pdf/table.html",
            {"title": title, "header": "\n".join(header_lines), "rows": ["\n".join(r) for r in row_lines]},
        )
    css = f"{_mono_css()} @page {{ size: A4 landscape; margin: 12mm; }} table {{ font-size: {size:.2f}pt; }}"
    return html_to_pdf(html, extra_css=css)
