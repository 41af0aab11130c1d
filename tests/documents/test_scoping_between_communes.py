import pytest
from django.template.loader import render_to_string

from tests import factories as f
from tests.support.signing import PASSPHRASE
from xaso.documents.forms import SignForm
from xaso.documents.signing.selectors import credentials_usable_by, signed_documents_for
from xaso.documents.signing.services import signed_result_create


@pytest.fixture
def signed(media_root, commune, commune_leader, leader_credential):
    return signed_result_create(
        actor=commune_leader,
        commune=commune,
        title="Kết quả",
        html_or_pdf="<p>x</p>",
        credential=leader_credential,
        secret=PASSPHRASE,
        subject_type="onestop.dossier",
        subject_id="42",
    )


def test_an_officer_of_another_commune_does_not_see_the_signed_documents(
    signed, other_officer, one_stop_officer
):
    assert list(signed_documents_for(one_stop_officer)) == [signed]
    assert list(signed_documents_for(other_officer)) == []


def test_the_province_supervisor_sees_the_communes_of_the_province(
    signed, province_supervisor, other_province_supervisor
):
    assert list(signed_documents_for(province_supervisor)) == [signed]
    assert list(signed_documents_for(other_province_supervisor)) == []


def test_a_subject_finds_its_signed_documents(signed, one_stop_officer):
    assert list(signed_documents_for(one_stop_officer, subject_type="onestop.dossier", subject_id=42)) == [
        signed
    ]
    assert list(signed_documents_for(one_stop_officer, subject_type="onestop.dossier", subject_id=43)) == []


def test_a_leader_of_another_commune_is_offered_no_credential_here(commune, other_commune, leader_credential):
    other_leader = f.staff("commune_leader", commune_obj=other_commune, username="lanhdao_khac")
    assert list(credentials_usable_by(other_leader, commune)) == []


def test_the_sign_form_offers_only_the_actors_usable_credentials(commune, commune_leader, leader_credential):
    deputy = f.staff("commune_leader", commune_obj=commune, username="phochutich")
    mine = SignForm(credentials=credentials_usable_by(commune_leader, commune))
    theirs = SignForm(credentials=credentials_usable_by(deputy, commune))
    assert list(mine.fields["credential"].queryset) == [leader_credential]
    assert list(theirs.fields["credential"].queryset) == []
    html = render_to_string("documents/_sign_form.html", {"form": mine, "action": "/x/"})
    assert 'type="password"' in html and "Chữ ký số Chủ tịch" in html
