"""Household registers: spreadsheet rows as a commune writes them, and households made directly."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from xaso.community.models import Household
from xaso.community.spreadsheet import headers

HEADERS_VI = headers("vi")


def row(code="HK-001", village="Thôn Phúc Lộc", head="Nguyễn Văn An", **extra):
    values = {
        "address": "Xóm 1",
        "head_birth": "1970",
        "members": "Trần Thị Bình (1972); Nguyễn Văn Cường (2001)",
        "contact_name": "",
        "contact_phone": "0912345678",
        "contact_email": "",
        "contact_zalo_id": "",
        "public_name": "yes",
        "public_address": "no",
        "public_phone": "no",
    }
    values.update(extra)
    return [code, village, values["address"], head, values["head_birth"], values["members"],
            values["contact_name"], values["contact_phone"], values["contact_email"],
            values["contact_zalo_id"], values["public_name"], values["public_address"],
            values["public_phone"]]  # fmt: skip


def xlsx_bytes(rows, header=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header or HEADERS_VI)
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(rows, header=None, name="ho.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, header), content_type="application/octet-stream")


def household(commune, village, code, **extra):
    values = {"head_name": f"Chủ hộ {code}", "contact_name": f"Liên hệ {code}"}
    values.update(extra)
    return Household.objects.create(commune=commune, village=village, code=code, **values)
