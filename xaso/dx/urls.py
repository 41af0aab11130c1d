from django.urls import path

from xaso.dx.views import assessments, certificates, news, plans, portal, province, teams

app_name = "dx"

urlpatterns = [
    path("", assessments.home, name="home"),
    path("dang-ky/<id:set_id>/", assessments.register, name="register"),
    path("danh-gia/<id:assessment_id>/", assessments.assessment, name="assessment"),
    path("danh-gia/<id:assessment_id>/tong-quan/", assessments.commune_dashboard, name="dashboard"),
    path("danh-gia/<id:assessment_id>/gia-tri/<id:value_id>/", assessments.value_save, name="value_save"),
    path(
        "danh-gia/<id:assessment_id>/gia-tri/<id:value_id>/minh-chung/",
        assessments.evidence_add,
        name="evidence_add",
    ),
    path("danh-gia/<id:assessment_id>/gia-tri/<id:value_id>/tham-dinh/", assessments.review, name="review"),
    path("danh-gia/<id:assessment_id>/gui/", assessments.submit, name="submit"),
    path("danh-gia/<id:assessment_id>/tra-lai/", assessments.send_back, name="return"),
    path("danh-gia/<id:assessment_id>/chap-nhan-tat-ca/", assessments.accept_pending, name="accept_pending"),
    path("danh-gia/<id:assessment_id>/quyet-dinh/", assessments.decide, name="decide"),
    path("danh-gia/<id:assessment_id>/ky-quyet-dinh/", assessments.decision_sign, name="decision_sign"),
    path("danh-gia/<id:assessment_id>/quyet-dinh.pdf", assessments.decision_pdf, name="decision_pdf"),
    path("minh-chung/<id:evidence_id>/", assessments.evidence_download, name="evidence"),
    path("minh-chung/<id:evidence_id>/xoa/", assessments.evidence_remove, name="evidence_remove"),
    path("tinh/", province.province_home, name="province"),
    path("tinh/chung-thu/", certificates.decision_certificates, name="decision_certificates"),
    path("bo-chi-tieu/<id:set_id>/", province.set_detail, name="set"),
    path("bo-chi-tieu/<id:set_id>/xep-hang/", province.ranking, name="ranking"),
    path("bo-chi-tieu/<id:set_id>/xep-hang.<str:fmt>", province.ranking_export, name="ranking_export"),
    path("bo-chi-tieu/<id:set_id>/<str:action>/", province.set_action, name="set_action"),
    path("cong-khai/", province.public_index, name="public_index"),
    path("cong-khai/<str:province_code>/<year:year>/", province.public_ranking, name="public_ranking"),
    path("to-cds/", teams.teams, name="teams"),
    path("to-cds/<id:team_id>/thanh-vien/", teams.member_add, name="member_add"),
    path("to-cds/tap-huan/", teams.training_add, name="training_add"),
    path("ho-tro/", teams.help_log, name="help"),
    path("ke-hoach/", plans.plan_list, name="plans"),
    path("ke-hoach/<id:plan_id>/", plans.plan_detail, name="plan"),
    path("ke-hoach/<id:plan_id>/<str:action>/", plans.plan_action, name="plan_action"),
    path("tin/", news.news_list, name="news"),
    path("tin/moi/", news.news_new, name="news_new"),
    path("tin/<id:item_id>/", news.news_edit, name="news_edit"),
    path("tin/<id:item_id>/anh", news.news_picture, name="news_picture"),
    path("tin/<id:item_id>/<str:action>/", news.news_action, name="news_action"),
    # The commune portal's DX news, public (the section itself is on /xa/<code>/).
    path("xa/<str:code>/tin/", portal.news_public_list, name="news_public"),
    path("xa/<str:code>/tin/<id:item_id>/", portal.news_public_detail, name="news_public_detail"),
    path("xa/<str:code>/tin/<id:item_id>/anh", portal.news_public_picture, name="news_public_picture"),
]
