"""Vietnamese names and addresses for the demo commune, drawn with a seeded random.Random: the
same seed gives the same people. Surnames roughly in their real frequency (Nguyễn first)."""

import random

SURNAMES = (
    ["Nguyễn"] * 12
    + ["Trần"] * 4
    + ["Lê"] * 4
    + ["Phạm"] * 3
    + ["Hoàng", "Huỳnh", "Vũ", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô"]
    + ["Hồ", "Dương", "Đinh", "Trịnh", "Lương", "Mai", "Lò", "Hà", "Cao", "Tạ"]
)
MIDDLE_MALE = ["Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Đình", "Ngọc", "Trọng"]
MIDDLE_FEMALE = ["Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Minh", "Phương", "Kim"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hùng", "Huy", "Khánh", "Long", "Mạnh",
    "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Tâm",
]  # fmt: skip
GIVEN_FEMALE = [
    "Anh", "Chi", "Dung", "Duyên", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Liên",
    "Linh", "Loan", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phượng", "Thảo", "Thủy", "Trang", "Yến",
]  # fmt: skip
# Lanes (ngõ) and hamlet groups (xóm) to build a house address in a village.
LANES = ["Ngõ Đình", "Ngõ Chợ", "Ngõ Giếng", "Ngõ Chùa", "Xóm Trên", "Xóm Dưới", "Xóm Giữa", "Ngõ Văn Chỉ"]
PHONE_PREFIXES = [
    "086", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039",
    "088", "091", "094", "083", "084", "085", "089", "090", "093", "070", "079", "077",
]  # fmt: skip


def person_name(rng: random.Random, sex: str | None = None, surname: str = "") -> tuple[str, str]:
    """A full name and its sex ("M"/"F")."""
    sex = sex or rng.choice("MF")
    middle = MIDDLE_MALE if sex == "M" else MIDDLE_FEMALE
    given = GIVEN_MALE if sex == "M" else GIVEN_FEMALE
    return f"{surname or rng.choice(SURNAMES)} {rng.choice(middle)} {rng.choice(given)}", sex


def phone_number(rng: random.Random, taken: set[str]) -> str:
    """A 10-digit mobile number not in `taken` (added to it)."""
    while True:
        number = rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**7):07d}"
        if number not in taken:
            taken.add(number)
            return number


def house_address(rng: random.Random, village_name: str, commune_name: str) -> str:
    return f"Số {rng.randint(1, 120)}, {rng.choice(LANES)}, {village_name}, {commune_name}"


def personal_id(rng: random.Random, sex: str, birth_year: int, province_code: str = "038") -> str:
    """A 12-digit citizen id of the shape on the card: province, century-and-sex, year, serial."""
    century = (0 if birth_year < 2000 else 2) + (1 if sex == "F" else 0)
    return f"{province_code}{century}{birth_year % 100:02d}{rng.randrange(10**6):06d}"
