from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cpphub.shell.navigation import navigation_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_sections": [], "is_demo_user": False}
    return {
        "nav_sections": navigation_for(user, request.path),
        "is_demo_user": getattr(user, "is_demo", False),
    }
