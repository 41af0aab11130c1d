"""PDFs of dx (the recognition decision, exported tables), through `xaso.core.pdf` (WeasyPrint,
local fonts, no network)."""

from django.template.loader import render_to_string
from django.utils import translation

from xaso.core.pdf import html_to_pdf
from xaso.dx.models import Assessment


def decision_pdf(assessment: Assessment) -> bytes:
    """The recognition decision of one assessment, in Vietnamese."""
    values = assessment.values.select_related("indicator").order_by("indicator__position", "indicator__code")
    with translation.override("vi"):
        html = render_to_string("dx/pdf/decision.html", {"a": assessment, "values": values})
    return html_to_pdf(html)


def table_pdf(*, title: str, headers: list[str], rows: list[list]) -> bytes:
    """Any exported table (a ranking, a comparison) as a landscape A4 PDF."""
    with translation.override("vi"):
        html = render_to_string("dx/pdf/table.html", {"title": title, "headers": headers, "rows": rows})
    return html_to_pdf(html, extra_css="@page { size: A4 landscape; margin: 12mm; }")
