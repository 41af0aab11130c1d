"""Signed results of dossiers: once the leader has approved a dossier, the result (for a birth
registration, the birth extract) is rendered in the Decree 30 format and signed by the leader
with the documents app's signing; the signed PDF carries the QR of its public verification
record. The citizen and the staff who process the dossier download it from the dossier page
(`onestop:result`, a reading recorded like the page's); its verification code's download
(`documents:download`) sends there too, so holding the code is not enough to have the file;
the public lookup says it exists. The paper prints only what its statutory form has
(`result_lines`: no phone, personal ID numbers only where the form has a line for them).

The link between a dossier and its signed result is the documents record's subject
(`subject_type="onestop.dossier"`, `subject_id=<dossier pk>`): onestop keeps no copy."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.calendar import local_today
from xaso.core.errors import DomainError, InvalidInput, NotFound
from xaso.core.formats import answer_text
from xaso.documents.models import SignedDocument, SigningCredential
from xaso.documents.official import OfficialDocument, official_html
from xaso.documents.signing.selectors import credentials_usable_by
from xaso.documents.signing.services import signed_result_create
from xaso.onestop.models import Dossier, Status
from xaso.onestop.papers import paper_for
from xaso.onestop.papers.base import commune_heading
from xaso.onestop.workflow import DOSSIER_FLOW

SUBJECT_TYPE = "onestop.dossier"
# Signing is the table's `sign_result` (xaso.onestop.workflow: a leader, from approval until
# delivery, once): the engine decides who and when.
SIGN = "sign_result"
WITH_RESULT = (Status.APPROVED, Status.RESULT_READY, Status.DELIVERED)

# What the result paper is called, for the procedures whose result has its own name and no
# statutory form in `xaso.onestop.papers` (which lays out every civil-status registration);
# the others print a certification of the result.
PRINTED_TITLES = {
    "2.000635": "BẢN SAO TRÍCH LỤC HỘ TỊCH",
}
GENERIC_TITLE = "GIẤY XÁC NHẬN KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"


# A result paper prints what its statutory form prints (Thông tư 04/2024/TT-BTP's extracts and
# certificates, or the generic certification below) and nothing else from the dossier: names,
# dates, places and choices (as labels). No result form has a phone number or an e-mail; the
# personal ID numbers printed are the ones the form has a line for, by procedure.
PRINTED_PERSONAL_IDS = {
    "1.001193": {"applicant_personal_id"},  # the person registering the birth
    "1.004884": {"applicant_personal_id"},
    "1.000689": {"applicant_personal_id"},
    "1.000656": {"deceased_personal_id"},
    "1.000894": {"husband_personal_id", "wife_personal_id"},
    "1.004873": {"applicant_personal_id"},
    "1.001022": {"applicant_personal_id"},
}
NEVER_PRINTED = {"phone", "email"}


def result_lines(dossier: Dossier) -> list[str]:
    """The dossier's answers as its result paper prints them: only the form's fields the
    paper has (`PRINTED_PERSONAL_IDS`, never a phone or e-mail), choices by their label, dates
    dd/mm/yyyy."""
    printed_ids = PRINTED_PERSONAL_IDS.get(dossier.procedure.national_code, set())
    lines = []
    for item in dossier.procedure.form:
        name, kind = item["name"], item["type"]
        value = dossier.data.get(name)
        if value in ("", None, False) or kind in NEVER_PRINTED:
            continue
        if kind == "personal_id" and name not in printed_ids:
            continue
        lines.append(f"{item['label']}: {_printed(item, value)}")
    return lines


def _printed(item: dict, value) -> str:
    if item["type"] == "boolean":
        return "Có"
    return answer_text(item, value)


def signed_result_of(dossier: Dossier) -> SignedDocument | None:
    """The dossier's signed result, if the leader has signed one. The caller has already
    found the dossier through `dossier_for(actor, …)`, which decides who may see it."""
    if dossier.pk is None or dossier.status not in WITH_RESULT:
        return None
    return (
        SignedDocument.objects.filter(subject_type=SUBJECT_TYPE, subject_id=str(dossier.pk))
        .order_by("-signed_at")
        .first()
    )


def result_file_url(doc: SignedDocument) -> str:
    """Where a dossier's signed result is served (registered with documents for the result's
    verification code: `documents:download` sends its holder here, to sign in)."""
    code = Dossier.objects.filter(pk=_int(doc.subject_id)).values_list("code", flat=True).first()
    if code is None:
        raise NotFound(_("This dossier has no signed result."))
    return reverse("onestop:result", args=[code])


def result_credentials_for(actor, dossier: Dossier):
    """The credentials the actor may sign this dossier's result with (none unless a leader of
    its commune, and only while the result is signable). Whether it is already signed is the
    caller's to know: it has looked up `signed_result_of` to show it."""
    if not DOSSIER_FLOW.can(dossier, SIGN, actor):
        return SigningCredential.objects.none()
    return credentials_usable_by(actor, dossier.commune)


def result_document(dossier: Dossier, *, signer_name: str = "", is_test: bool = False) -> OfficialDocument:
    """The result as the paper the commune issues: a civil-status procedure's statutory form
    (`xaso.onestop.papers`: Giấy khai sinh, the extracts and certificates, numbered from the
    register), any other in the Decree 30 format, a certification of the result
    (`result_lines`). The commune issues it, the leader signs it."""
    paper = paper_for(dossier, signer_name=signer_name, is_test=is_test)
    if paper is not None:
        return paper
    commune = dossier.commune
    procedure = dossier.procedure
    lines = result_lines(dossier)
    body = "\n\n".join(
        [
            f"Căn cứ {procedure.legal_basis}." if procedure.legal_basis else "",
            f"Ủy ban nhân dân {commune.name} xác nhận kết quả giải quyết thủ tục "
            f"“{procedure.name}” theo hồ sơ số {dossier.code} như sau:",
            *lines,
        ]
    )
    issuing_body, place = commune_heading(commune)
    return OfficialDocument(
        kind="GXN",
        printed_kind=PRINTED_TITLES.get(procedure.national_code, GENERIC_TITLE),
        issuing_body=issuing_body,
        body_abbr="UBND",
        place=place,
        issued_on=local_today(),
        title=f"{procedure.name} — hồ sơ {dossier.code}",
        body=body,
        signer_name=signer_name,
        recipients=[dossier.applicant_name, "Lưu: VT, hồ sơ " + dossier.code],
        is_test=is_test,
        # The clerk's seal stamps the issuance number here (xaso.onestop.issuance).
        reserve_number_box=True,
    )


def dossier_result_sign(*, actor, dossier: Dossier, credential_id, secret: str) -> SignedDocument:
    """Sign the dossier's result. Rules: only a leader of the dossier's commune, only once the
    dossier is approved and until it is delivered, only once; the credential must be one the
    leader may use and the passphrase/PIN must open it (a wrong one is audited by documents)."""
    refusal = DOSSIER_FLOW.refusal(dossier, SIGN, actor, role_first=True)
    if refusal is not None:
        raise refusal
    if not secret:
        raise InvalidInput(_("Enter the passphrase or PIN of your signing key."), field="secret")
    credential = credentials_usable_by(actor, dossier.commune).filter(pk=_int(credential_id)).first()
    if credential is None:
        raise InvalidInput(_("Choose one of your signing certificates."), field="credential")
    signer = credential.holder.full_name if credential.holder else credential.label
    html = official_html(result_document(dossier, signer_name=signer, is_test=credential.is_test))
    refusal = None
    with transaction.atomic():
        # One signed result per dossier, even when two leaders click at once: the engine locks
        # the row and checks the transition (state, role, not yet signed) again.
        locked = DOSSIER_FLOW.hold(dossier, SIGN, actor=actor)
        try:
            doc = signed_result_create(
                actor=actor,
                commune=dossier.commune,
                title=f"{dossier.procedure.name} — {dossier.code}",
                html_or_pdf=html,
                credential=credential,
                secret=secret,
                kind="result",
                reason=_("Result of dossier %(code)s") % {"code": dossier.code},
                subject_type=SUBJECT_TYPE,
                subject_id=str(dossier.pk),
                search_extra=dossier.code,
            )
        except DomainError as exc:
            # The documents app audits a refused signature (wrong PIN, revoked certificate): let
            # that record commit, then refuse.
            refusal = exc
        else:
            audit_record(
                actor=actor,
                action="dossier.result_sign",
                target=locked,
                commune_code=dossier.commune_id,
                summary=dossier.code,
                changes={"signed_document": doc.code},
            )
    if refusal is not None:
        raise refusal
    return doc


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
