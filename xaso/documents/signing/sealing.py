"""The organisation's seal on a signed document (Decree 30/2020, Appendix I): the clerk (văn
thư) issues a paper a leader signed by adding the agency's organisation certificate as a second
PAdES signature. The seal is an incremental update of the signed PDF, so the leader's signature
still covers exactly what the leader signed and stays valid; verification then shows both.

The record keeps its verification code (the QR printed under the leader's signature): its file,
fingerprint and size become the issued paper's. Who calls it: onestop's result issuance
(xaso.onestop.issuance), inside its own transaction, which takes the issuance number."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from xaso.core.audit import audit_record
from xaso.core.errors import InvalidInput
from xaso.core.pdf import Anchor
from xaso.documents.models import SignedDocument, SigningCredential
from xaso.documents.signing.services import pdf_sign_with


def signed_document_seal(
    *,
    actor,
    document: SignedDocument,
    seal: SigningCredential,
    secret: str,
    anchor: Anchor | None,
    reason: str,
    headline: str = "",
) -> SignedDocument:
    """Seal a signed document with the commune's organisation certificate. Rules: must run in
    the caller's transaction (the caller takes the number and checks who may issue); the
    credential must be the seal of the document's commune (not a personal certificate) and
    pass `pdf_sign_with`'s checks (usable by the actor, neither revoked nor expired, the secret
    right); the new file replaces the old one once the transaction commits. A caller whose
    transaction rolls back after this returned deletes the new file (`document.file.name`)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("signed_document_seal must run inside a transaction")
    if not seal.is_seal:
        raise InvalidInput(
            _("Issue with the commune's seal, not a personal certificate."), field="credential"
        )
    with document.file.open("rb") as fh:
        pdf = fh.read()
    sealed = pdf_sign_with(
        actor=actor,
        commune=document.commune,
        credential=seal,
        secret=secret,
        pdf=pdf,
        anchor=anchor,
        reason=reason,
        headline=headline,
    )
    old_name, old_sha = document.file.name, document.sha256
    storage = document.file.storage
    document.file.save(f"{document.code}-ban-hanh.pdf", ContentFile(sealed), save=False)
    new_name = document.file.name
    # Django has no "on rollback": the caller's failure after this point would leave the new
    # file behind, so it is deleted unless the commit happens (then the old one goes).
    transaction.on_commit(lambda: storage.delete(old_name) if old_name != new_name else None)
    try:
        document.sha256 = hashlib.sha256(sealed).hexdigest()
        document.size = len(sealed)
        document.save(update_fields=["file", "sha256", "size"])
        audit_record(
            actor=actor,
            action="document.seal",
            target=document,
            commune_code=document.commune_id,
            summary=reason[:300],
            changes={"code": document.code, "sha256": [old_sha, document.sha256], "credential": seal.pk},
        )
    except Exception:
        storage.delete(new_name)
        document.file.name = old_name
        raise
    return document
