"""A limit on password-reset emails, so the public form cannot flood anyone's inbox.

One client address may ask for :data:`PER_ADDRESS` reset emails an hour, and
one email address may be sent :data:`PER_EMAIL`, whether or not an account uses
it: the limit must not tell who has an account. The client address is the one
the sign-in lockout (django-axes) counts.

The counts live in Django's cache, so every process of an installation must
share one cache (see docs/operations.md). A key holds the times of the recent
requests, a sliding window like DRF's ``SimpleRateThrottle``, which works the
same on every cache backend; two requests at the same instant may both take
the last free place: it is a throttle, not a lock.
"""

from __future__ import annotations

import math
import time

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

WINDOW = 60 * 60  # seconds
PER_ADDRESS = 5
PER_EMAIL = 3


def _key(kind: str, value: str) -> str:
    # A keyed hash: the cache never holds an email address, and any backend accepts the key.
    return f"password-reset:{kind}:{salted_hmac('cpphub.accounts.throttle', value).hexdigest()}"


def admit_password_reset(request: HttpRequest, email: str) -> int:
    """Count a request for a reset email to ``email`` and return 0, or refuse it and return the seconds to wait.

    A refused request is not counted, so asking again does not prolong the wait.
    """
    now = time.time()
    limits = {
        _key("address", get_client_ip_address(request) or "unknown"): PER_ADDRESS,
        _key("email", email.strip().lower()): PER_EMAIL,
    }
    recent = {key: [at for at in cache.get(key, []) if at > now - WINDOW] for key in limits}
    # A place frees up when the oldest of the last `limit` requests leaves the window.
    waits = [recent[key][-limit] + WINDOW - now for key, limit in limits.items() if len(recent[key]) >= limit]
    if waits:
        return max(1, math.ceil(max(waits)))
    cache.set_many({key: [*times, now] for key, times in recent.items()}, timeout=WINDOW)
    return 0
