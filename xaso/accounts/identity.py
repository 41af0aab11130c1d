"""The 12-digit personal identification number (số định danh cá nhân, Circular 07/2016/TT-BCA):
digits 1-3 the province of birth registration, digit 4 century and sex, digits 5-6 the last two
digits of the birth year, digits 7-12 a random number."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from xaso.core.errors import InvalidInput

# Province codes used in the number (the 63 provinces before 2025; existing numbers keep them).
BIRTH_PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
# Century digit: even for men, odd for women; 0-1 born 1900-1999, 2-3 born 2000-2099.
CENTURY_START = {0: 1900, 1: 1900, 2: 2000, 3: 2000}
DIGITS = re.compile(r"^\d{12}$")


def personal_id_clean(value: str, *, date_of_birth: date | None = None, sex: str = "") -> str:
    """Return the number without spaces, or raise InvalidInput saying what is wrong."""
    number = re.sub(r"[\s.\-]", "", value or "")
    if not DIGITS.match(number):
        raise InvalidInput(_("The personal ID number must have exactly 12 digits."), field="personal_id")
    if number[:3] not in BIRTH_PROVINCE_CODES:
        raise InvalidInput(
            _("The first three digits (%(code)s) are not a province code.") % {"code": number[:3]},
            field="personal_id",
        )
    century = int(number[3])
    if century not in CENTURY_START:
        raise InvalidInput(
            _("The fourth digit (%(digit)s) must be 0-3: it gives the century and sex.") % {"digit": century},
            field="personal_id",
        )
    year = CENTURY_START[century] + int(number[4:6])
    if year > date.today().year:
        raise InvalidInput(_("The birth year in the number is in the future."), field="personal_id")
    if date_of_birth and date_of_birth.year != year:
        raise InvalidInput(
            _("The number says born in %(year)s, the date of birth says %(dob)s.")
            % {"year": year, "dob": date_of_birth.year},
            field="personal_id",
        )
    if sex and sex in ("M", "F"):
        number_sex = "M" if century % 2 == 0 else "F"
        if number_sex != sex:
            raise InvalidInput(_("The number does not match the sex entered."), field="personal_id")
    return number


def mask_personal_id(number: str) -> str:
    return f"{number[:3]}******{number[-3:]}" if number else ""


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}****{phone[-3:]}" if phone and len(phone) >= 7 else phone


PHONE = re.compile(r"^0\d{9}$")


def phone_clean(value: str) -> str:
    """A Vietnamese mobile number as 10 digits starting with 0 (+84 / 84 prefixes accepted)."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not PHONE.match(digits):
        raise InvalidInput(_("Enter a phone number of 10 digits starting with 0."), field="phone")
    return digits


def email_clean(email: str) -> str:
    """An e-mail address in lower case, or "" for none; InvalidInput naming `email` if malformed."""
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("Enter a valid e-mail address."), field="email") from None
    return email


def canonical_identifier(identifier: str) -> str:
    """The spelling every variant of an identifier reduces to: a 10-digit phone, a lower-case
    e-mail, a username without spaces in lower case."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        return identifier.lower()
    try:
        return phone_clean(identifier)
    except InvalidInput:
        return "".join(identifier.split()).lower()
