"""The report as an Excel workbook (openpyxl, write-only: constant memory)."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from xaso.core.spreadsheets import xlsx_append
from xaso.onestop.reports import Report, Row


def _header():
    return [
        _("Name"),
        _("Received"),
        _("Online"),
        _("Online share"),
        _("Settled"),
        _("On time"),
        _("On-time share"),
        _("Late"),
    ]


def _line(row: Row) -> list:
    return [
        row.label,
        row.received,
        row.online,
        round(row.online_share, 4),
        row.settled,
        row.on_time,
        round(row.on_time_share, 4),
        row.late,
    ]


def report_xlsx(report: Report) -> bytes:
    book = Workbook(write_only=True)
    summary = book.create_sheet(_("Summary"))
    xlsx_append(
        summary, [_("From"), report.start.strftime("%d/%m/%Y"), _("To"), report.end.strftime("%d/%m/%Y")]
    )
    xlsx_append(summary, _header())
    xlsx_append(
        summary,
        _line(
            Row(
                label=_("Total"),
                **{k: getattr(report.total, k) for k in ("received", "online", "settled", "on_time", "late")},
            )
        ),
    )
    for title, rows in (
        (_("By procedure"), report.by_procedure),
        (_("By officer"), report.by_officer),
        (_("By commune"), report.by_commune),
    ):
        sheet = book.create_sheet(title[:31])
        xlsx_append(sheet, _header())
        for row in rows:
            xlsx_append(sheet, _line(row))
    ratings = book.create_sheet(_("Ratings"))
    for label, count in report.ratings:
        xlsx_append(ratings, [label, count])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
