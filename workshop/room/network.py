"""Where the room may listen: the laptop's addresses on a local network.

Phones reach the room over the facilitator's hotspot or a meeting room's Wi-Fi, whose
addresses lie in the private ranges (RFC 1918: 10/8, 172.16/12, 192.168/16) or are
link-local (169.254/16). An address outside them would put the room on a network
anyone may reach, and is refused. The loopback address serves this laptop alone (to try
the room, or a projector page on the laptop's own screen).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

_PRIVATE = tuple(ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"))
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class Address:
    ip: str
    interface: str  # the network adapter's name ("wlan0"), for the facilitator to choose

    @property
    def loopback(self) -> bool:
        return ipaddress.ip_address(self.ip).is_loopback


def allowed(ip: str) -> bool:
    """Whether the room may listen on ``ip``: a private or link-local IPv4 address of a
    local network, or loopback."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    if address.version != 4:
        return False
    return address.is_loopback or any(address in network for network in _PRIVATE)


def local_addresses() -> list[Address]:
    """This laptop's addresses the room may listen on, those of a local network first
    (in the order the system lists its adapters), loopback last."""
    try:
        import ifaddr

        adapters = ifaddr.get_adapters()
    except Exception:  # no adapter list on this system: loopback still works
        adapters = []
    found: list[Address] = []
    for adapter in adapters:
        for ip in adapter.ips:
            if ip.is_IPv4 and isinstance(ip.ip, str) and allowed(ip.ip):
                found.append(Address(ip.ip, str(adapter.nice_name)))
    found = list(dict.fromkeys(found))
    lan = [a for a in found if not a.loopback]
    return [*lan, Address(LOOPBACK, next((a.interface for a in found if a.loopback), "lo"))]
