from django.urls import path

from xaso.documents.meetings import views as meeting_views
from xaso.documents.registry import views as registry_views
from xaso.documents.signing import enrolment_views
from xaso.documents.signing import views as verification_views

app_name = "documents"

urlpatterns = [
    path("xac-thuc/", verification_views.verify, name="verify"),
    path("xac-thuc/<str:code>/", verification_views.verify_code, name="verify_code"),
    path("xac-thuc/<str:code>/tai-ve/", verification_views.download, name="download"),
]

urlpatterns += [
    path("van-ban/", registry_views.registry_list, name="registry"),
    path("van-ban/den/moi/", registry_views.incoming_new, name="incoming_new"),
    path("van-ban/<id:document_id>/", registry_views.registry_detail, name="registry_detail"),
    path("van-ban/<id:document_id>/thao-tac/", registry_views.registry_action, name="registry_action"),
    path("van-ban/<id:document_id>/tep/", registry_views.registry_file, name="registry_file"),
    path("van-ban/<id:document_id>/lien-thong/", registry_views.registry_send, name="registry_send"),
    path("van-ban/chung-thu/", enrolment_views.certificates, name="certificates"),
    path("van-ban/di/moi/", registry_views.outgoing_new, name="outgoing_new"),
    path("van-ban/<id:document_id>/sua/", registry_views.outgoing_edit, name="outgoing_edit"),
    path(
        "van-ban/<id:document_id>/ky/",
        registry_views.outgoing_sign_or_issue,
        {"step": "sign"},
        name="outgoing_sign",
    ),
    path(
        "van-ban/<id:document_id>/ban-hanh/",
        registry_views.outgoing_sign_or_issue,
        {"step": "issue"},
        name="outgoing_issue",
    ),
]

urlpatterns += [
    path("hop/", meeting_views.meeting_list, name="meetings"),
    path("hop/moi/", meeting_views.meeting_new, name="meeting_new"),
    path("hop/<id:meeting_id>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("hop/<id:meeting_id>/muc/", meeting_views.meeting_item_add, name="meeting_item_add"),
    path("hop/<id:meeting_id>/bien-ban/", meeting_views.meeting_minutes, name="meeting_minutes"),
    path("hop/<id:meeting_id>/ky/", meeting_views.meeting_sign, name="meeting_sign"),
    path("hop/<id:meeting_id>/giay-moi.pdf", meeting_views.meeting_poster, name="meeting_poster"),
    # The one QR code of a meeting: its pack, for invited people only.
    path("hop/q/<str:code>/", meeting_views.meeting_pack, name="meeting_pack"),
    path(
        "hop/q/<str:code>/tai-lieu/<id:item_id>/", meeting_views.meeting_pack_file, name="meeting_pack_file"
    ),
    path("hop/q/<str:code>/diem-danh/", meeting_views.meeting_check_in, name="meeting_check_in"),
]
