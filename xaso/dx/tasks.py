from django_tasks import task

from xaso.dx.services.decisions import decision_pdf_store


@task()
def decision_pdf_render(assessment_id: int) -> None:
    """Render the recognition decision's PDF once the decision is committed."""
    decision_pdf_store(assessment_id=assessment_id)
