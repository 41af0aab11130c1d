from datetime import date

import pytest

from xaso.core.errors import InvalidInput, NotAllowed
from xaso.dx import selectors
from xaso.dx.models import TaskStatus
from xaso.dx.services import plans


@pytest.fixture
def commune_plan(commune, commune_leader):
    return plans.plan_create(
        actor=commune_leader, commune=commune, title="Kế hoạch CĐS xã", year_from=2025, year_to=2026
    )


def test_a_province_plan_can_start_from_the_ninh_binh_targets(province, province_supervisor):
    plan = plans.plan_create(
        actor=province_supervisor,
        province=province,
        title="Kế hoạch tỉnh",
        year_from=2024,
        year_to=2025,
        example_targets=True,
    )
    names = list(plan.targets.values_list("name", flat=True))
    assert len(names) == 7
    assert plan.targets.get(name__contains="điện thoại thông minh").value == 90


def test_a_commune_officer_cannot_make_a_province_plan(province, commune_leader):
    with pytest.raises(NotAllowed):
        plans.plan_create(actor=commune_leader, province=province, title="X", year_from=2025, year_to=2025)


def test_another_commune_cannot_see_or_change_the_plan(commune_plan, other_officer):
    with pytest.raises(NotAllowed):
        plans.objective_add(actor=other_officer, plan=commune_plan, title="Lạ")
    assert not selectors.plans_for(other_officer).filter(pk=commune_plan.pk).exists()


def test_the_province_sees_its_communes_plans(commune_plan, province_supervisor, other_province_supervisor):
    assert selectors.plans_for(province_supervisor).filter(pk=commune_plan.pk).exists()
    assert not selectors.plans_for(other_province_supervisor).filter(pk=commune_plan.pk).exists()


def test_progress_counts_done_and_late_tasks(commune_plan, commune_leader):
    objective = plans.objective_add(actor=commune_leader, plan=commune_plan, title="100% hồ sơ trực tuyến")
    t1 = plans.task_add(
        actor=commune_leader,
        objective=objective,
        title="Tập huấn",
        owner="Văn phòng",
        deadline=date(2025, 3, 1),
    )
    plans.task_add(
        actor=commune_leader, objective=objective, title="Loa", owner="Văn hóa", deadline=date(2025, 4, 1)
    )
    plans.task_add(
        actor=commune_leader, objective=objective, title="Wifi", owner="Văn hóa", deadline=date(2026, 12, 1)
    )
    plans.task_update(actor=commune_leader, task=t1, status=TaskStatus.DONE)
    [progress] = selectors.plan_progress(commune_plan, today=date(2025, 6, 1))
    assert (progress.done, progress.late, progress.percent) == (1, 1, 33)


def test_a_task_deadline_outside_the_plan_is_refused(commune_plan, commune_leader):
    objective = plans.objective_add(actor=commune_leader, plan=commune_plan, title="O")
    with pytest.raises(InvalidInput) as exc:
        plans.task_add(
            actor=commune_leader, objective=objective, title="T", owner="A", deadline=date(2030, 1, 1)
        )
    assert exc.value.field == "deadline"


def test_task_evidence_is_content_checked(commune_plan, commune_leader, pdf_file):
    from django.core.files.uploadedfile import SimpleUploadedFile

    objective = plans.objective_add(actor=commune_leader, plan=commune_plan, title="O")
    task = plans.task_add(
        actor=commune_leader, objective=objective, title="T", owner="A", deadline=date(2025, 5, 1)
    )
    with pytest.raises(InvalidInput):
        plans.task_update(
            actor=commune_leader, task=task, status="done", upload=SimpleUploadedFile("x.pdf", b"not a pdf")
        )
    task = plans.task_update(actor=commune_leader, task=task, status="done", upload=pdf_file())
    assert task.evidence_name == "bien-ban.pdf" and task.done_on is not None


def test_target_figures_are_checked_and_one_per_period(commune_plan, commune_leader):
    target = plans.target_add(
        actor=commune_leader, plan=commune_plan, name="Điện thoại thông minh", value="90"
    )
    with pytest.raises(InvalidInput):
        plans.target_add(actor=commune_leader, plan=commune_plan, name="Sai", value="120")
    with pytest.raises(InvalidInput):
        plans.target_figure_record(actor=commune_leader, target=target, period="2025", value="101")
    plans.target_figure_record(actor=commune_leader, target=target, period="2025", value="91.5")
    with pytest.raises(InvalidInput) as exc:
        plans.target_figure_record(actor=commune_leader, target=target, period="2025", value="92")
    assert exc.value.field == "period"
    assert target.reached_by(target.figures.get().value)


def test_the_plan_pages(commune, commune_leader, login):
    client = login(commune_leader)
    r = client.post(
        "/cds/ke-hoach/",
        {"title": "Kế hoạch 2025", "owner": f"c:{commune.code}", "year_from": "2025", "year_to": "2025"},
    )
    assert r.status_code == 302
    plan_url = r.url
    client.post(plan_url + "objective/", {"title": "Mục tiêu 1"})
    client.post(
        plan_url + "target/", {"name": "Hộ có cáp quang", "value": "80", "direction": "ge", "unit": "%"}
    )
    page = client.get(plan_url)
    body = page.content.decode()
    assert "Mục tiêu 1" in body and "Hộ có cáp quang" in body and "<svg" in body


def test_a_plan_form_error_keeps_what_was_typed(commune, commune_leader, login):
    r = login(commune_leader).post(
        "/cds/ke-hoach/",
        {"title": "Tên đã gõ", "owner": f"c:{commune.code}", "year_from": "2026", "year_to": "2025"},
    )
    assert r.status_code == 422 and "Tên đã gõ" in r.content.decode()


def test_another_commune_gets_not_found_on_the_plan_page(commune_plan, other_officer, login):
    assert login(other_officer).get(f"/cds/ke-hoach/{commune_plan.pk}/").status_code == 404
