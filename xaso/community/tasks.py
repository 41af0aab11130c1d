"""Background work of the community app, through Django's tasks API: tasks take ids and call
the code that does the work."""

from django_tasks import task

from xaso.community import importing


@task()
def run_household_import(import_id: int) -> None:
    importing.household_import_execute(import_id=import_id)
