"""The two-factor sign-in flow under its own namespace, ``two_factor``.

The same paths and names as ``two_factor.urls`` (the library's templates and
settings such as ``LOGIN_URL = "two_factor:login"`` rely on them), served by
the CPP Hub subclasses of its views.
"""

from django.contrib.auth.decorators import login_required
from django.urls import path

from cpphub.accounts.views import signin

app_name = "two_factor"

urlpatterns = [
    path("account/login/", signin.LoginView.as_view(), name="login"),
    path("account/two_factor/setup/", signin.SetupView.as_view(), name="setup"),
    path("account/two_factor/qrcode/", signin.QRGeneratorView.as_view(), name="qr"),
    path("account/two_factor/setup/complete/", signin.SetupCompleteView.as_view(), name="setup_complete"),
    path("account/two_factor/backup/tokens/", signin.BackupTokensView.as_view(), name="backup_tokens"),
    path("account/two_factor/", signin.ProfileView.as_view(), name="profile"),
    path("account/two_factor/disable/", login_required(signin.DisableView.as_view()), name="disable"),
]
