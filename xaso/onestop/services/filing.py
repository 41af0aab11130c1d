"""Filing online: a citizen's draft kept between visits, then the dossier filed (its code,
receipt time and due date fixed at once), once per idempotency key."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.accounts.services import own_profile_ensure
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, NotAllowed
from xaso.core.idempotency import Outcome, idempotent_run, request_fingerprint
from xaso.onestop.effects import applicant_of, citizen_tell
from xaso.onestop.forms import clean_data
from xaso.onestop.models import Channel, Dossier, Procedure, Status
from xaso.onestop.required_papers import papers_missing_online, papers_refuse
from xaso.onestop.selectors import SUBMIT_SCOPE
from xaso.onestop.services.catalogue import offered_check
from xaso.onestop.workflow import DOSSIER_FLOW
from xaso.places.models import Commune


def dossier_draft_save(
    *, actor: User, procedure: Procedure, commune: Commune, data: dict, dossier: Dossier | None = None
) -> Dossier:
    """Keep what a citizen typed so far. Rules: signed in; a draft is the citizen's own; what is
    given is checked but required fields may stay empty."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to keep a draft."))
    offered_check(commune, procedure)
    cleaned = clean_data(procedure.form, data, partial=True)
    with transaction.atomic():
        if dossier is None:
            profile = own_profile_ensure(actor=actor)
            name, phone = applicant_of(cleaned, profile)
            dossier = Dossier.objects.create(
                token=secrets.token_urlsafe(16),
                commune=commune,
                procedure=procedure,
                channel=Channel.ONLINE,
                citizen=actor,
                profile=profile,
                village=profile.village,
                applicant_name=name or actor.full_name,
                applicant_phone=phone,
                data=cleaned,
            )
        else:
            dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
            if dossier.citizen_id != actor.pk or dossier.status != Status.DRAFT:
                raise Conflict(_("Only your own draft can be changed."))
            dossier.data = cleaned
            dossier.applicant_name, dossier.applicant_phone = applicant_of(cleaned, dossier.profile)
            dossier.save(update_fields=["data", "applicant_name", "applicant_phone", "updated_at"])
        audit_record(actor=actor, action="dossier.draft_save", target=dossier, commune_code=commune.code)
    return dossier


def dossier_draft_update(*, actor: User, dossier: Dossier, data: dict) -> Dossier:
    """Change the data of one's own draft (see dossier_draft_save)."""
    return dossier_draft_save(
        actor=actor, procedure=dossier.procedure, commune=dossier.commune, data=data, dossier=dossier
    )


def dossier_submit(
    *, actor: User, procedure: Procedure, commune: Commune, data: dict, dossier: Dossier | None = None
) -> Dossier:
    """File a dossier online. Rules: the commune offers the procedure; the form's rules hold;
    a draft holds every paper the procedure requires (uploaded or from the wallet); the
    dossier gets its code, receipt time and due date (15:00 rule, working days) at once."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to file a dossier."))
    offered_check(commune, procedure)
    cleaned = clean_data(procedure.form, data)
    if dossier is not None:
        # A draft filed from the web carries each required paper (xaso.onestop.required_papers).
        papers_refuse(papers_missing_online(dossier), field="papers")
    with transaction.atomic():
        if dossier is None:
            dossier = dossier_draft_save(actor=actor, procedure=procedure, commune=commune, data=cleaned)
        dossier, _event = DOSSIER_FLOW.apply(dossier, "submit", actor=actor, args={"data": cleaned})
        citizen_tell(dossier)
    return dossier


def dossier_receipt(dossier: Dossier) -> dict:
    """What a filing answers: the code, the status and the due date (JSON-ready)."""
    due = dossier.due_date.isoformat() if dossier.due_date else None
    return {"code": dossier.code, "status": dossier.status, "due_date": due}


def dossier_submit_once(
    *,
    actor: User,
    procedure: Procedure,
    commune: Commune,
    data: dict,
    key: str,
    dossier: Dossier | None = None,
) -> Outcome:
    """File a dossier online under a client's idempotency key (API header or the web form's
    one-time token). Rules: as `dossier_submit`; the same key from the same actor files once and
    answers every repeat with the first receipt; the same key for other content is refused (422)."""
    if not getattr(actor, "is_authenticated", False):
        raise NotAllowed(_("Sign in to file a dossier."))
    draft = dossier.pk if dossier else None
    fingerprint = request_fingerprint(
        {"procedure": procedure.code, "commune": commune.code, "data": data, "draft": draft}
    )

    def run() -> dict:
        filed = dossier_submit(actor=actor, procedure=procedure, commune=commune, data=data, dossier=dossier)
        return dossier_receipt(filed)

    return idempotent_run(
        actor=actor, scope=SUBMIT_SCOPE, key=key, fingerprint=fingerprint, run=run, status=201
    )
