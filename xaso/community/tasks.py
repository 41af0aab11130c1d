"""Background work of the community app, through Django's tasks API: tasks take ids and call
the code that does the work."""

from django_tasks import task

from xaso.community.services import fanout, importing, rendering


@task()
def run_household_import(import_id: int) -> None:
    importing.household_import_execute(import_id=import_id)


@task()
def fan_out_announcement(announcement_id: int) -> None:
    fanout.announcement_fan_out(announcement_id=announcement_id)


@task()
def publish_due_announcements() -> int:
    return fanout.announcements_publish_due()


@task()
def render_bulletin_audio(bulletin_id: int) -> None:
    rendering.bulletin_render(bulletin_id=bulletin_id)
