"""The client's address behind a reverse proxy.

Behind nginx every request comes from 127.0.0.1, so rate limits, login throttling and the audit
chain would all see one client. When the direct peer is one of `XASO_TRUSTED_PROXIES`
(addresses or networks, comma-separated; none by default), `REMOTE_ADDR` becomes the nearest
address in X-Forwarded-For that is not itself a trusted proxy, read from the right: the left
part of the header is whatever the client chose to send and is never believed. The peer's own
address is kept in `XASO_PROXY_ADDR`."""

import ipaddress

from django.conf import settings
from django.utils.deprecation import MiddlewareMixin


def _networks(entries) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def trusted_networks() -> tuple:
    """The networks of XASO_TRUSTED_PROXIES."""
    return _networks(settings.XASO_TRUSTED_PROXIES)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def real_client(remote_addr: str, forwarded_for: str, networks) -> str:
    """The address to believe for a request from `remote_addr` carrying `forwarded_for`."""
    if not networks or not forwarded_for or not _trusted(_address(remote_addr), networks):
        return remote_addr
    for hop in reversed(forwarded_for.split(",")):
        address = _address(hop)
        if address is None:
            return remote_addr  # a malformed hop: believe only the peer
        if not _trusted(address, networks):
            return str(address)
    return remote_addr


class ForwardedForMiddleware(MiddlewareMixin):
    def __init__(self, get_response):
        super().__init__(get_response)
        self.networks = trusted_networks()

    def process_request(self, request):
        if self.networks:
            peer = request.META.get("REMOTE_ADDR", "")
            client = real_client(peer, request.META.get("HTTP_X_FORWARDED_FOR", ""), self.networks)
            if client != peer:
                request.META["XASO_PROXY_ADDR"] = peer
                request.META["REMOTE_ADDR"] = client
