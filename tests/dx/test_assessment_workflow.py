from decimal import Decimal

import pytest

from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.dx.models import Assessment, AssessmentStatus, ReviewStatus
from xaso.dx.services import assessments


def _accept_all(a, supervisor):
    for value in a.values.all():
        assessments.assessment_value_review(actor=supervisor, value=value, decision="accepted")


def test_a_commune_registers_once_per_set(dx_set, commune, commune_leader):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    assert a.status == AssessmentStatus.REGISTERED
    assert a.values.count() == 3
    with pytest.raises(Conflict):
        assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)


def test_a_draft_set_cannot_be_registered_for(province, commune, commune_leader):
    from tests.dx.factories import small_set

    draft = small_set(province, 2026, published=False)
    with pytest.raises(Conflict):
        assessments.assessment_register(actor=commune_leader, indicator_set=draft, commune=commune)


def test_an_officer_cannot_register_another_commune(dx_set, other_commune, commune_leader):
    with pytest.raises(NotAllowed):
        assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=other_commune)


def test_submitting_with_a_mandatory_indicator_empty_is_refused(dx_set, commune, commune_leader):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    with pytest.raises(InvalidInput) as exc:
        assessments.assessment_submit(actor=commune_leader, assessment=a)
    assert "A1" in str(exc.value.message)


def test_a_typed_value_without_evidence_cannot_be_submitted(dx_set, commune, commune_leader):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    value = a.values.get(indicator__code="A1")
    assessments.assessment_value_save(actor=commune_leader, value=value, numerator="3", denominator="4")
    with pytest.raises(InvalidInput):
        assessments.assessment_submit(actor=commune_leader, assessment=a)


def test_submission_scores_and_then_refuses_edits(filled, commune_leader):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    # A1 100% (2) + B1 yes (1) + C1 no data (0) = 3/4
    assert a.status == AssessmentStatus.SUBMITTED
    assert a.score == Decimal("75.00")
    with pytest.raises(Conflict):
        assessments.assessment_value_save(
            actor=commune_leader, value=a.values.get(indicator__code="B1"), amount="0"
        )


def test_an_automatic_value_with_data_cannot_be_typed(filled, commune, commune_leader):
    from tests import factories as f
    from xaso.dx.models import DigitalTeam

    v = f.village(commune, "Thôn A")
    DigitalTeam.objects.create(commune=commune, village=v, name="Tổ A")
    with pytest.raises(Conflict):
        assessments.assessment_value_save(
            actor=commune_leader,
            value=filled.values.get(indicator__code="C1"),
            numerator="1",
            denominator="1",
        )
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    c1 = a.values.get(indicator__code="C1")
    assert (c1.numerator, c1.denominator, c1.entered_by_commune) == (1, 1, False)
    assert a.score == Decimal("100.00")


def test_the_province_recognises_at_the_level_the_figures_reach(
    filled, commune, commune_leader, province_supervisor, django_capture_on_commit_callbacks
):
    from tests import factories as f
    from xaso.dx.models import DigitalTeam

    DigitalTeam.objects.create(commune=commune, village=f.village(commune, "Thôn A"), name="Tổ A")
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    _accept_all(a, province_supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        a = assessments.assessment_decide(
            actor=province_supervisor, assessment=a, decision_number="12/QĐ-BCĐ"
        )
    a.refresh_from_db()
    assert a.status == AssessmentStatus.RECOGNISED
    assert a.level.code == "nang_cao"
    assert a.decision_pdf.read(5) == b"%PDF-"
    assert list(a.events.values_list("to_status", flat=True)) == ["submitted", "recognised"]


def test_a_failed_mandatory_indicator_means_not_recognised(
    dx_set, commune, commune_leader, province_supervisor, pdf_file
):
    a = assessments.assessment_register(actor=commune_leader, indicator_set=dx_set, commune=commune)
    a1 = a.values.get(indicator__code="A1")
    assessments.assessment_value_save(actor=commune_leader, value=a1, numerator="9", denominator="10")
    assessments.evidence_add(actor=commune_leader, value=a1, upload=pdf_file())
    a = assessments.assessment_submit(actor=commune_leader, assessment=a)
    _accept_all(a, province_supervisor)
    a = assessments.assessment_decide(actor=province_supervisor, assessment=a)
    assert a.status == AssessmentStatus.NOT_RECOGNISED
    assert a.level is None
    assert a.summary["mandatory_failed"] == ["A1"]


def test_deciding_needs_every_indicator_accepted(filled, commune_leader, province_supervisor):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    with pytest.raises(InvalidInput):
        assessments.assessment_decide(actor=province_supervisor, assessment=a)


def test_a_returned_indicator_goes_back_to_the_commune_and_only_it_can_change(
    filled, commune_leader, province_supervisor
):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    b1 = a.values.get(indicator__code="B1")
    with pytest.raises(InvalidInput):
        assessments.assessment_value_review(actor=province_supervisor, value=b1, decision="returned")
    assessments.assessment_value_review(
        actor=province_supervisor, value=b1, decision="returned", comment="Ảnh mờ"
    )
    a = assessments.assessment_return(actor=province_supervisor, assessment=a, note="Bổ sung B1")
    assert a.status == AssessmentStatus.RETURNED
    with pytest.raises(Conflict):
        assessments.assessment_value_save(
            actor=commune_leader, value=a.values.get(indicator__code="A1"), numerator="1", denominator="1"
        )
    b1 = assessments.assessment_value_save(actor=commune_leader, value=b1, amount="1", comment="Ảnh mới")
    assert b1.review_status == ReviewStatus.PENDING
    a = assessments.assessment_submit(actor=commune_leader, assessment=a)
    assert a.status == AssessmentStatus.SUBMITTED


def test_returning_without_a_returned_indicator_is_refused(filled, commune_leader, province_supervisor):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    with pytest.raises(InvalidInput):
        assessments.assessment_return(actor=province_supervisor, assessment=a)


def test_a_supervisor_of_another_province_cannot_review(filled, commune_leader, other_province_supervisor):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    with pytest.raises(NotAllowed):
        assessments.assessment_value_review(
            actor=other_province_supervisor, value=a.values.first(), decision="accepted"
        )
    with pytest.raises(NotAllowed):
        assessments.assessment_decide(actor=other_province_supervisor, assessment=a)


def test_a_commune_cannot_review_its_own_assessment(filled, commune_leader):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    with pytest.raises(NotAllowed):
        assessments.assessment_value_review(actor=commune_leader, value=a.values.first(), decision="accepted")


def test_a_supervisor_cannot_review_before_submission(filled, province_supervisor):
    with pytest.raises(Conflict):
        assessments.assessment_value_review(
            actor=province_supervisor, value=filled.values.first(), decision="accepted"
        )


def test_a_decided_assessment_cannot_be_submitted_again(filled, commune_leader, province_supervisor):
    a = assessments.assessment_submit(actor=commune_leader, assessment=filled)
    _accept_all(a, province_supervisor)
    assessments.assessment_decide(actor=province_supervisor, assessment=a)
    with pytest.raises(Conflict):
        assessments.assessment_submit(actor=commune_leader, assessment=Assessment.objects.get(pk=a.pk))
