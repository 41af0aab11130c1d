from django.urls import path

from xaso.community import feedback_views, feeds, info_views, radio_views, views

app_name = "community"

urlpatterns = [
    path("ho-gia-dinh/", views.households, name="households"),
    path("ho-gia-dinh/mau.xlsx", views.households_template, name="households_template"),
    path("ho-gia-dinh/xuat.xlsx", views.households_export, name="households_export"),
    path("ho-gia-dinh/nhap/", views.households_import, name="households_import"),
    path("ho-gia-dinh/nhap/<uuid:uid>/", views.import_status, name="import_status"),
    path("ho-gia-dinh/nhap/<uuid:uid>/bao-loi.xlsx", views.import_report, name="import_report"),
    path("thong-bao/", views.announcements, name="announcements"),
    path("thong-bao/moi/", views.announcement_new, name="announcement_new"),
    path("thong-bao/<id:announcement_id>/", views.announcement_detail, name="announcement"),
    path("tep/<id:attachment_id>/", views.attachment_download, name="attachment"),
    path("xac-nhan/<str:token>/", views.acknowledge, name="ack"),
    path("radio/", radio_views.radio_home, name="radio"),
    path("radio/ban-tin/<id:bulletin_id>/am-thanh.ogg", radio_views.bulletin_audio, name="bulletin_audio"),
    # Receivers of loudspeaker clusters (token auth).
    path("radio/cum/<id:cluster_id>/playlist.json", radio_views.playlist_json, name="radio_playlist_json"),
    path("radio/cum/<id:cluster_id>/playlist.m3u", radio_views.playlist_m3u, name="radio_playlist_m3u"),
    path(
        "radio/cum/<id:cluster_id>/am-thanh/<id:bulletin_id>.ogg",
        radio_views.receiver_audio,
        name="radio_receiver_audio",
    ),
    path("radio/cum/<id:cluster_id>/bao-cao/", radio_views.receiver_report, name="radio_report"),
    path("trang-thong-tin/", info_views.info_pages, name="info_pages"),
    path("trang-thong-tin/<id:page_id>/ap-phich.pdf", info_views.info_poster, name="info_poster"),
    path("xa/<str:code>/trang/<id:page_id>/", info_views.info_page, name="info_page"),
    path("xa/<str:code>/trang/<id:page_id>/anh", info_views.info_image, name="info_image"),
    path("phan-anh/", feedback_views.feedback_queue, name="feedback_queue"),
    path("phan-anh/xu-ly/<id:report_id>/", feedback_views.feedback_handle, name="feedback_handle"),
    path("phan-anh/anh/<id:photo_id>/", feedback_views.feedback_photo, name="feedback_photo"),
    path("phan-anh/<str:tracking_code>/", feedback_views.feedback_track, name="feedback_track"),
    path("xa/<str:code>/phan-anh/", feedback_views.feedback_board, name="feedback_board"),
    path("xa/<str:code>/phan-anh/gui/", feedback_views.feedback_new, name="feedback_new"),
    # Public: the commune's announcements, their pages and feeds.
    path("xa/<str:code>/thong-bao/", views.public_announcements, name="public_announcements"),
    path(
        "xa/<str:code>/thong-bao/<id:announcement_id>/",
        views.public_announcement,
        name="public_announcement",
    ),
    path("xa/<str:code>/thong-bao/rss.xml", feeds.CommuneAnnouncementsRss(), name="feed_rss"),
    path("xa/<str:code>/thong-bao/atom.xml", feeds.CommuneAnnouncementsAtom(), name="feed_atom"),
    path(
        "xa/<str:code>/thon/<id:village_id>/rss.xml",
        feeds.VillageAnnouncementsRss(),
        name="village_feed_rss",
    ),
    path(
        "xa/<str:code>/thon/<id:village_id>/atom.xml",
        feeds.VillageAnnouncementsAtom(),
        name="village_feed_atom",
    ),
]
