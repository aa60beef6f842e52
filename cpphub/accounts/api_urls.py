from django.urls import path
from rest_framework.routers import SimpleRouter

from cpphub.accounts import api

router = SimpleRouter()
router.register("users", api.UserViewSet, basename="user")
router.register("memberships", api.MembershipViewSet, basename="membership")

urlpatterns = [
    path("me/", api.MeView.as_view(), name="me"),
    *router.urls,
]
