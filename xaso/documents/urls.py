from django.urls import path

from xaso.documents import views, views_meetings, views_registry

app_name = "documents"

urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/<str:code>/", views.verify_code, name="verify_code"),
    path("xac-thuc/<str:code>/tai-ve/", views.download, name="download"),
]

urlpatterns += [
    path("van-ban/", views_registry.registry_list, name="registry"),
    path("van-ban/den/moi/", views_registry.incoming_new, name="incoming_new"),
    path("van-ban/<id:document_id>/", views_registry.registry_detail, name="registry_detail"),
    path("van-ban/<id:document_id>/thao-tac/", views_registry.registry_action, name="registry_action"),
    path("van-ban/<id:document_id>/tep/", views_registry.registry_file, name="registry_file"),
    path("van-ban/<id:document_id>/lien-thong/", views_registry.registry_send, name="registry_send"),
    path("van-ban/di/moi/", views_registry.outgoing_new, name="outgoing_new"),
    path("van-ban/<id:document_id>/sua/", views_registry.outgoing_edit, name="outgoing_edit"),
    path(
        "van-ban/<id:document_id>/ky/",
        views_registry.outgoing_sign_or_issue,
        {"step": "sign"},
        name="outgoing_sign",
    ),
    path(
        "van-ban/<id:document_id>/ban-hanh/",
        views_registry.outgoing_sign_or_issue,
        {"step": "issue"},
        name="outgoing_issue",
    ),
]

urlpatterns += [
    path("hop/", views_meetings.meeting_list, name="meetings"),
    path("hop/moi/", views_meetings.meeting_new, name="meeting_new"),
    path("hop/<id:meeting_id>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("hop/<id:meeting_id>/muc/", views_meetings.meeting_item_add, name="meeting_item_add"),
    path("hop/<id:meeting_id>/bien-ban/", views_meetings.meeting_minutes, name="meeting_minutes"),
    path("hop/<id:meeting_id>/ky/", views_meetings.meeting_sign, name="meeting_sign"),
    path("hop/<id:meeting_id>/giay-moi.pdf", views_meetings.meeting_poster, name="meeting_poster"),
    # The one QR code of a meeting: its pack, for invited people only.
    path("hop/q/<str:code>/", views_meetings.meeting_pack, name="meeting_pack"),
    path(
        "hop/q/<str:code>/tai-lieu/<id:item_id>/", views_meetings.meeting_pack_file, name="meeting_pack_file"
    ),
    path("hop/q/<str:code>/diem-danh/", views_meetings.meeting_check_in, name="meeting_check_in"),
]
