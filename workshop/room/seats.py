"""The phones in the room: which seat each holds, and how fast each may send.

A phone is known by a random id in a cookie of its own (set on its first visit, for
this room's path only). Taking a seat binds the phone to a participant: only that phone
sends as that participant until the facilitator releases the seat. Nothing here is
kept once the room closes: a new room has new phones.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# A focus group has six to eight people (at most 30 seats): room for each to come back
# on another browser, and for the projector and a few curious visitors, but not for a
# script that makes a new phone per request.
MAX_PHONES = 120


class Bucket:
    """A token bucket: ``burst`` requests at once, then ``rate`` per second."""

    def __init__(self, rate: float, burst: float, clock: Callable[[], float]):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.at = burst, clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


# What one phone may send: a burst of taps on dots or ratings, then two a second, a
# pace no person keeps up for long. Reading (the page, its updates) is not counted.
WRITE_RATE, WRITE_BURST = 2.0, 30.0


@dataclass
class Phone:
    id: str
    csrf: str  # sent back in a header with every write (``web``)
    bucket: Bucket
    pid: int | None = None  # the seat it holds
    seen: float = field(default=0.0)


class Seats:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.phones: dict[str, Phone] = {}
        self.holders: dict[int, str] = {}  # pid -> phone id

    def get(self, phone_id: str | None) -> Phone | None:
        phone = self.phones.get(phone_id) if phone_id else None
        if phone is not None:
            phone.seen = self.clock()
        return phone

    def new_phone(self) -> Phone | None:
        """A phone seen for the first time, or None when the room holds as many as it
        may (the longest unseen phone without a seat makes room first)."""
        if len(self.phones) >= MAX_PHONES:
            idle = [p for p in self.phones.values() if p.pid is None]
            if not idle:
                return None
            del self.phones[min(idle, key=lambda p: p.seen).id]
        phone = Phone(secrets.token_urlsafe(18), secrets.token_urlsafe(18),
                      Bucket(WRITE_RATE, WRITE_BURST, self.clock), seen=self.clock())
        self.phones[phone.id] = phone
        return phone

    def claim(self, phone: Phone, pid: int) -> bool:
        """Seat ``phone`` as participant ``pid``; False when another phone holds it."""
        holder = self.holders.get(pid)
        if holder is not None and holder != phone.id and holder in self.phones:
            return False
        if phone.pid is not None and phone.pid != pid:
            self.holders.pop(phone.pid, None)
        phone.pid = pid
        self.holders[pid] = phone.id
        return True

    def release(self, pid: int) -> None:
        """The facilitator frees a seat: its phone is back at the choice of seats."""
        phone_id = self.holders.pop(pid, None)
        phone = self.phones.get(phone_id) if phone_id else None
        if phone is not None:
            phone.pid = None

    def taken(self) -> dict[int, Phone]:
        """The seats held, by participant."""
        return {pid: self.phones[pid_phone] for pid, pid_phone in self.holders.items()
                if pid_phone in self.phones}
