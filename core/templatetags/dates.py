"""{{ value|machine_datetime }}: a datetime as HTML's <time datetime> wants it, to the second
in the current time zone ("2026-12-01T08:46:07+00:00"); Django's "c" format adds
microseconds, which the attribute does not allow."""

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def machine_datetime(value):
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
