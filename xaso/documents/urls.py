from django.urls import path

from xaso.documents import views, views_registry

app_name = "documents"

urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/<str:code>/", views.verify_code, name="verify_code"),
    path("xac-thuc/<str:code>/tai-ve/", views.download, name="download"),
]

urlpatterns += [
    path("van-ban/", views_registry.registry_list, name="registry"),
    path("van-ban/den/moi/", views_registry.incoming_new, name="incoming_new"),
    path("van-ban/<int:document_id>/", views_registry.registry_detail, name="registry_detail"),
    path("van-ban/<int:document_id>/thao-tac/", views_registry.registry_action, name="registry_action"),
    path("van-ban/<int:document_id>/tep/", views_registry.registry_file, name="registry_file"),
    path("van-ban/<int:document_id>/lien-thong/", views_registry.registry_send, name="registry_send"),
    path("van-ban/di/moi/", views_registry.outgoing_new, name="outgoing_new"),
    path("van-ban/<int:document_id>/sua/", views_registry.outgoing_edit, name="outgoing_edit"),
    path(
        "van-ban/<int:document_id>/ky/",
        views_registry.outgoing_sign_or_issue,
        {"step": "sign"},
        name="outgoing_sign",
    ),
    path(
        "van-ban/<int:document_id>/ban-hanh/",
        views_registry.outgoing_sign_or_issue,
        {"step": "issue"},
        name="outgoing_issue",
    ),
]
