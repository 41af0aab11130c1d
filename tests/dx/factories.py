"""dx test helpers: a small published set built by hand, so each test knows every weight."""

from datetime import datetime
from decimal import Decimal

from xaso.core.calendar import LOCAL_TZ
from xaso.documents.models import SignedDocument, SigningCredential
from xaso.dx.models import Indicator, IndicatorSet, NewsItem, RecognitionLevel, SetStatus
from xaso.dx.services import news


def small_set(province, year=2025, *, published=True) -> IndicatorSet:
    """Three indicators (weights 2, 1, 1; A1 mandatory) and two levels: đạt ≥ 80, nâng cao ≥ 95."""
    s = IndicatorSet.objects.create(
        province=province,
        year=year,
        name="Bộ thử",
        status=SetStatus.PUBLISHED if published else SetStatus.DRAFT,
    )
    Indicator.objects.create(
        indicator_set=s,
        code="A1",
        name="Cán bộ được tập huấn",
        pillar="awareness",
        kind="percentage",
        target=Decimal(100),
        weight=2,
        mandatory=True,
        source="manual",
        position=1,
    )
    Indicator.objects.create(
        indicator_set=s,
        code="B1",
        name="Wifi nhà văn hóa",
        pillar="infrastructure",
        kind="yes_no",
        target=Decimal(1),
        weight=1,
        mandatory=False,
        source="manual",
        position=2,
    )
    Indicator.objects.create(
        indicator_set=s,
        code="C1",
        name="Thôn có tổ CĐS",
        pillar="society",
        kind="percentage",
        target=Decimal(100),
        weight=1,
        mandatory=False,
        source="automatic",
        calculator="dx.villages_with_team",
        position=3,
    )
    RecognitionLevel.objects.create(indicator_set=s, code="dat", name="Đạt", min_score=80, rank=1)
    RecognitionLevel.objects.create(indicator_set=s, code="nang_cao", name="Nâng cao", min_score=95, rank=2)
    return s


def signed_document(commune, subject_type, subject_id):
    credential = SigningCredential.objects.first() or SigningCredential.objects.create(
        commune=commune,
        label="Con dấu",
        source="pkcs12",
        certificate_der=b"x",
        subject="CN=UBND",
        not_before=datetime(2024, 1, 1, tzinfo=LOCAL_TZ),
        not_after=datetime(2030, 1, 1, tzinfo=LOCAL_TZ),
    )
    return SignedDocument.objects.create(
        commune=commune,
        code=f"S{SignedDocument.objects.count() + 1}",
        title="Kết quả",
        file="documents/signed/x.pdf",
        sha256="0" * 64,
        size=1,
        credential=credential,
        signer_name="Chủ tịch",
        signed_at=datetime(2025, 3, 5, tzinfo=LOCAL_TZ),
        subject_type=subject_type,
        subject_id=str(subject_id),
    )


def published_news(actor, commune, title: str, *, body: str = "Nội dung tin.", at=None):
    """A news item written and published through the services, dated `at` when given."""
    item = news.news_create(actor=actor, commune=commune, title=title, body=body)
    item = news.news_publish(actor=actor, item=item)
    if at is not None:
        NewsItem.objects.filter(pk=item.pk).update(published_at=at)
        item.refresh_from_db()
    return item
