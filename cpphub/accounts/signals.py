"""Account events into the audit trail: sign-in, failed sign-in, sign-out,
two-factor enrolment and password changes.

Connected in :meth:`AccountsConfig.ready`. A failed sign-in records the email
address that was tried, never the password (Django has already masked it in
``credentials``, and only the username is read here).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from cpphub.accounts.lockout import attempted_email
from cpphub.accounts.models import User
from cpphub.audit.models import AuditEvent
from cpphub.audit.services import audit_record

Action = AuditEvent.Action


def record_sign_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit_record(action=Action.SIGN_IN, acting_user=user, obj=user)


def record_sign_out(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None and user.pk:
        audit_record(action=Action.SIGN_OUT, acting_user=user, obj=user)


def record_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = attempted_email(None, {"username": credentials.get("username")}) or ""
    user = User.objects.filter(email__iexact=email).only("pk").first() if email else None
    locked_out = bool(getattr(request, "axes_locked_out", False))
    audit_record(
        action=Action.SIGN_IN_FAILED,
        acting_user=None,
        object_type=User._meta.label_lower,
        object_id=str(user.pk) if user else "",
        object_repr=email,
        changes={"locked_out": [False, True]} if locked_out else {},
    )


def record_two_factor_enrolment(sender: Any, instance: TOTPDevice, created: bool, **kwargs: Any) -> None:
    if created and instance.confirmed and not kwargs.get("raw"):
        audit_record(
            action=Action.TWO_FACTOR_ENROLLED,
            acting_user=instance.user,
            obj=instance.user,
            changes={"device": [None, "authenticator app"]},
        )


def record_password_change(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    # set_password() keeps the new raw password in ``_password`` until save() has
    # run; only its presence is read here, to know that the password changed.
    if not created and getattr(instance, "_password", None) is not None and not kwargs.get("raw"):
        audit_record(action=Action.PASSWORD_CHANGED, acting_user=instance, obj=instance)


def connect() -> None:
    user_logged_in.connect(record_sign_in, dispatch_uid="cpphub.accounts.sign_in")
    user_logged_out.connect(record_sign_out, dispatch_uid="cpphub.accounts.sign_out")
    user_login_failed.connect(record_failed_sign_in, dispatch_uid="cpphub.accounts.sign_in_failed")
    post_save.connect(record_two_factor_enrolment, sender=TOTPDevice, dispatch_uid="cpphub.accounts.two_factor")
    post_save.connect(record_password_change, sender=User, dispatch_uid="cpphub.accounts.password_changed")
