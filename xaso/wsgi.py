import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
django_application = get_wsgi_application()

from django.urls.converters import StringConverter  # noqa: E402  (the apps must be loaded first)

from xaso.community.views import receivers  # noqa: E402
from xaso.core.bounds import IdConverter  # noqa: E402
from xaso.core.front import Front, route  # noqa: E402
from xaso.onestop.lookup import lookup_answer  # noqa: E402

# The hot public reads, answered by xaso.core.front ahead of the full stack (which answers
# everything else, and every request the front hands over): each by its URL name.
HOT_ROUTES = [
    route("api:lookup", lookup_answer, code=StringConverter),
    route("community:radio_playlist_json", receivers.playlist_json, cluster_id=IdConverter),
    route("community:radio_playlist_m3u", receivers.playlist_m3u, cluster_id=IdConverter),
]
application = Front(django_application, HOT_ROUTES)
