from django.urls import path

from xaso.community import views

app_name = "community"

urlpatterns = [
    path("ho-gia-dinh/", views.households, name="households"),
    path("ho-gia-dinh/mau.xlsx", views.households_template, name="households_template"),
    path("ho-gia-dinh/xuat.xlsx", views.households_export, name="households_export"),
    path("ho-gia-dinh/nhap/", views.households_import, name="households_import"),
    path("ho-gia-dinh/nhap/<uuid:uid>/", views.import_status, name="import_status"),
    path("ho-gia-dinh/nhap/<uuid:uid>/bao-loi.xlsx", views.import_report, name="import_report"),
]
