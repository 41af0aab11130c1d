from django.conf import settings


def site(request):
    return {"SITE_NAME": "Xã Số", "SITE_URL": settings.SITE_URL}
