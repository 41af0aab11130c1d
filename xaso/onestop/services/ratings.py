"""The citizen's rating of the service, once the result is delivered."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from xaso.accounts.models import User
from xaso.core.audit import audit_record
from xaso.core.errors import Conflict, InvalidInput, NotAllowed
from xaso.onestop.models import Dossier, Rating, RatingLevel, Status


def dossier_rate(*, actor: User, dossier: Dossier, level: int, comment: str = "") -> Rating:
    """Rate the service after delivery. Rules: the citizen who filed it, once, after delivery."""
    if dossier.citizen_id != actor.pk:
        raise NotAllowed(_("Only the citizen who filed the dossier can rate it."))
    if dossier.status != Status.DELIVERED:
        raise Conflict(_("A dossier can be rated once its result is delivered."), field="level")
    if level not in RatingLevel.values:
        raise InvalidInput(_("Choose one of the four levels."), field="level")
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                dossier=dossier, level=level, comment=(comment or "").strip()[:2000]
            )
            audit_record(actor=actor, action="dossier.rate", target=dossier, commune_code=dossier.commune_id)
    except IntegrityError:
        raise Conflict(_("This dossier has already been rated."), field="level") from None
    return rating
