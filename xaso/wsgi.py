import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
application = get_wsgi_application()

from xaso.community.receiver_wsgi import with_receiver_fast_path  # noqa: E402  (needs the apps loaded)

application = with_receiver_fast_path(application)
