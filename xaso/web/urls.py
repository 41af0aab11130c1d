from django.contrib.auth.views import LogoutView
from django.urls import path

from xaso.web.views import account, auth, public, staff, two_factor

app_name = "web"

urlpatterns = [
    path("", public.home, name="home"),
    path("xa/<str:code>/", public.commune_home, name="commune"),
    path("ngon-ngu/<str:code>/", public.language, name="language"),
    path("dang-nhap/", auth.XasoLoginView.as_view(), name="login"),
    path("dang-xuat/", LogoutView.as_view(), name="logout"),
    path("dang-ky/", auth.register, name="register"),
    path("dang-ky/xac-nhan/", auth.register_confirm, name="register_confirm"),
    path("xac-thuc-2-buoc/", two_factor.two_factor, name="two_factor"),
    path("bang-dieu-khien/", staff.dashboard, name="dashboard"),
    path("ho-so-ca-nhan/", staff.profile, name="profile"),
    path("ho-so-ca-nhan/du-lieu.json", staff.my_data, name="my_data"),
    path("ho-so-ca-nhan/ma-truy-cap/", account.tokens, name="tokens"),
    path("ho-so-ca-nhan/ma-truy-cap/<id:token_id>/thu-hoi/", account.token_revoke, name="token_revoke"),
    path("ho-so-ca-nhan/mat-khau/", account.password_change_page, name="password_change"),
    path("quen-mat-khau/", account.password_reset, name="password_reset"),
    path("quen-mat-khau/nhap-ma/", account.password_reset_confirm_page, name="password_reset_confirm"),
    path("thon/", staff.villages, name="villages"),
    path("thon/<id:village_id>/", staff.village_edit, name="village_edit"),
]
