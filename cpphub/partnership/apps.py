from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipConfig(AppConfig):
    name = "cpphub.partnership"
    label = "partnership"
    verbose_name = _("Partnership")
