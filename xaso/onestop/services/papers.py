"""The papers of a dossier: uploaded (checked by content) or reused from the citizen's earlier
dossiers (declare once)."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from xaso.core.permissions import holds
from xaso.core.uploads import CheckedFile
from xaso.onestop.models import CITIZEN_EDITABLE, Dossier, DossierFile
from xaso.onestop.selectors import PROCESS
from xaso.onestop.uploads import MAX_FILES, upload_check


def paper_store(dossier: Dossier, actor: User, label: str, check: CheckedFile) -> DossierFile:
    """Keep a checked paper on the dossier (the caller holds the transaction and the checks)."""
    return DossierFile.objects.create(
        dossier=dossier,
        label=(label or _("Paper"))[:200],
        file=check.content(),
        content_type=check.content_type,
        size=check.size,
        sha256=check.sha256,
        uploaded_by=actor,
    )


def dossier_files_check(*, actor: User, dossier: Dossier) -> None:
    """Whether `actor` may add papers now: NotAllowed for the wrong person, Conflict for the
    right person at the wrong time (see dossier_file_add)."""
    owner = dossier.citizen_id is not None and dossier.citizen_id == actor.pk
    officer = holds(actor, PROCESS, commune=dossier.commune)
    if not (owner or officer):
        raise NotAllowed(_("You cannot add papers to this dossier."))
    if (owner and dossier.status in CITIZEN_EDITABLE) or (officer and not dossier.is_terminal):
        return
    raise Conflict(_("Papers can no longer be added to this dossier."), field="file")


def dossier_file_add(*, actor: User, dossier: Dossier, upload: UploadedFile, label: str = "") -> DossierFile:
    """Attach a paper. Rules: the citizen while the dossier is a draft or awaits a supplement;
    an officer of the commune until it is settled; PDF/JPEG/PNG by content, ≤ 10 MB, ≤ 20."""
    dossier_files_check(actor=actor, dossier=dossier)
    check = upload_check(upload)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.files.count() >= MAX_FILES:
            raise InvalidInput(_("At most 20 files per dossier."), field="file")
        stored = paper_store(locked, actor, label, check)
        audit_record(
            actor=actor,
            action="dossier.file_add",
            target=locked,
            commune_code=locked.commune_id,
            summary=stored.label,
            changes={"sha256": check.sha256, "type": check.content_type, "size": check.size},
        )
    return stored


def dossier_file_reuse(*, actor: User, dossier: Dossier, paper_id: int, label: str = "") -> DossierFile:
    """Declare once: attach a paper the citizen already gave in an earlier dossier (their
    document wallet) instead of uploading it again, under `label` (the required paper it
    stands for) or its own name. Rules: the citizen's own draft or dossier awaiting a
    supplement; only their own earlier papers; the 20-paper limit holds."""
    if dossier.citizen_id is None or dossier.citizen_id != actor.pk:
        raise NotAllowed(_("You cannot add papers to this dossier."))
    dossier_files_check(actor=actor, dossier=dossier)
    source = (
        DossierFile.objects.filter(pk=paper_id, dossier__citizen_id=actor.pk).exclude(dossier=dossier).first()
    )
    if source is None:
        raise NotFound(_("Paper not found."), field="paper")
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if locked.files.count() >= MAX_FILES:
            raise InvalidInput(_("At most 20 files per dossier."), field="file")
        if locked.files.filter(sha256=source.sha256).exists():
            raise InvalidInput(_("This paper is already in the dossier."), field="paper")
        # The stored file is shared, not copied: papers are never edited in place.
        reused = DossierFile.objects.create(
            dossier=locked,
            label=(label.strip() or source.label)[:200],
            file=source.file.name,
            content_type=source.content_type,
            size=source.size,
            sha256=source.sha256,
            uploaded_by=actor,
        )
        audit_record(
            actor=actor,
            action="dossier.file_reuse",
            target=locked,
            commune_code=locked.commune_id,
            summary=reused.label,
            changes={"from_paper": source.pk, "sha256": source.sha256},
        )
    return reused
