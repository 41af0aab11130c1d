"""Exports of dx tables: Excel through openpyxl (write-only mode), PDF through WeasyPrint."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook

from xaso.core.spreadsheets import xlsx_append
from xaso.dx.models import AssessmentStatus, Pillar
from xaso.dx.pdf import table_pdf


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]


def ranking_table(indicator_set, rows) -> Table:
    pillars = list(Pillar.choices)
    headers = [_("Rank"), _("Commune"), _("Score"), _("Level"), _("Status")] + [
        str(label) for _c, label in pillars
    ]
    statuses = dict(AssessmentStatus.choices)
    out = []
    for r in rows:
        a = r.assessment
        out.append(
            [
                r.rank or "",
                r.commune.name,
                float(a.score) if a and a.score is not None and r.rank else "",
                a.level.name if a and a.level else "",
                str(statuses[a.status]) if a else str(_("Not registered")),
            ]
            + [float(r.pillars[c]) if c in r.pillars and r.rank else "" for c, _label in pillars]
        )
    title = _("Ranking of communes — %(set)s %(year)s") % {
        "set": indicator_set.name,
        "year": indicator_set.year,
    }
    return Table(title=title, headers=headers, rows=out)


def to_xlsx(table: Table) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_("Ranking")[:31])
    xlsx_append(sheet, [table.title])
    xlsx_append(sheet, table.headers)
    for row in table.rows:
        xlsx_append(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_pdf(table: Table) -> bytes:
    return table_pdf(title=table.title, headers=table.headers, rows=table.rows)
