from django.urls import path

from xaso.onestop import views, views_result

app_name = "onestop"

urlpatterns = [
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure_detail, name="procedure"),
    path("thu-tuc/<str:code>/nop/", views.dossier_start, name="start"),
    path("ho-so/nhap/<id:draft_id>/<int:step>/", views.draft_step, name="draft_step"),
    path("ho-so/cua-toi/", views.mine, name="mine"),
    path("ho-so/<str:code>/", views.dossier, name="dossier"),
    path("ho-so/<str:code>/thao-tac/", views.dossier_action, name="action"),
    path("ho-so/<str:code>/giay-to/", views.dossier_upload, name="upload"),
    path("ho-so/<str:code>/giay-to/<id:file_id>/", views.dossier_file, name="file"),
    path("ho-so/<str:code>/bien-nhan.pdf", views.receipt, name="receipt"),
    path("ho-so/<str:code>/le-phi/qr.png", views.fee_qr, name="fee_qr"),
    path("ho-so/<str:code>/xin-loi.pdf", views.apology, name="apology"),
    path("ho-so/<str:code>/danh-gia/", views.dossier_rate, name="rate"),
    path("ho-so/<str:code>/ky-ket-qua/", views.dossier_sign, name="sign_result"),
    path("ho-so/<str:code>/ket-qua.pdf", views_result.result_pdf, name="result"),
    path("mot-cua/ho-so/", views.queue, name="queue"),
    path("mot-cua/tiep-nhan/", views.intake, name="intake"),
    path("mot-cua/tiep-nhan/nop/", views.intake_file, name="intake_file"),
    path("mot-cua/thu-tuc/", views.switches, name="switches"),
    path("mot-cua/bao-cao/", views.reports, name="reports"),
    path("mot-cua/bao-cao.xlsx", views.reports_xlsx, name="reports_xlsx"),
    path("tra-cuu/", views.lookup, name="lookup"),
]
