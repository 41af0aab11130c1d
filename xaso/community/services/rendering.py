"""Making a bulletin's audio (run by the task; kept apart from radio.py so the task module
does not import the services that queue it)."""

import tempfile
from pathlib import Path

from django.core.files import File

from xaso.community import audio
from xaso.community.models import AudioStatus, Bulletin
from xaso.core.errors import InvalidInput


def bulletin_render(*, bulletin_id: int) -> Bulletin:
    """Make a bulletin's audio (called by the task): speech from its text or its recording
    cleaned up; records the duration, or the error. `status` is the audio job's progress
    (pending → ready or failed), set by the worker alone: task bookkeeping, not a workflow."""
    bulletin = Bulletin.objects.get(pk=bulletin_id)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bulletin.ogg"
        try:
            if bulletin.recording:
                source = Path(tmp) / "recording"
                with bulletin.recording.open("rb") as fh:
                    source.write_bytes(fh.read())
                    fh.seek(0)
                    kind = audio.recording_kind(fh)
                audio.clean(source, kind, out)
            else:
                audio.speak(bulletin.text, out)
            seconds = audio.duration(out)
        except (audio.AudioError, InvalidInput) as exc:
            bulletin.status, bulletin.error = AudioStatus.FAILED, str(exc)[:2000]
            bulletin.save(update_fields=["status", "error"])
            return bulletin
        with out.open("rb") as fh:
            bulletin.audio.save(f"bulletin-{bulletin.pk}.ogg", File(fh), save=False)
    bulletin.duration_seconds, bulletin.status, bulletin.error = seconds, AudioStatus.READY, ""
    bulletin.save(update_fields=["audio", "duration_seconds", "status", "error"])
    return bulletin
