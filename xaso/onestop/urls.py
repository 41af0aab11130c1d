from django.urls import path

from xaso.onestop.views import citizen, counter, dossier, fees, issuance, own, public, reports, result

app_name = "onestop"

urlpatterns = [
    path("thu-tuc/", citizen.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", citizen.procedure_detail, name="procedure"),
    path("thu-tuc/<str:code>/nop/", citizen.dossier_start, name="start"),
    path("ho-so/nhap/<id:draft_id>/<int:step>/", citizen.draft_step, name="draft_step"),
    path("ho-so/cua-toi/", citizen.mine, name="mine"),
    path("ho-so/<str:code>/", dossier.dossier, name="dossier"),
    path("ho-so/<str:code>/thao-tac/", dossier.dossier_action, name="action"),
    path("ho-so/<str:code>/rut/", own.withdraw, name="withdraw"),
    path("ho-so/<str:code>/bo-sung/", own.supplement, name="supplement"),
    path("ho-so/<str:code>/giay-to/", dossier.dossier_upload, name="upload"),
    path("ho-so/<str:code>/giay-to/<id:file_id>/", dossier.dossier_file, name="file"),
    path("ho-so/<str:code>/bien-nhan.pdf", dossier.receipt, name="receipt"),
    path("ho-so/<str:code>/le-phi/qr.png", fees.fee_qr, name="fee_qr"),
    path("ho-so/<str:code>/xin-loi.pdf", dossier.apology, name="apology"),
    path("ho-so/<str:code>/danh-gia/", dossier.dossier_rate, name="rate"),
    path("ho-so/<str:code>/ky-ket-qua/", result.dossier_sign, name="sign_result"),
    path("ho-so/<str:code>/ket-qua.pdf", result.result_pdf, name="result"),
    path("ho-so/<str:code>/ban-hanh-ket-qua/", issuance.dossier_issue, name="issue_result"),
    path("mot-cua/ho-so/", counter.queue, name="queue"),
    path("mot-cua/tiep-nhan/", counter.intake, name="intake"),
    path("mot-cua/tiep-nhan/nop/", counter.intake_file, name="intake_file"),
    path("mot-cua/thu-tuc/", counter.switches, name="switches"),
    path("mot-cua/ket-qua-cho-ban-hanh/", issuance.results_to_issue, name="results_to_issue"),
    path("mot-cua/bao-cao/", reports.reports, name="reports"),
    path("mot-cua/bao-cao.xlsx", reports.reports_xlsx, name="reports_xlsx"),
    path("tra-cuu/", public.lookup, name="lookup"),
]
