"""Cashless payment points carry a static VietQR code; their count feeds the DX indicator."""

import pytest

from xaso.core.errors import InvalidInput, NotAllowed
from xaso.economy.selectors import payment_points_by_commune, payment_points_count
from xaso.economy.services import payment_point_save
from xaso.payments.vietqr import vietqr_parse

STALL = {
    "name": "Sạp rau bà Lan",
    "kind": "market_stall",
    "place": "Chợ Yên Định, ô 12",
    "bank_bin": "970405",
    "account_number": "3600205999888",
    "account_name": "NGUYEN THI LAN",
    "note": "Mua rau chợ Yên Định",
}


def test_a_stall_gets_a_static_code_without_amount(commune, one_stop_officer):
    point = payment_point_save(actor=one_stop_officer, commune=commune, data=STALL)
    qr = vietqr_parse(point.payload)
    assert not qr.is_dynamic and qr.amount is None
    assert (qr.bank_bin, qr.account_number, qr.note) == ("970405", "3600205999888", "Mua rau cho Yen Dinh")
    assert point.note_cleaning.accents_removed


def test_active_points_are_counted_per_commune_and_province(
    commune, other_commune, one_stop_officer, other_officer
):
    payment_point_save(actor=one_stop_officer, commune=commune, data=STALL)
    payment_point_save(
        actor=one_stop_officer, commune=commune, data={**STALL, "name": "Tạp hoá", "kind": "shop"}
    )
    payment_point_save(
        actor=one_stop_officer, commune=commune, data={**STALL, "name": "Cũ", "is_active": False}
    )
    payment_point_save(actor=other_officer, commune=other_commune, data=STALL)
    assert payment_points_count(commune_code=commune.code) == 2
    assert payment_points_count(province_code=commune.province_id) == 3
    assert payment_points_by_commune(province_code=commune.province_id) == {
        commune.code: 2,
        other_commune.code: 1,
    }


def test_a_point_with_an_unknown_bank_is_refused(commune, one_stop_officer):
    with pytest.raises(InvalidInput) as exc:
        payment_point_save(actor=one_stop_officer, commune=commune, data={**STALL, "bank_bin": "111111"})
    assert exc.value.field == "bank_bin"


def test_an_officer_of_another_commune_cannot_register_points_here(commune, other_officer):
    with pytest.raises(NotAllowed):
        payment_point_save(actor=other_officer, commune=commune, data=STALL)
