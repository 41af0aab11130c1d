"""Issuing a dossier's signed result (Decree 30/2020): once the leader has signed the result
(xaso.onestop.results), the clerk (văn thư) of the dossier's commune issues it — a second PAdES
signature with the commune's organisation certificate (its seal) added as an incremental update
of the leader-signed PDF, so the leader's signature stays valid and verification shows both.

The paper's number is given at issuance, as the registry gives an outgoing document's: the next
number of the year's outgoing book (`documents.registry.services.number_take`, gap-free: a
refused seal gives it back), stamped in the seal's block over the number line (the paper's
`NUMBER_ANCHOR`); a paper issued from a register entry (`hooks.register_mark_for`) already
prints the entry's number, so no outgoing number is taken. The engine owns the rule
(`issue_result` in xaso.onestop.workflow: the clerk, after `sign_result`, once); its timeline row
(with the number) is what "issued" means, and delivery of a signed result waits for it.

A refusal (wrong PIN or passphrase, a revoked or expired seal, a token that does not answer)
signs nothing, takes no number and is written to the audit chain."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.calendar import local_today
from xaso.core.errors import Conflict, DomainError, InvalidInput
from xaso.core.pdf import Anchor, html_to_pdf_with_anchors
from xaso.core.permissions import holds
from xaso.documents.models import Direction, SignedDocument, SigningCredential
from xaso.documents.official import (
    NUMBER_ANCHOR,
    NUMBER_BOX,
    SIGNATURE_ANCHOR,
    anchor_in_pdf,
    official_html,
    symbol_of,
)
from xaso.documents.permissions import REGISTER
from xaso.documents.registry.services import number_take
from xaso.documents.signing.sealing import signed_document_seal
from xaso.documents.signing.selectors import credentials_usable_by, signed_subject_ids
from xaso.onestop.hooks import register_mark_for
from xaso.onestop.models import Dossier, DossierEvent
from xaso.onestop.results import SUBJECT_TYPE, result_document, signed_result_of
from xaso.onestop.workflow import DOSSIER_FLOW, ISSUE, SIGNABLE

ACTION = "issue_result"


@dataclass(frozen=True)
class Issuance:
    """What the dossier page says about an issued result."""

    number: str  # "07/GXN-UBND", or the register entry's "Số" when issued from one
    issued_on: str  # dd/mm/yyyy
    issued_by: str


def issuance_of(dossier: Dossier) -> Issuance | None:
    """The dossier's issuance (its `issue_result` timeline row), or None before issuance."""
    event = (
        DossierEvent.objects.filter(dossier_id=dossier.pk, action=ACTION)
        .only("data", "actor_label", "at")
        .order_by("pk")
        .first()
    )
    if event is None:
        return None
    data = event.data or {}
    return Issuance(
        number=data.get("number", ""), issued_on=data.get("issued_on", ""), issued_by=event.actor_label
    )


def results_to_issue_for(actor) -> QuerySet[Dossier]:
    """The dossiers whose signed result waits for the actor to issue it: the clerk's communes,
    signed, not yet issued, not yet delivered; oldest signed first (by dossier due date)."""
    signed = signed_subject_ids(SUBJECT_TYPE)
    issued = DossierEvent.objects.filter(action=ACTION).values("dossier_id")
    return (
        Dossier.objects.for_actor(actor, ISSUE, as_citizen=False)
        .filter(status__in=SIGNABLE)
        .annotate(pk_text=Cast("pk", CharField()))
        .filter(pk_text__in=signed)
        .exclude(pk__in=issued)
        .select_related("procedure")
        .order_by("due_date", "pk")
    )


def seal_of(actor, dossier: Dossier) -> SigningCredential | None:
    """The commune's seal the actor issues with (its organisation certificate): one they may
    use, else the latest one revoked, so that the signing's checks refuse it by name. Whether
    the actor may issue this dossier's result now is the caller's to ask the engine."""
    usable = credentials_usable_by(actor, dossier.commune).filter(holder__isnull=True).order_by("pk").first()
    if usable is not None or not holds(actor, REGISTER, commune=dossier.commune):
        return usable
    return (
        SigningCredential.objects.filter(
            commune=dossier.commune, holder__isnull=True, revoked_at__isnull=False
        )
        .order_by("-revoked_at")
        .first()
    )


def can_issue(actor, dossier: Dossier) -> bool:
    return DOSSIER_FLOW.can(dossier, ACTION, actor)


def result_number_anchor(dossier: Dossier, signed_pdf: bytes) -> Anchor | None:
    """Where the seal's block goes on the result: over the number line the paper reserves
    (`NUMBER_ANCHOR`, as the registry's outgoing documents), read back from the signed PDF;
    rendered again only for a paper whose PDF does not say. A paper without a number box gets
    the block beside the leader's signature (to its left, as the seal overlaps it on paper)."""
    anchor = anchor_in_pdf(signed_pdf, NUMBER_ANCHOR, NUMBER_BOX)
    if anchor is not None:
        return anchor
    _pdf, anchors = html_to_pdf_with_anchors(official_html(result_document(dossier)))
    anchor = anchors.get(NUMBER_ANCHOR)
    if anchor is not None:
        return anchor
    signature = anchors.get(SIGNATURE_ANCHOR)
    if signature is None:
        return None
    x1, y1, x2, y2 = signature.box
    return Anchor(page=signature.page, box=(max(x1 - (x2 - x1), 0), y1, x1, y2))


def dossier_result_issue(*, actor, dossier: Dossier, secret: str) -> SignedDocument:
    """Issue the dossier's signed result with the commune's seal. Rules: the engine's
    `issue_result` (the clerk of the dossier's commune, after the leader signed, before delivery,
    once); the secret (PIN or passphrase) is asked at each issuance and never kept; the next
    number of the year's outgoing book unless the paper comes from a register entry; a refused
    seal (wrong secret, revoked or expired certificate, key unavailable) leaves the result
    unsealed, gives the number back and is audited."""
    refusal = DOSSIER_FLOW.refusal(dossier, ACTION, actor, role_first=True)
    if refusal is not None:
        raise refusal
    if not secret:
        raise InvalidInput(_("Enter the PIN or passphrase of the commune's seal."), field="secret")
    seal = seal_of(actor, dossier)
    if seal is None:
        error = Conflict(
            _("The commune has no seal certificate to issue with: ask the leader to enrol it."),
            field="secret",
            code="no_seal",
        )
        _refusal_record(actor=actor, dossier=dossier, error=error)
        raise error
    signed = signed_result_of(dossier)
    if signed is None:  # the engine's guard says so too; this keeps the types honest
        raise Conflict(_("The leader has not signed this dossier's result yet."), field="action")
    with signed.file.open("rb") as fh:
        anchor = result_number_anchor(dossier, fh.read())
    mark = register_mark_for(dossier)
    today = local_today()
    original_file = signed.file.name
    try:
        with transaction.atomic():
            # The engine locks the dossier and checks the transition again (two clerks at once:
            # the second finds it issued); then the number, then the seal.
            locked = DOSSIER_FLOW.hold(dossier, ACTION, actor=actor)
            if mark is not None:
                number = mark.number
                headline = f"Ban hành ngày {today:%d/%m/%Y}"
            else:
                _book, taken = number_take(
                    commune=locked.commune, year=today.year, direction=Direction.OUTGOING
                )
                number = f"{taken:02d}/{symbol_of('GXN', 'UBND')}"
                headline = f"Số: {number} - ngày {today:%d/%m/%Y}"
            signed_document_seal(
                actor=actor,
                document=signed,
                seal=seal,
                secret=secret,
                anchor=anchor,
                reason=f"Ban hành {number} - hồ sơ {locked.code}",
                headline=headline,
            )
            DOSSIER_FLOW.apply(
                locked,
                ACTION,
                actor=actor,
                note=_("Result issued under number %(number)s.") % {"number": number},
                data={"number": number, "issued_on": f"{today:%d/%m/%Y}", "code": signed.code},
            )
    except DomainError as exc:
        _forget_new_file(signed, original_file)
        _refusal_record(actor=actor, dossier=dossier, error=exc)
        raise
    except Exception:
        _forget_new_file(signed, original_file)
        raise
    return signed


def _forget_new_file(signed: SignedDocument, original: str) -> None:
    if signed.file.name and signed.file.name != original:
        signed.file.storage.delete(signed.file.name)
        signed.file.name = original


def _refusal_record(*, actor, dossier: Dossier, error: DomainError) -> None:
    # The refusal's own audit entry (documents writes one too, but inside the rolled-back
    # transaction): who tried to issue which dossier's result, and why it was refused.
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="dossier.result_issue_refused",
            target=dossier,
            commune_code=dossier.commune_id,
            summary=f"{dossier.code}: {error.code}",
        )
