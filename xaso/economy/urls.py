from django.urls import path

from xaso.economy import views

app_name = "economy"

urlpatterns = [
    path("kinh-te/", views.home, name="home"),
    path("kinh-te/diem-thanh-toan/moi/", views.point_edit, name="point_new"),
    path("kinh-te/diem-thanh-toan/<id:point_id>/", views.point_edit, name="point"),
    path("kinh-te/diem-thanh-toan/<id:point_id>/bien.pdf", views.point_sign, name="point_sign"),
    path("kinh-te/co-so/moi/", views.producer_edit, name="producer_new"),
    path("kinh-te/co-so/<id:producer_id>/", views.producer_edit, name="producer"),
    path("kinh-te/co-so/<id:producer_id>/san-pham/moi/", views.product_edit, name="product_new"),
    path("kinh-te/san-pham/<id:product_id>/", views.product_edit, name="product"),
    path("kinh-te/san-pham/<id:product_id>/anh/", views.product_photo_original, name="product_photo_staff"),
    path("kinh-te/san-pham/<id:product_id>/lo/", views.batch_new, name="batch_new"),
    path("kinh-te/lo/<id:batch_id>/", views.batch_detail, name="batch"),
    path("kinh-te/lo/<id:batch_id>/tem.pdf", views.stamp_sheet, name="stamp_sheet"),
    path("san-pham/", views.catalogue, name="catalogue"),
    path("san-pham/san-pham.csv", views.feed_csv, name="feed_csv"),
    path("san-pham/san-pham.xlsx", views.feed_xlsx, name="feed_xlsx"),
    path("san-pham/<id:product_id>/", views.product_public, name="product_public"),
    path("san-pham/<id:product_id>/anh/", views.product_photo, name="product_photo"),
    path("truy-xuat/", views.trace_search, name="trace_search"),
    path("truy-xuat/<str:serial>/", views.trace, name="trace"),
]
