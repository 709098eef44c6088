"""Behind nginx, the client's address and scheme come from nginx's forwarded headers, and
only when the request came from nginx's own address: a forged header changes nothing."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.proxy import TrustedProxyMiddleware

NGINX = "127.0.0.2"


@pytest.fixture
def seen():
    """What the view behind the middleware saw: address, forwarded-for and is_secure()."""
    found = {}

    def view(request):
        found.update(
            addr=request.META.get("REMOTE_ADDR"),
            forwarded=request.META.get("HTTP_X_FORWARDED_FOR"),
            secure=request.is_secure(),
        )
        return HttpResponse()

    found["middleware"] = TrustedProxyMiddleware(view)
    return found


@pytest.fixture(autouse=True)
def proxy_ssl_header(settings):
    settings.PULSE_TRUSTED_PROXIES = [NGINX]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def request(remote, **headers):
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_nginx_gives_the_client_address_it_saw_last(seen):
    seen["middleware"](
        request(
            NGINX, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7", HTTP_X_FORWARDED_PROTO="https"
        )
    )
    assert seen["addr"] == "198.51.100.7"  # the first value was written by the client
    assert seen["secure"] is True


def test_a_forged_header_straight_to_the_app_server_is_dropped(seen):
    seen["middleware"](
        request("127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https")
    )
    assert seen["addr"] == "127.0.0.1"
    assert seen["forwarded"] is None
    assert seen["secure"] is False


def test_a_last_hop_that_is_not_an_address_keeps_the_proxys(seen):
    seen["middleware"](request(NGINX, HTTP_X_FORWARDED_FOR="unknown"))
    assert seen["addr"] == NGINX
