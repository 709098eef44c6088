"""The moderation dashboard's figures: the queue now, and the last 30 days.

Everything comes from six queries at most, whatever the number of comments (the tests pin
it; the names query is skipped when nobody decided anything):

1. the queue now: counts by status, urgent and reported, the oldest pending comment;
2. the oldest urgent comments (a few rows);
3. comments posted per day and status (GROUP BY day, status: at most 30 × 4 rows);
4. the moderators' decisions in the window, as numbers (who, which, when, how long after
   posting), for the median and 90th-percentile waits per day and over the 30 days and
   the decisions per moderator: the one query whose rows grow with the volume, bounded by
   what moderators can decide in 30 days (see :func:`decisions_since`);
5. the moderators' names (a few rows);
6. the reasons the checks gave most (GROUP BY reason code, see :func:`top_reasons`).

At 100,000 comments (benchmarks/dashboard.py) the figures take a few hundred milliseconds
on SQLite.  There is deliberately no index on moderated_at: with a third of the rows in the
window SQLite reads them through it three times slower than it scans the table.

A comment records its standing decision only (status, moderated_by, moderated_at): a
decision that was undone or overridden later is not counted, and a comment decided twice
counts once, for its last decision.  Comments the checks sent straight to Spam, or that
were published at once, had no moderator's decision, so they are in the daily counts but
not in the waits or the decisions per moderator.
"""

import bisect
import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import NotSupportedError, connection
from django.db.models import Case, Count, F, FloatField, Func, IntegerField, Min, Q, Value, When
from django.utils import timezone

from .models import Comment

DAYS = 30
URGENT_SHOWN = 5
REASONS_SHOWN = 8
OUTCOMES = [
    Comment.Status.APPROVED,
    Comment.Status.REJECTED,
    Comment.Status.SPAM,
    Comment.Status.PENDING,
]
DECISIONS = [Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM]


@dataclass
class Now:
    """The queue as it stands."""

    pending: int = 0
    urgent: int = 0
    reported: int = 0
    approved: int = 0
    rejected: int = 0
    spam: int = 0
    oldest_pending_at: datetime | None = None
    urgent_comments: list = field(default_factory=list)

    @property
    def oldest_pending_age(self):
        return timezone.now() - self.oldest_pending_at if self.oldest_pending_at else None


@dataclass
class Day:
    """One day: comments posted that day by their status now, and the waits for the
    decisions moderators made that day."""

    day: date
    approved: int = 0
    rejected: int = 0
    spam: int = 0
    pending: int = 0
    decisions: int = 0
    median_wait: timedelta | None = None
    p90_wait: timedelta | None = None

    @property
    def total(self):
        return self.approved + self.rejected + self.spam + self.pending

    @property
    def spam_share(self):
        """Spam as a share (0–1) of the comments posted that day; None on a quiet day."""
        return self.spam / self.total if self.total else None


@dataclass
class Reason:
    code: str
    example: str
    count: int


@dataclass
class Moderator:
    name: str
    approved: int = 0
    rejected: int = 0
    spam: int = 0

    @property
    def total(self):
        return self.approved + self.rejected + self.spam


@dataclass
class Figures:
    now: Now
    days: list
    start: datetime
    median_wait: timedelta | None = None
    p90_wait: timedelta | None = None
    decisions: int = 0
    reasons: list = field(default_factory=list)
    moderators: list = field(default_factory=list)

    @property
    def posted(self):
        return sum(day.total for day in self.days)

    @property
    def spam(self):
        return sum(day.spam for day in self.days)


def window_start(days=DAYS, today=None):
    """Midnight (in the site's time zone) at the start of the first of the last ``days``
    days, today included."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    return timezone.make_aware(datetime.combine(first, time.min))


def figures(days=DAYS, today=None):
    """Everything the dashboard shows, in a fixed number of queries."""
    today = today or timezone.localdate()
    start = window_start(days, today)
    series = [Day(today - timedelta(days=n)) for n in reversed(range(days))]
    result = Figures(now=queue_now(), days=series, start=start)
    for index, status, n in posted_per_day(start, days):
        if 0 <= index < days and status in Comment.Status.values:
            setattr(series[index], status, n)
    decisions = decisions_since(start, days)
    result.decisions, result.median_wait, result.p90_wait = percentiles(decisions.waits)
    for index, waits in decisions.by_day.items():
        if 0 <= index < days:
            day = series[index]
            day.decisions, day.median_wait, day.p90_wait = percentiles(waits)
    result.reasons = top_reasons(start)
    result.moderators = moderators(decisions.by_moderator)
    return result


def queue_now():
    pending = Q(status=Comment.Status.PENDING)
    counts = Comment.objects.aggregate(
        pending=Count("pk", filter=pending),
        urgent=Count("pk", filter=pending & Q(urgent=True)),
        reported=Count(
            "pk",
            filter=Q(report_count__gt=0)
            & Q(status__in=[Comment.Status.PENDING, Comment.Status.APPROVED]),
        ),
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        rejected=Count("pk", filter=Q(status=Comment.Status.REJECTED)),
        spam=Count("pk", filter=Q(status=Comment.Status.SPAM)),
        oldest_pending_at=Min("created_at", filter=pending),
    )
    urgent = list(
        Comment.objects.urgent()
        .select_related("article")
        .only("author_name", "body", "created_at", "article__title", "article__slug")
        .order_by("created_at", "pk")[:URGENT_SHOWN]
    )
    return Now(**counts, urgent_comments=urgent)


class EpochSeconds(Func):
    """A datetime column as seconds since 1970 (a float), computed by the database itself:
    on SQLite the ORM's own date functions are Python callbacks, run once per row, which
    made the dashboard four times slower at 100,000 comments (1.4 s)."""

    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        )

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision)",
        )

    def as_sql(self, compiler, connection, template=None, **extra):
        if template is None:
            raise NotSupportedError("EpochSeconds is written for SQLite and PostgreSQL.")
        return super().as_sql(compiler, connection, template=template, **extra)


def day_starts(start, days):
    """The start of each of ``days`` days from ``start``, in the site's time zone (a day
    is not always 24 hours long where clocks change)."""
    first = timezone.localtime(start).date()
    return [
        timezone.make_aware(datetime.combine(first + timedelta(days=n), time.min))
        for n in range(days)
    ]


def day_index(field_name, starts):
    """Which of the days (0, 1, …) a datetime column falls on, as a CASE the database
    evaluates (exact in any time zone, and portable, unlike per-row date truncation)."""
    whens = [
        When(**{f"{field_name}__lt": boundary}, then=Value(index))
        for index, boundary in enumerate(starts[1:])
    ]
    return Case(*whens, default=Value(len(starts) - 1), output_field=IntegerField())


def posted_per_day(start, days=DAYS):
    """Rows of (day index, status, count) for comments posted since ``start``."""
    return (
        Comment.objects.filter(created_at__gte=start)
        .annotate(day=day_index("created_at", day_starts(start, days)))
        .values_list("day", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )


def nearest_rank(sorted_values, share):
    """The nearest-rank percentile: the k-th smallest of n values, k = ⌈share·n⌉."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(round(share * len(sorted_values), 9)))
    return sorted_values[rank - 1]


@dataclass
class Decisions:
    """Moderators' decisions in the window: the waits from posting to decision by day of
    decision ({day index: sorted waits in seconds}), all of them, and the count by
    moderator ({user id: {status: n}})."""

    by_day: dict = field(default_factory=dict)
    waits: list = field(default_factory=list)
    by_moderator: dict = field(default_factory=dict)


def decisions_since(start, days=DAYS):
    """One query for every moderator's decision since ``start``: who, which, when and how
    long after posting, as plain numbers (the database computes them), sorted here.

    The median and the 90th percentile need the waits in order.  This list is bounded by
    what people can do, moderators' decisions in 30 days (27,500 in the 100,000-comment
    benchmark: about 40 ms of SQL and as much again to read and sort them here), and it
    works the same on SQLite and PostgreSQL.  Exact percentiles in SQL need
    PERCENTILE_CONT (PostgreSQL only); the window-function equivalent (ROW_NUMBER and COUNT
    over each day and over the window, keeping only the rows at the median's and the 90th
    percentile's ranks) is portable but measured five times slower on SQLite (420 ms
    against 85 ms), which evaluates the day and the wait again for every window.

    The query filters on neither moderated_by nor a status list: either makes SQLite walk
    an index for nearly every row instead of scanning the table once.  Rows without a
    moderator (withdrawn by their author) are dropped here."""
    boundaries = [moment.timestamp() for moment in day_starts(start, days)[1:]]
    decided = EpochSeconds(F("moderated_at"))
    rows = (
        Comment.objects.filter(moderated_at__gte=start)
        .exclude(status=Comment.Status.PENDING)
        .order_by()
        .values_list("moderated_by_id", "status", decided, decided - EpochSeconds(F("created_at")))
    )
    result = Decisions()
    for moderator, status, decided_at, wait in rows:
        if moderator is None:
            continue
        wait = max(0.0, wait)  # a decision stamped before the posting time (clock skew)
        result.by_day.setdefault(bisect.bisect_right(boundaries, decided_at), []).append(wait)
        result.waits.append(wait)
        counts = result.by_moderator.setdefault(moderator, {})
        counts[status] = counts.get(status, 0) + 1
    result.waits.sort()
    for waits in result.by_day.values():
        waits.sort()
    return result


def percentiles(sorted_waits):
    """(how many, median, 90th percentile) of waits in seconds, as whole-second timedeltas."""
    if not sorted_waits:
        return 0, None, None
    median, p90 = nearest_rank(sorted_waits, 0.5), nearest_rank(sorted_waits, 0.9)
    # To the second: SQLite's julianday() is a float of days, good to about 40 µs.
    return len(sorted_waits), timedelta(seconds=round(median)), timedelta(seconds=round(p90))


def moderators(by_moderator):
    """Moderator rows, most decisions first, named from one query for their accounts."""
    accounts = (
        get_user_model()
        .objects.filter(pk__in=by_moderator)
        .only("username", "first_name", "last_name")
    )
    names = {user.pk: user.get_full_name() or user.get_username() for user in accounts}
    people = [
        Moderator(
            name=names.get(pk, "?"),
            approved=counts.get(Comment.Status.APPROVED, 0),
            rejected=counts.get(Comment.Status.REJECTED, 0),
            spam=counts.get(Comment.Status.SPAM, 0),
        )
        for pk, counts in by_moderator.items()
    ]
    return sorted(people, key=lambda person: (-person.total, person.name))


def top_reasons(start, limit=REASONS_SHOWN):
    """The reason codes the checks gave most often to comments posted since ``start``, each
    with an example message, in one GROUP BY query.

    ``reasons`` is a JSON list per comment; counting its elements takes the database's own
    JSON table function (json_each in SQLite, jsonb_array_elements in PostgreSQL), which
    the ORM has no word for, so this is the one raw query here.  Names are quoted by the
    backend and values passed as parameters."""
    table = connection.ops.quote_name(Comment._meta.db_table)
    reasons = connection.ops.quote_name(Comment._meta.get_field("reasons").column)
    created = connection.ops.quote_name(Comment._meta.get_field("created_at").column)
    since = connection.ops.adapt_datetimefield_value(start)
    if connection.vendor == "sqlite":
        sql = (
            "SELECT json_extract(r.value, '$.code') AS code, "
            "MIN(json_extract(r.value, '$.message')), COUNT(*) AS n "
            f"FROM {table} AS c, json_each(c.{reasons}) AS r "
            f"WHERE c.{created} >= %s AND c.{reasons} <> '[]' "
            f"AND json_type(c.{reasons}) = 'array' "
            "GROUP BY code ORDER BY n DESC, code LIMIT %s"
        )
    elif connection.vendor == "postgresql":
        sql = (
            "SELECT r.value ->> 'code' AS code, MIN(r.value ->> 'message'), COUNT(*) AS n "
            f"FROM {table} AS c CROSS JOIN LATERAL jsonb_array_elements("
            f"CASE WHEN jsonb_typeof(c.{reasons}) = 'array' THEN c.{reasons} "
            "ELSE '[]'::jsonb END) AS r(value) "
            f"WHERE c.{created} >= %s AND c.{reasons} <> '[]'::jsonb "
            "GROUP BY code ORDER BY n DESC, code LIMIT %s"
        )
    else:  # pragma: no cover - Pulse runs on SQLite and PostgreSQL
        return _top_reasons_in_python(start, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, [since, limit])
        return [Reason(code or "?", example or "", n) for code, example, n in cursor.fetchall()]


def _top_reasons_in_python(start, limit):
    counts, examples = {}, {}
    for reasons in Comment.objects.filter(created_at__gte=start).values_list("reasons", flat=True):
        for reason in reasons if isinstance(reasons, list) else ():
            code = str(reason.get("code", "?"))
            counts[code] = counts.get(code, 0) + 1
            examples.setdefault(code, str(reason.get("message", "")))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return [Reason(code, examples[code], n) for code, n in ranked]
