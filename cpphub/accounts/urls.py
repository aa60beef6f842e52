from django.urls import path

from cpphub.accounts.views import account, people

app_name = "accounts"

urlpatterns = [
    # The own account
    path("account/", account.profile, name="profile"),
    path("account/token/", account.token, name="token"),
    path("account/token/new/", account.token_create, name="token_create"),
    path("account/token/revoke/", account.token_revoke, name="token_revoke"),
    path("account/logout/", account.logout, name="logout"),
    path("account/password/", account.password_change, name="password_change"),
    path("account/password/changed/", account.password_change_done, name="password_change_done"),
    path("account/password/reset/", account.password_reset, name="password_reset"),
    path("account/password/reset/sent/", account.password_reset_done, name="password_reset_done"),
    path("account/password/reset/done/", account.password_reset_complete, name="password_reset_complete"),
    path("account/password/reset/<uidb64>/<token>/", account.password_reset_confirm, name="password_reset_confirm"),
    # People and access (coordinators)
    path("people/", people.user_list, name="user_list"),
    path("people/export.<str:fmt>", people.user_export, name="user_export"),
    path("people/new/", people.user_create, name="user_create"),
    path("people/<int:pk>/", people.user_detail, name="user_detail"),
    path("people/<int:pk>/edit/", people.user_edit, name="user_edit"),
    path("people/<int:pk>/active/", people.user_set_active, name="user_set_active"),
    path("people/<int:pk>/memberships/new/", people.membership_create, name="membership_create"),
    path("people/memberships/<int:pk>/active/", people.membership_set_active, name="membership_set_active"),
]
