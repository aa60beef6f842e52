from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectConfig(AppConfig):
    name = "cpphub.connect"
    label = "connect"
    verbose_name = _("Connect: services and referrals")
