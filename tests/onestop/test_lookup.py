import pytest
from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.utils import translation

from xaso.core.errors import InvalidInput, NotFound, RateLimited
from xaso.documents.models import SignedDocument
from xaso.onestop.lookup import FIELDS, lookup_dossier, lookup_rows, mask_name
from xaso.onestop.models import Dossier, Status
from xaso.onestop.results import SUBJECT_TYPE

PER_CODE = settings.ONESTOP_LOOKUP_PER_CODE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_the_qr_token_opens_the_dossier(file_birth):
    dossier = file_birth()
    result = lookup_dossier(code=dossier.code, token=dossier.token)
    assert result["code"] == dossier.code
    assert result["status"] == "submitted"
    assert result["due_date"] == dossier.due_date


def test_the_last_four_phone_digits_open_a_typed_code(file_birth):
    dossier = file_birth()
    assert lookup_dossier(code=dossier.code.lower(), phone_last4="0001")["code"] == dossier.code


def test_a_wrong_token_a_wrong_phone_and_an_unknown_code_get_the_same_answer(file_birth):
    dossier = file_birth()
    answers = []
    for kwargs in (
        {"code": dossier.code, "token": "nope"},
        {"code": dossier.code, "phone_last4": "9999"},
        {"code": "99999-260101-0001", "phone_last4": "0001"},
    ):
        with pytest.raises(NotFound) as exc:
            lookup_dossier(**kwargs)
        answers.append(str(exc.value))
    assert len(set(answers)) == 1


def test_a_code_without_token_or_digits_is_asked_for_them(file_birth):
    with pytest.raises(InvalidInput):
        lookup_dossier(code=file_birth().code)


def test_the_answer_holds_no_personal_data(file_birth, walk):
    dossier = walk(file_birth(), "start")
    result = lookup_dossier(code=dossier.code, token=dossier.token)
    flat = repr(result)
    for secret in ("Trần Thị Bình", "0912000001", "038190000123", "Lê Minh An", "Phúc Lộc", dossier.token):
        assert secret not in flat
    assert result["applicant"] == "T*** T** B***"
    assert set(result) == {
        "code",
        "procedure",
        "status",
        "status_label",
        "applicant",
        "received_at",
        "due_date",
        "due_state",
        "timeline",
        "signed_result",  # whether a signed result exists: yes or no, nothing of it
    }
    assert result["signed_result"] is False
    assert all(set(step) == {"at", "status", "status_label"} for step in result["timeline"])


def test_the_names_are_masked_word_by_word():
    assert mask_name("Lê Văn A") == "L** V** A**"


def test_guessing_one_codes_digits_is_rate_limited(file_birth):
    dossier = file_birth()
    for n in range(PER_CODE):
        with pytest.raises(NotFound):
            lookup_dossier(code=dossier.code, phone_last4=f"123{n}", client=f"10.0.0.{n}")
    with pytest.raises(RateLimited):
        lookup_dossier(code=dossier.code, phone_last4="0001", client="10.0.1.1")


def test_a_code_of_the_wrong_shape_is_invalid_input_before_any_query():
    for code in ("", "abc def", "ØÆ", "1" * 31, "-15469"):
        with pytest.raises(InvalidInput):
            lookup_dossier(code=code, phone_last4="0001")


def test_a_token_or_digits_in_any_script_are_a_miss_not_a_crash(file_birth):
    dossier = file_birth()
    for kwargs in ({"token": "mã-sai-é"}, {"phone_last4": "٠٠٠١"}, {"phone_last4": "000é"}):
        with pytest.raises(NotFound):
            lookup_dossier(code=dossier.code, **kwargs)


def test_the_status_labels_follow_the_active_language(file_birth, walk):
    dossier = walk(file_birth(), "start")
    with translation.override("vi"):
        vi = lookup_dossier(code=dossier.code, token=dossier.token)
    with translation.override("en"):
        en = lookup_dossier(code=dossier.code, token=dossier.token)
    with translation.override("vi"):
        assert vi["status_label"] == str(Status(dossier.status).label)
    assert en["status_label"] == "In processing" != vi["status_label"]
    assert [step["status_label"] for step in en["timeline"]][:1] == ["Submitted online"]


def test_the_raw_read_gives_the_orms_values(file_birth, walk):
    # The hot read is raw SQL through Django's cursor (xaso.onestop.lookup); its values are
    # converted to the ORM's own: aware datetimes, dates, booleans, in the ORM's order.
    dossier = walk(file_birth(), "start")
    signed = SignedDocument.objects.filter(
        subject_type=SUBJECT_TYPE, subject_id=Cast(OuterRef("pk"), CharField())
    )
    orm = (
        Dossier.objects.filter(code=dossier.code)
        .annotate(signed_result=Exists(signed))
        .order_by("events__at", "events__id")
        .values_list(*FIELDS, "events__at", "events__to_status")
    )
    rows = lookup_rows(dossier.code)
    assert len(rows) >= 2
    assert rows == list(orm)
    assert rows[0][6].tzinfo is not None and rows[0][-2].tzinfo is not None
    assert rows[0][11] is False
