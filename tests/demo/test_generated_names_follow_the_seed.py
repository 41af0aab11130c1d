import random

from xaso.core.demo import step_rng
from xaso.core.demo_names import house_address, person_name, personal_id, phone_number


def _people(rng: random.Random) -> list:
    phones: set[str] = set()
    return [
        (person_name(rng), phone_number(rng, phones), house_address(rng, "Thôn Phúc Lộc", "Xã Yên Định"))
        for _ in range(50)
    ]


def test_the_same_seed_gives_the_same_people_and_another_seed_others():
    assert _people(step_rng(18, "community")) == _people(step_rng(18, "community"))
    assert _people(step_rng(18, "community")) != _people(step_rng(19, "community"))


def test_names_are_vietnamese_and_phones_are_ten_digit_mobiles():
    rng = step_rng(18, "x")
    (name, sex), phone, _address = _people(rng)[0]
    assert len(name.split()) == 3 and sex in "MF"
    assert len(phone) == 10 and phone.startswith("0")
    assert len(personal_id(rng, "F", 1990)) == 12
