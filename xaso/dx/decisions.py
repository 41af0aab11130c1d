"""The recognition decision as a PDF, rendered after the decision is committed."""

from django.core.files.base import ContentFile
from django.db import transaction

from xaso.dx.models import Assessment
from xaso.dx.pdf import decision_pdf


def decision_pdf_store(*, assessment_id: int) -> None:
    """Render and store the decision PDF (called by the task after the decision committed)."""
    assessment = Assessment.objects.select_related("commune__province", "indicator_set", "level").get(
        pk=assessment_id
    )
    data = decision_pdf(assessment)
    with transaction.atomic():
        assessment.decision_pdf.save(f"quyet-dinh-{assessment.pk}.pdf", ContentFile(data), save=False)
        Assessment.objects.filter(pk=assessment.pk).update(decision_pdf=assessment.decision_pdf.name)
