from django.urls import path

from xaso.community import feeds
from xaso.community.views import points, public, receivers, staff

app_name = "community"

urlpatterns = [
    path("ho-gia-dinh/", staff.households, name="households"),
    path("ho-gia-dinh/mau.xlsx", staff.households_template, name="households_template"),
    path("ho-gia-dinh/xuat.xlsx", staff.households_export, name="households_export"),
    path("ho-gia-dinh/nhap/", staff.households_import, name="households_import"),
    path("ho-gia-dinh/nhap/<uuid:uid>/", staff.import_status, name="import_status"),
    path("ho-gia-dinh/nhap/<uuid:uid>/bao-loi.xlsx", staff.import_report, name="import_report"),
    path("thong-bao/", staff.announcements, name="announcements"),
    path("thong-bao/moi/", staff.announcement_new, name="announcement_new"),
    path("thong-bao/<id:announcement_id>/", staff.announcement_detail, name="announcement"),
    path("tep/<id:attachment_id>/", public.attachment_download, name="attachment"),
    path("xac-nhan/<str:token>/", public.acknowledge, name="ack"),
    path("radio/", staff.radio_home, name="radio"),
    path("radio/ban-tin/<id:bulletin_id>/am-thanh.ogg", staff.bulletin_audio, name="bulletin_audio"),
    # Receivers of loudspeaker clusters (token auth).
    path("radio/cum/<id:cluster_id>/playlist.json", receivers.playlist_json, name="radio_playlist_json"),
    path("radio/cum/<id:cluster_id>/playlist.m3u", receivers.playlist_m3u, name="radio_playlist_m3u"),
    path(
        "radio/cum/<id:cluster_id>/am-thanh/<id:bulletin_id>.ogg",
        receivers.receiver_audio,
        name="radio_receiver_audio",
    ),
    path("radio/cum/<id:cluster_id>/bao-cao/", receivers.receiver_report, name="radio_report"),
    path("trang-thong-tin/", staff.info_pages, name="info_pages"),
    path("trang-thong-tin/<id:page_id>/ap-phich.pdf", staff.info_poster, name="info_poster"),
    path("xa/<str:code>/trang/<id:page_id>/", public.info_page, name="info_page"),
    path("xa/<str:code>/trang/<id:page_id>/anh", public.info_image, name="info_image"),
    path("diem-wifi/", points.points_manage, name="points"),
    path("diem-wifi/<id:point_id>/", points.point_edit, name="point"),
    path("diem-wifi/<id:point_id>/xoa/", points.point_delete, name="point_delete"),
    path("xa/<str:code>/diem-wifi/", points.public_points, name="public_points"),
    path("xa/<str:code>/diem-wifi/ban-do", points.point_map_image, name="point_map_image"),
    path("phan-anh/", staff.feedback_queue, name="feedback_queue"),
    path("phan-anh/xu-ly/<id:report_id>/", staff.feedback_handle, name="feedback_handle"),
    path("phan-anh/anh/<id:photo_id>/", public.feedback_photo, name="feedback_photo"),
    path("phan-anh/<str:tracking_code>/", public.feedback_track, name="feedback_track"),
    path("xa/<str:code>/phan-anh/", public.feedback_board, name="feedback_board"),
    path("xa/<str:code>/phan-anh/gui/", public.feedback_new, name="feedback_new"),
    # Public: the commune's announcements, their pages and feeds.
    path("xa/<str:code>/thong-bao/", public.public_announcements, name="public_announcements"),
    path(
        "xa/<str:code>/thong-bao/<id:announcement_id>/",
        public.public_announcement,
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
