"""Real local servers for the channels: an SMTP server (aiosmtpd) and an HTTP gateway that
records what it is sent and answers as a provider would."""

import threading
from http.server import ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from tests.support.servers import Gateway, MailCollector, free_port, handler_for


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port, with Django's SMTP backend pointed at it."""
    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield collector
    controller.stop()


@pytest.fixture
def gateway():
    """A local HTTP server standing in for the SMS gateway and the Zalo OA API."""
    state = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(state))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()
