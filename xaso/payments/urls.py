from django.urls import path

from xaso.payments import views

app_name = "payments"

urlpatterns = [
    path("", views.cashier, name="cashier"),
    path("tai-khoan/", views.account_edit, name="account"),
    path("yeu-cau/moi/", views.request_new, name="request_new"),
    path("yeu-cau/<id:request_id>/", views.request_detail, name="request"),
    path("yeu-cau/<id:request_id>/qr.png", views.request_qr, name="request_qr"),
    path("yeu-cau/<id:request_id>/huy/", views.request_cancel, name="request_cancel"),
    path("yeu-cau/<id:request_id>/tien-mat/", views.request_pay_cash, name="request_pay_cash"),
    path("yeu-cau/<id:request_id>/bien-lai.pdf", views.request_receipt, name="request_receipt"),
    path("sao-ke/<id:statement_id>/", views.statement_detail, name="statement"),
    path("dong/<id:line_id>/", views.line_resolve, name="line_resolve"),
]
