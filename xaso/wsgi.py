import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
django_application = get_wsgi_application()

from django.urls import reverse  # noqa: E402  (the apps must be loaded first)
from django.urls.converters import StringConverter  # noqa: E402

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

# What is loaded by now (Django, the apps, the URLconf: about 225,000 objects) lives as long as
# the process. Frozen out of the garbage collector's reach (gc.freeze, before the server forks
# its workers), a full collection no longer walks them all: it took 130–150 ms, a stall every
# few thousand requests that set the p99 of the cached public pages (docs/benchmarks.md).
reverse("web:home")  # the URLconf is loaded on first use: load it now, to freeze it too
gc.freeze()
