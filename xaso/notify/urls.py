from django.urls import path

from xaso.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<id:notification_id>/mo/", views.open_notification, name="open"),
    path("da-doc-het/", views.mark_all_read, name="mark_all_read"),
]
