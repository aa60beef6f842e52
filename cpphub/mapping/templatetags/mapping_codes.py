"""Template filters naming the Map stage's taxonomy codes in the reader's language."""

from __future__ import annotations

from django import template

from cpphub.mapping.models import Channel, IctTag

register = template.Library()


@register.filter
def ict_labels(codes: list[str]) -> list[str]:
    labels = dict(IctTag.choices)
    return [str(labels.get(code, code)) for code in codes or []]


@register.filter
def channel_labels(codes: list[str]) -> list[str]:
    labels = dict(Channel.choices)
    return [str(labels.get(code, code)) for code in codes or []]
