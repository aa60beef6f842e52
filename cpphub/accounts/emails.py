"""Emails about an account: the invitation to set a first password."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from cpphub.accounts.models import User


@dataclass(frozen=True)
class SiteLink:
    """Where links in an email point: the host the coordinator was using."""

    domain: str
    use_https: bool

    @classmethod
    def from_request(cls, request: HttpRequest) -> SiteLink:
        return cls(domain=request.get_host(), use_https=request.is_secure())

    @property
    def protocol(self) -> str:
        return "https" if self.use_https else "http"


def send_set_password_email(*, user: User, site: SiteLink) -> None:
    """Invite a new user to choose a password, through the password-reset link."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "email": user.email,
            "user": user,
            "domain": site.domain,
            "protocol": site.protocol,
            "site_name": _("CPP Hub"),
            "uid": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        }
        subject = "".join(render_to_string("registration/set_password_subject.txt", context).splitlines())
        body = render_to_string("registration/set_password_email.txt", context)
    EmailMultiAlternatives(subject, body, None, [user.email]).send()
