"""The living demo, loaded once for the module that asks for it (`living_demo`): about half a
minute of the services' real work, rolled back when the module is done."""

import hashlib

import pytest
from django.db import transaction
from django.test import override_settings

from xaso.community.models import (
    Announcement,
    Bulletin,
    Delivery,
    FeedbackReport,
    Household,
    InfoPage,
    SpeakerCluster,
)
from xaso.core.demo import demo_run
from xaso.documents.models import Meeting, RegisteredDocument, SignedDocument, SigningCredential
from xaso.dx.models import Assessment, DecisionCredential, DigitalTeam, HelpLog, IndicatorSet, Plan, Training
from xaso.economy.models import Batch, Producer, Product, Stamp, StampScan
from xaso.onestop.models import Dossier, Rating
from xaso.payments.models import PaymentRequest

KINDS = {
    "households": Household.objects.all(),
    "announcements": Announcement.objects.all(),
    "acknowledged": Delivery.objects.filter(reached_how="link"),
    "ticked in person": Delivery.objects.filter(reached_how="in_person"),
    "speaker clusters": SpeakerCluster.objects.all(),
    "bulletins": Bulletin.objects.all(),
    "info pages": InfoPage.objects.all(),
    "feedback": FeedbackReport.objects.all(),
    "dossiers": Dossier.objects.all(),
    "apology letters": Dossier.objects.filter(apology_date__isnull=False),
    "ratings": Rating.objects.all(),
    "paid in cash": PaymentRequest.objects.filter(status="paid", method="cash"),
    "paid by transfer": PaymentRequest.objects.filter(status="paid", method="transfer"),
    "signed documents": SignedDocument.objects.all(),
    "signing credentials": SigningCredential.objects.all(),
    "registered documents": RegisteredDocument.objects.all(),
    "meetings": Meeting.objects.all(),
    "producers": Producer.objects.all(),
    "products with photos": Product.objects.exclude(photo=""),
    "batches": Batch.objects.all(),
    "stamps": Stamp.objects.all(),
    "scans": StampScan.objects.all(),
    "indicator sets": IndicatorSet.objects.filter(status="published"),
    "assessments": Assessment.objects.all(),
    "decision credentials": DecisionCredential.objects.all(),
    "digital teams": DigitalTeam.objects.all(),
    "trainings": Training.objects.all(),
    "help logs": HelpLog.objects.all(),
    "plans": Plan.objects.all(),
}


def counts() -> dict[str, int]:
    return {kind: qs.count() for kind, qs in KINDS.items()}


def digest() -> str:
    """What the demo made, by content (names, statuses, dates; not random serials or tokens)."""
    rows = [
        sorted(Household.objects.values_list("code", "head_name", "address", "contact_phone")),
        sorted(Dossier.objects.values_list("applicant_name", "status", "received_at", "due_date")),
        sorted(FeedbackReport.objects.values_list("text", "status", "due_on")),
        sorted(Product.objects.values_list("name", "ocop_stars")),
        sorted(Assessment.objects.values_list("commune_id", "status", "score")),
        counts(),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def living_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once; its rows rolled back at the end of the module."""
    var = tmp_path_factory.mktemp("demo-var")
    media = var / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=var, MEDIA_ROOT=media, DEBUG=True),
        transaction.atomic(),
    ):
        ctx = demo_run()
        yield {"ctx": ctx, "counts": counts(), "digest": digest()}
        transaction.set_rollback(True)
