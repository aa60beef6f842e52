from django.urls import include, path
from two_factor.urls import urlpatterns as two_factor_patterns

from cpphub.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", include(two_factor_patterns)),
    path("account/", views.profile, name="profile"),
    path("account/token/", views.token, name="token"),
    path("account/logout/", views.logout, name="logout"),
    path("people/", views.user_list, name="user_list"),
]
