from django.urls import path

from xaso.documents import views

app_name = "documents"

urlpatterns = [
    path("xac-thuc/", views.verify, name="verify"),
    path("xac-thuc/<str:code>/", views.verify_code, name="verify_code"),
    path("xac-thuc/<str:code>/tai-ve/", views.download, name="download"),
]
