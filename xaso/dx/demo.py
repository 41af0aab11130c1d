"""Demo data of dx that the demo loader (`xaso demo`) asks for: the news of the demo commune's
"Chuyển đổi số" section. Written through the services (checked, audited) by a commune officer,
so the demo shows what a real commune's staff would have done. Idempotent: an item whose title
is already there is left as it is."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from xaso.accounts.models import Membership
from xaso.accounts.roles import Role, roles_with
from xaso.core.calendar import LOCAL_TZ
from xaso.dx.models import NewsItem, NewsStatus
from xaso.dx.permissions import PUBLISH_NEWS
from xaso.dx.services.news import news_create, news_publish
from xaso.places.models import Commune

# (days before today it was published, title, text); the last one stays a draft.
DEMO_NEWS = [
    (
        3,
        "Tổ công nghệ số cộng đồng hướng dẫn người dân kích hoạt VNeID mức 2",
        "Trong tuần qua, các Tổ công nghệ số cộng đồng ở 10 thôn đã đến từng hộ gia đình hướng dẫn "
        "cài đặt và kích hoạt tài khoản định danh điện tử VNeID mức 2, ưu tiên người cao tuổi và "
        "người chưa dùng điện thoại thông minh.\n\n"
        "Người dân cần hỗ trợ có thể liên hệ trưởng thôn hoặc đến Bộ phận Một cửa của UBND xã "
        "trong giờ hành chính.",
    ),
    (
        12,
        "Chợ Yên Định thanh toán không dùng tiền mặt bằng mã QR",
        "Các tiểu thương tại chợ trung tâm xã đã được hỗ trợ mở tài khoản và in mã QR thanh toán. "
        "Người dân đi chợ có thể quét mã để trả tiền bằng ứng dụng ngân hàng, không cần mang theo "
        "tiền mặt.\n\n"
        "Xã tiếp tục phối hợp với các ngân hàng hướng dẫn thêm các cửa hàng, trường học tham gia.",
    ),
    (
        26,
        "Tập huấn kỹ năng số cho cán bộ, công chức xã",
        "UBND xã tổ chức lớp tập huấn sử dụng chữ ký số, phần mềm quản lý văn bản và tiếp nhận hồ "
        "sơ trực tuyến cho toàn bộ cán bộ, công chức. Sau lớp học, 100% hồ sơ thủ tục hành chính "
        "được tiếp nhận và xử lý trên phần mềm một cửa điện tử.",
    ),
    (
        None,
        "Lắp đặt loa truyền thanh thông minh tại thôn Kiều Đại",
        "Bản nháp: cụm loa truyền thanh thông minh mới sẽ phát bản tin lúc 5 giờ và 17 giờ hằng "
        "ngày. Bổ sung ảnh trước khi đăng.",
    ),
]


def _author(commune: Commune):
    """A commune officer who may write its news: the leader if there is one."""
    members = (
        Membership.objects.filter(commune=commune, role__in=roles_with(PUBLISH_NEWS), is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    leader = members.filter(role=Role.COMMUNE_LEADER).first()
    member = leader or members.first()
    return member.user if member is not None else None


def demo_news(commune: Commune, *, actor=None, today=None) -> list[NewsItem]:
    """The demo commune's DX news (three published over the last weeks, one draft), written by
    `actor` or by the commune's leader. Returns the items; [] when nobody may write them."""
    actor = actor or _author(commune)
    if actor is None:
        return []
    today = today or timezone.localdate()
    items = []
    with transaction.atomic():
        for days_ago, title, body in DEMO_NEWS:
            item = NewsItem.objects.filter(commune=commune, title=title).first()
            if item is None:
                item = news_create(actor=actor, commune=commune, title=title, body=body)
                if days_ago is not None:
                    item = news_publish(actor=actor, item=item)
                    # Spread over the last weeks, within this year (the indicator reads the year).
                    day = max(today - timedelta(days=days_ago), today.replace(month=1, day=1))
                    at = datetime.combine(day, time(8, 30), tzinfo=LOCAL_TZ)
                    NewsItem.objects.filter(pk=item.pk, status=NewsStatus.PUBLISHED).update(published_at=at)
                    item.refresh_from_db()
            items.append(item)
    return items
