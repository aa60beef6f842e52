"""The append-only audit trail and the access log of identifying records.

Rows are only ever inserted. ``save()`` refuses to update and ``delete()``
refuses to delete, and so do the bulk ``QuerySet.update()`` and
``QuerySet.delete()``; a database trigger (see the migrations) refuses updates
on SQLite and PostgreSQL too, so not even raw SQL can rewrite history. The
retention job alone removes expired rows, through
``QuerySet.delete_for_retention()``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


_M = TypeVar("_M", bound=models.Model)


class AppendOnlyQuerySet(models.QuerySet[_M]):
    """Bulk changes are refused like single ones; only retention may delete."""

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows cannot be deleted.")

    def delete_for_retention(self) -> int:
        """Remove expired rows: for the retention job only, which audits the purge itself."""
        deleted, _per_model = super().delete()
        return deleted


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    """Who changed what, when, from where: written inside the write's transaction."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DEACTIVATE = "deactivate", _("Deactivated")
        REACTIVATE = "reactivate", _("Reactivated")
        DELETE = "delete", _("Deleted")
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_OUT = "sign_out", _("Signed out")
        TWO_FACTOR_ENROLLED = "two_factor_enrolled", _("Two-factor enrolled")
        TWO_FACTOR_DISABLED = "two_factor_disabled", _("Two-factor disabled")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        TOKEN_CREATED = "token_created", _("API token created")
        TOKEN_REVOKED = "token_revoked", _("API token revoked")
        EXPORT = "export", _("Exported")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The row outlives the user: no cascade, no constraint, email kept beside it.
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("who"),
    )
    actor_email = models.CharField(_("who (email)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.object_type}:{self.object_id}"


class AccessLogEntry(AppendOnlyModel):
    """A read of an identifying (class A) record: who looked, at what, why."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        LIST = "list", _("Listed")
        EXPORT = "export", _("Exported")
        OVERRIDE = "override", _("Override")
        CHANGE = "change", _("Changed")
        DENIED = "denied", _("Refused")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # The row outlives the user: no cascade, no constraint, email kept beside it.
        on_delete=models.DO_NOTHING,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
        verbose_name=_("who"),
    )
    user_email = models.CharField(_("who (email)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices, default=Action.VIEW)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log entries")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_email} {self.action} {self.object_type}:{self.object_id}"
