"""The dashboard's charts as data for its SVG templates
(templates/admin/comments/dashboard/chart.html draws them; no HTML is written here).

Horizontal positions are percentages of the chart's width and vertical ones pixels of its
fixed height, so a chart fills any width while its text keeps its size: a viewBox would
shrink the labels to a few pixels on a phone.  Colours are CSS classes (the
Content-Security-Policy allows no style attributes).  Every number is formatted here, as
text, so that a locale's decimal comma never ends up inside an SVG attribute; every chart
carries a title, a one-sentence description and the same figures as a table.
"""

import math
from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .dashboard import DECISIONS, OUTCOMES

HEIGHT = 230  # px: the whole chart
PLOT_TOP = 14
PLOT_BOTTOM = 196  # px: the x axis; day labels sit below it
PLOT_LEFT = 10.0  # % of the width kept for the y axis's labels
PLOT_RIGHT = 99.0
BAR_ROW = 44  # px per row of a horizontal bar chart

SERIES_LABELS = {
    "approved": gettext_lazy("Approved"),
    "rejected": gettext_lazy("Rejected"),
    "spam": gettext_lazy("Spam"),
    "pending": gettext_lazy("Pending"),
}


@dataclass
class Rect:
    x: str
    y: str
    width: str
    height: str
    css: str
    label: str


@dataclass
class Segment:
    x1: str
    y1: str
    x2: str
    y2: str
    css: str


@dataclass
class Dot:
    x: str
    y: str
    css: str
    label: str


@dataclass
class Text:
    x: str
    y: str
    text: str
    anchor: str = "middle"
    css: str = ""


@dataclass
class Table:
    headers: list
    rows: list  # each row: the row's header, then its cells (all text)


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    height: int = HEIGHT
    rects: list = field(default_factory=list)
    segments: list = field(default_factory=list)
    dots: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    gridlines: list = field(default_factory=list)  # y positions (px)
    legend: list = field(default_factory=list)  # (css class, label)
    table: Table | None = None
    empty: bool = False
    plot_left: str = f"{PLOT_LEFT:.2f}%"
    plot_right: str = f"{PLOT_RIGHT:.2f}%"


def pct(value):
    return f"{value:.2f}%"


def px(value):
    return f"{value:.1f}"


def nice_ceiling(value, minimum=4, whole=True):
    """The top of a scale at or above ``value`` whose four gridlines fall on round numbers
    (steps of 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten; whole numbers only
    when ``whole``, for counts)."""
    step = max(value, minimum) / 4
    magnitude = 10 ** math.floor(math.log10(step))
    for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        candidate = factor * magnitude
        if candidate >= step and (not whole or candidate == int(candidate)):
            return 4 * candidate
    return 40 * magnitude  # pragma: no cover - the loop always returns


def y_of(value, top):
    """The pixel height of ``value`` on a vertical scale from 0 to ``top``."""
    return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * (value / top if top else 0)


def y_axis(chart, top, label):
    """Four gridlines with their labels; ``label`` formats a tick's value."""
    for step in range(5):
        value = top * step / 4
        y = y_of(value, top)
        chart.gridlines.append(px(y))
        chart.texts.append(Text(pct(PLOT_LEFT - 1), px(y + 4), label(value), "end", "tick"))


def day_slots(days):
    """(left edge, width) in % of each day's slot along the x axis."""
    width = (PLOT_RIGHT - PLOT_LEFT) / max(1, len(days))
    return [(PLOT_LEFT + index * width, width) for index in range(len(days))]


def day_labels(chart, days):
    """A date under every seventh day, counting back from today (so today has one)."""
    for index, ((left, width), day) in enumerate(zip(day_slots(days), days, strict=True)):
        if (len(days) - 1 - index) % 7 == 0:
            # Today's label ends at the right edge instead of running past it.
            x, anchor = (
                (pct(100), "end") if index == len(days) - 1 else (pct(left + width / 2), "middle")
            )
            chart.texts.append(Text(x, px(PLOT_BOTTOM + 20), short_date(day.day), anchor, "tick"))


def short_date(day):
    return date_format(day, "j M")


def count(value):
    return number_format(value, force_grouping=True)


def format_wait(wait):
    """A wait as people say it: 40 min, 5.5 h, 3.2 days."""
    if wait is None:
        return "—"
    minutes = wait.total_seconds() / 60
    if minutes < 90:
        whole = round(minutes)
        return ngettext("%(n)d min", "%(n)d min", whole) % {"n": whole}
    hours = minutes / 60
    if hours < 48:
        return _("%(n)s h") % {"n": number_format(round(hours, 1), 1)}
    return _("%(n)s days") % {"n": number_format(round(hours / 24, 1), 1)}


def format_share(share):
    return "—" if share is None else f"{number_format(round(share * 100), 0)}%"


def dashboard_charts(figures):
    return [
        comments_per_day(figures),
        waits(figures),
        spam_share(figures),
        top_reasons(figures),
        moderators(figures),
    ]


def comments_per_day(figures):
    days = figures.days
    total = figures.posted
    busiest = max(days, key=lambda d: d.total, default=None)
    sums = {status: sum(getattr(day, status) for day in days) for status in OUTCOMES}
    description = _(
        "%(total)s comments posted in the last %(days)d days: %(approved)s approved, "
        "%(rejected)s rejected, %(spam)s spam and %(pending)s still pending."
    ) % {"total": count(total), "days": len(days), **{k: count(v) for k, v in sums.items()}}
    if busiest is not None and busiest.total:
        description += " " + _("The busiest day was %(day)s, with %(n)s.") % {
            "day": short_date(busiest.day),
            "n": count(busiest.total),
        }
    chart = Chart(
        "comments-per-day",
        _("Comments per day, by outcome"),
        description,
        legend=[(status, SERIES_LABELS[status]) for status in OUTCOMES],
        empty=not total,
    )
    top = nice_ceiling(max((day.total for day in days), default=0))
    y_axis(chart, top, lambda v: count(round(v)))
    for (left, width), day in zip(day_slots(days), days, strict=True):
        base = 0
        for status in OUTCOMES:
            value = getattr(day, status)
            if not value:
                continue
            y_top, y_bottom = y_of(base + value, top), y_of(base, top)
            chart.rects.append(
                Rect(pct(left + width * 0.15), px(y_top), pct(width * 0.7),
                     px(y_bottom - y_top), status,
                     f"{short_date(day.day)}: {count(value)} {SERIES_LABELS[status].lower()}")
            )  # fmt: skip
            base += value
    day_labels(chart, days)
    chart.table = Table(
        [_("Day"), *(SERIES_LABELS[s] for s in OUTCOMES), _("Total")],
        [
            [short_date(day.day), *(count(getattr(day, s)) for s in OUTCOMES), count(day.total)]
            for day in days
        ],
    )
    return chart


def waits(figures):
    days = figures.days
    if figures.decisions:
        description = _(
            "Over the last %(days)d days, half of the %(n)s decisions came within %(median)s "
            "of posting and nine in ten within %(p90)s."
        ) % {
            "days": len(days),
            "n": count(figures.decisions),
            "median": format_wait(figures.median_wait),
            "p90": format_wait(figures.p90_wait),
        }
    else:
        description = _("No moderator made a decision in the last %(days)d days.") % {
            "days": len(days)
        }
    chart = Chart(
        "wait-times",
        _("Time from posting to a moderator's decision"),
        description,
        legend=[("median", _("Median")), ("p90", _("90th percentile"))],
        empty=not figures.decisions,
    )
    longest = max((d.p90_wait.total_seconds() for d in days if d.p90_wait), default=0) / 3600
    unit, divisor = (_("h"), 1) if longest >= 2 else (_("min"), 1 / 60)
    if longest >= 72:
        unit, divisor = _("days"), 24
    top = nice_ceiling(longest / divisor, minimum=1, whole=False)
    y_axis(chart, top, lambda v: f"{number_format(round(v, 1), 0 if v == int(v) else 1)} {unit}")
    slots = day_slots(days)
    for series in ("median", "p90"):
        previous = None
        for (left, width), day in zip(slots, days, strict=True):
            wait = getattr(day, f"{series}_wait")
            if wait is None:
                previous = None
                continue
            point = (pct(left + width / 2), px(y_of(wait.total_seconds() / 3600 / divisor, top)))
            if previous is not None:
                chart.segments.append(Segment(*previous, *point, series))
            chart.dots.append(Dot(*point, series, f"{short_date(day.day)}: {format_wait(wait)}"))
            previous = point
    day_labels(chart, days)
    chart.table = Table(
        [_("Day"), _("Decisions"), _("Median"), _("90th percentile")],
        [
            [short_date(d.day), count(d.decisions), format_wait(d.median_wait),
             format_wait(d.p90_wait)]
            for d in days
        ],
    )  # fmt: skip
    return chart


def spam_share(figures):
    days = figures.days
    total = figures.posted
    description = _(
        "%(spam)s of the %(total)s comments posted in the last %(days)d days were spam "
        "(%(share)s)."
    ) % {
        "spam": count(figures.spam),
        "total": count(total),
        "days": len(days),
        "share": format_share(figures.spam / total if total else None),
    }
    chart = Chart("spam-share", _("Spam share per day"), description, empty=not total)
    y_axis(chart, 1, lambda v: format_share(v))
    for (left, width), day in zip(day_slots(days), days, strict=True):
        if not day.spam_share:
            continue
        y = y_of(day.spam_share, 1)
        chart.rects.append(
            Rect(pct(left + width * 0.15), px(y), pct(width * 0.7), px(PLOT_BOTTOM - y), "spam",
                 f"{short_date(day.day)}: {format_share(day.spam_share)}")
        )  # fmt: skip
    day_labels(chart, days)
    chart.table = Table(
        [_("Day"), _("Comments"), _("Spam"), _("Share")],
        [
            [short_date(d.day), count(d.total), count(d.spam), format_share(d.spam_share)]
            for d in days
        ],
    )
    return chart


def horizontal_bars(chart, items):
    """One row per item: its label and value on a line, then a bar, stacked by series.

    ``items`` are (label, value text, [(css, value, label), …]) and share one scale."""
    top = max((sum(v for _c, v, _l in parts) for _n, _t, parts in items), default=0) or 1
    chart.height = max(len(items), 1) * BAR_ROW + 8
    for index, (name, value_text, parts) in enumerate(items):
        y = index * BAR_ROW + 16
        chart.texts.append(Text("0%", px(y), name, "start", "bar-label"))
        chart.texts.append(Text("100%", px(y), value_text, "end", "bar-value"))
        left = 0.0
        for css, value, label in parts:
            if not value:
                continue
            width = 100 * value / top
            chart.rects.append(Rect(pct(left), px(y + 7), pct(width), "14", css, label))
            left += width


def top_reasons(figures):
    reasons = figures.reasons
    if reasons:
        description = _(
            "The reason the checks gave most in the last %(days)d days was “%(code)s”, for "
            "%(n)s comments."
        ) % {"days": len(figures.days), "code": reasons[0].code, "n": count(reasons[0].count)}
    else:
        description = _("The checks gave no reasons in the last %(days)d days.") % {
            "days": len(figures.days)
        }
    chart = Chart("top-reasons", _("Reasons the checks gave most"), description, empty=not reasons)
    horizontal_bars(
        chart,
        [
            (r.code, count(r.count), [("reason", r.count, f"{r.code}: {count(r.count)}")])
            for r in reasons
        ],
    )
    chart.table = Table(
        [_("Reason"), _("Example"), _("Comments")],
        [[r.code, r.example, count(r.count)] for r in reasons],
    )
    return chart


def moderators(figures):
    people = figures.moderators
    if people:
        description = ngettext(
            "%(people)d moderator decided %(n)s comments in the last %(days)d days; %(top)s "
            "decided the most (%(most)s).",
            "%(people)d moderators decided %(n)s comments in the last %(days)d days; %(top)s "
            "decided the most (%(most)s).",
            len(people),
        ) % {
            "people": len(people),
            "n": count(figures.decisions),
            "days": len(figures.days),
            "top": people[0].name,
            "most": count(people[0].total),
        }
    else:
        description = _("No moderator made a decision in the last %(days)d days.") % {
            "days": len(figures.days)
        }
    chart = Chart(
        "moderators",
        _("Decisions per moderator"),
        description,
        legend=[(status, SERIES_LABELS[status]) for status in DECISIONS],
        empty=not people,
    )
    horizontal_bars(
        chart,
        [
            (
                person.name,
                count(person.total),
                [
                    (s, getattr(person, s), f"{person.name}: {count(getattr(person, s))} "
                     f"{SERIES_LABELS[s].lower()}")
                    for s in DECISIONS
                ],
            )
            for person in people
        ],
    )  # fmt: skip
    chart.table = Table(
        [_("Moderator"), *(SERIES_LABELS[s] for s in DECISIONS), _("Total")],
        [[p.name, *(count(getattr(p, s)) for s in DECISIONS), count(p.total)] for p in people],
    )
    return chart
