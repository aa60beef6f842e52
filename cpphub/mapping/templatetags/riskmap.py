"""How the risk map shows a count: the number, or a marker when it is withheld (never the number)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cpphub.mapping.suppression import PublishedCount, Reason

register = template.Library()


@register.filter
def published(count: PublishedCount, k: int) -> SafeString:
    """``42``, or ``<10`` (primary) / ``*`` (complementary) with an explanation for screen readers and on hover."""
    if not count.suppressed:
        return format_html('<span class="count">{}</span>', count.value)
    if count.reason == Reason.PRIMARY:
        text = _("Hidden to protect children: fewer than {k}.").format(k=k)
        return format_html('<abbr class="count hidden-count" title="{}">&lt;{}</abbr>', text, k)
    text = _("Hidden to protect children: it would let a smaller number be worked out.")
    return format_html('<abbr class="count hidden-count" title="{}">*</abbr>', text)


@register.filter
def dictget(mapping: dict[str, Any], key: str) -> Any:
    """``mapping[key]`` (None when missing), for the comparison tables."""
    return mapping.get(key)
