from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpRequest

from cpphub.shell.navigation import navigation_for

DEMO_CACHE_KEY = "cpphub:demo-loaded"


def demo_loaded() -> bool:
    """Whether this instance holds the synthetic demo partnership (checked once a minute)."""
    return bool(cache.get_or_set(DEMO_CACHE_KEY, lambda: get_user_model().objects.filter(is_demo=True).exists(), 60))


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "demo_loaded": False}
    return {
        "nav_sections": navigation_for(user, request.path),
        "demo_loaded": demo_loaded(),
    }
