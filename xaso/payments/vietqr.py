"""VietQR payloads: EMVCo merchant-presented QR (ID-length-value fields) as NAPAS profiles it.

Top-level fields written, in this order: 00 payload format "01", 01 point of initiation ("11"
static, "12" dynamic), 38 the beneficiary (00 NAPAS GUID, 01 {00 bank BIN, 01 account}, 02 the
service "QRIBFTTA" to an account), 53 currency "704", 54 amount (dynamic codes), 58 country
"VN", 62 additional data (08 the transfer note), 63 a CRC-16/CCITT-FALSE over everything
before its value, "6304" included. The worked example in shared/DOMAIN.md is the reference.
Lengths are two decimal digits counting characters; every value written is ASCII, because the
note is folded before it is encoded (banks drop what they cannot carry).
"""

import binascii
import re
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput
from xaso.payments.banks import bank_by_bin

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
SERVICE_TO_CARD = "QRIBFTTC"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
STATIC = "11"
DYNAMIC = "12"
# EMVCo caps each field of template 62 at 25 characters; banks keep no more of a note.
NOTE_MAX = 25

_ACCOUNT = re.compile(r"^[0-9A-Za-z]{6,19}$")
_NOTE_KEEP = re.compile(r"[^0-9A-Za-z ]")
_SPACES = re.compile(r" {2,}")


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final xor), 4 hex digits."""
    return f"{binascii.crc_hqx(data.encode('ascii'), 0xFFFF):04X}"


def tlv(tag: str, value: str) -> str:
    if len(value) > 99:
        raise ValueError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def tlv_parse(data: str) -> list[tuple[str, str]]:
    """Split a run of ID-length-value fields; a malformed run raises InvalidInput."""
    fields, i = [], 0
    while i < len(data):
        head = data[i : i + 4]
        if len(head) < 4 or not head.isdigit():
            raise InvalidInput(_("The QR payload is not a valid EMVCo code."), field="payload")
        tag, length = head[:2], int(head[2:])
        value = data[i + 4 : i + 4 + length]
        if len(value) != length:
            raise InvalidInput(_("The QR payload is cut short."), field="payload")
        fields.append((tag, value))
        i += 4 + length
    return fields


@dataclass(frozen=True)
class CleanNote:
    text: str
    accents_removed: bool = False
    characters_dropped: bool = False
    shortened: bool = False

    @property
    def changed(self) -> bool:
        return self.accents_removed or self.characters_dropped or self.shortened

    def messages(self) -> list[str]:
        said = []
        if self.accents_removed:
            said.append(_("Vietnamese accents were removed from the transfer note (banks drop them)."))
        if self.characters_dropped:
            said.append(_("Characters other than letters, digits and spaces were removed from the note."))
        if self.shortened:
            said.append(
                _("The transfer note was shortened to %(n)d characters, the most a bank keeps.")
                % {"n": NOTE_MAX}
            )
        return said


def note_clean(note: str, *, limit: int = NOTE_MAX) -> CleanNote:
    """The note as banks will carry it: no accents, letters/digits/spaces only, at most `limit`."""
    raw = " ".join((note or "").split())
    folded = raw.replace("đ", "d").replace("Đ", "D")
    folded = "".join(ch for ch in unicodedata.normalize("NFD", folded) if not unicodedata.combining(ch))
    accents = folded != raw
    kept = _SPACES.sub(" ", _NOTE_KEEP.sub(" ", folded)).strip()
    dropped = kept != " ".join(folded.split())
    shortened = len(kept) > limit
    if shortened:
        kept = kept[:limit].rstrip()
    return CleanNote(kept, accents, dropped, shortened)


def bin_clean(bin_: str) -> str:
    bin_ = (bin_ or "").strip()
    if not (len(bin_) == 6 and bin_.isdigit()):
        raise InvalidInput(_("A bank BIN is 6 digits."), field="bank_bin")
    if bank_by_bin(bin_) is None:
        raise InvalidInput(_("No bank in the list has the BIN %(bin)s.") % {"bin": bin_}, field="bank_bin")
    return bin_


def account_clean(account: str) -> str:
    account = (account or "").replace(" ", "").strip()
    if not _ACCOUNT.match(account):
        raise InvalidInput(
            _("An account number is 6 to 19 letters or digits, without spaces or signs."),
            field="account_number",
        )
    return account


def amount_clean(amount) -> int:
    """A whole number of đồng, above zero and not above the configured ceiling."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        try:
            amount = int(str(amount).replace(".", "").replace(",", "").replace(" ", ""))
        except ValueError:
            raise InvalidInput(_("Enter the amount as a whole number of đồng."), field="amount") from None
    if amount <= 0:
        raise InvalidInput(_("The amount must be more than 0 đồng."), field="amount")
    ceiling = settings.PAYMENTS_MAX_AMOUNT
    if amount > ceiling:
        raise InvalidInput(
            _("The amount is above the ceiling of %(max)s đồng set for QR payments.")
            % {"max": f"{ceiling:,}"},
            field="amount",
        )
    return amount


@dataclass(frozen=True)
class VietQR:
    bank_bin: str
    account_number: str
    amount: int | None = None
    note: str = ""
    service: str = SERVICE_TO_ACCOUNT
    currency: str = CURRENCY_VND
    country: str = COUNTRY_VN
    initiation: str = STATIC
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def is_dynamic(self) -> bool:
        return self.initiation == DYNAMIC


def vietqr_build(
    *,
    bank_bin: str,
    account_number: str,
    amount: int | None = None,
    note: str = "",
    dynamic: bool | None = None,
) -> tuple[str, CleanNote]:
    """The payload string and the note as it went in. Rules: a BIN from the bank list, a plain
    account number, an amount in (0, ceiling] when given; a code with an amount is dynamic."""
    bank_bin = bin_clean(bank_bin)
    account_number = account_clean(account_number)
    if amount is not None:
        amount = amount_clean(amount)
    clean = note_clean(note)
    dynamic = amount is not None if dynamic is None else dynamic
    beneficiary = tlv("00", bank_bin) + tlv("01", account_number)
    merchant = tlv("00", NAPAS_GUID) + tlv("01", beneficiary) + tlv("02", SERVICE_TO_ACCOUNT)
    parts = [
        tlv("00", "01"),
        tlv("01", DYNAMIC if dynamic else STATIC),
        tlv("38", merchant),
        tlv("53", CURRENCY_VND),
    ]
    if amount is not None:
        parts.append(tlv("54", str(amount)))
    parts.append(tlv("58", COUNTRY_VN))
    if clean.text:
        parts.append(tlv("62", tlv("08", clean.text)))
    body = "".join(parts) + "6304"
    return body + crc16(body), clean


def vietqr_parse(payload: str) -> VietQR:
    """Decode and check a VietQR payload: CRC last and right, NAPAS GUID, known fields."""
    payload = (payload or "").strip()
    if not payload.isascii():
        raise InvalidInput(_("The QR payload is not a valid EMVCo code."), field="payload")
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise InvalidInput(_("The QR payload has no CRC at its end."), field="payload")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise InvalidInput(
            _("The QR payload's CRC does not match: it was changed or misread."), field="payload"
        )
    top = dict(tlv_parse(payload[:-8]))
    if top.get("00") != "01":
        raise InvalidInput(_("The QR payload is not a valid EMVCo code."), field="payload")
    merchant = dict(tlv_parse(top.get("38", "")))
    if merchant.get("00") != NAPAS_GUID:
        raise InvalidInput(_("This QR code is not a VietQR (NAPAS) code."), field="payload")
    beneficiary = dict(tlv_parse(merchant.get("01", "")))
    amount = top.get("54")
    if amount is not None:
        if not amount.isdigit():
            raise InvalidInput(_("The QR payload's amount is not a whole number."), field="payload")
        amount = int(amount)
    additional = dict(tlv_parse(top.get("62", "")))
    known = {"00", "01", "38", "53", "54", "58", "62"}
    return VietQR(
        bank_bin=beneficiary.get("00", ""),
        account_number=beneficiary.get("01", ""),
        amount=amount,
        note=additional.get("08", ""),
        service=merchant.get("02", ""),
        currency=top.get("53", ""),
        country=top.get("58", ""),
        initiation=top.get("01", ""),
        extra={k: v for k, v in top.items() if k not in known},
    )
