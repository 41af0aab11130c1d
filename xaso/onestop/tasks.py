"""Background work of the one-stop shop (Django tasks API)."""

from django_tasks import task

from xaso.onestop.services.deadlines import dossiers_flag_late


@task()
def sweep_late() -> int:
    """The daily sweep: flag late dossiers and tell their handlers and leaders."""
    return dossiers_flag_late()
