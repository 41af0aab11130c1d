from django.urls import path

from xaso.civil import views

app_name = "civil"

urlpatterns = [
    path("", views.entries, name="entries"),
    path("<id:entry_id>/", views.entry, name="entry"),
    path("<id:entry_id>/sua/", views.entry_amend_page, name="amend"),
    path("ho-so/<str:code>/trung/", views.duplicate_check, name="duplicates"),
    path("day-du/", views.completeness_page, name="completeness"),
]
