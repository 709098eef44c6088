"""Where a request comes from, grouped the way one person's addresses are: an IPv4 address
on its own, an IPv6 address by its /64 network (one home or phone gets a whole /64 and may
change address within it at will)."""

import ipaddress


def client_ip(request):
    """The client's address as this server saw it (behind a proxy, set REMOTE_ADDR from
    a trusted X-Forwarded-For in the proxy or WSGI server)."""
    return request.META.get("REMOTE_ADDR") or None


def address_group(ip):
    """ "203.0.113.7", "2001:db8:1:2::/64", or "" for no (or no valid) address."""
    if not ip:
        return ""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ""
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
