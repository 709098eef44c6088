"""How the spam filter's probability becomes part of the one score a comment gets.

The score is in points, like every other check's (comments/checks.py), so that the site's
"spam score threshold" (10 by default) still decides what goes straight to Spam.  Points
follow the log-odds, so confidence counts: 65% spam alone reaches the default threshold,
95% is worth three times as much.  A comment the filter rates under 50% gets no points and
is not held by it.  One that reads like a reader's (under 20%) takes a few points *off* when
the rules alone would file it as spam (a reader asking where to buy cheap naloxone online),
but never more than :data:`MAX_RELIEF`, so a honeypot or a blocklist still wins.  A
short comment with nothing to sell (see :func:`filter_points`) is held only from 80%, and
never filed as spam by the filter alone.

The probabilities were chosen by grouped cross-validation on the shipped corpus (the
predictions benchmarks/spam.py makes): the most spam sent to Spam with at most 1% of real
comments there.  They were tuned on those held-out predictions, so the benchmark's held-out
figures are a little optimistic for the thresholds (not for the model's weights).
"""

import math

# The finding codes the filter records.
SPAM_FILTER = "spam_filter"
READS_REAL = "spam_filter_real"
FILTER_CODES = (SPAM_FILTER, READS_REAL)
# Findings that always win over any score: the comment waits for a person (never Spam).
PROTECTED = ("crisis", "personal_data")

ZERO_AT = 0.4  # the probability worth no points
HOLD_AT = 0.5  # from here the filter holds the comment and adds its points
SPAM_AT = 0.65  # this probability alone is worth DEFAULT_THRESHOLD points
RELIEF_BELOW = 0.2  # under this, a comment reads like a reader's
DEFAULT_THRESHOLD = 10
MAX_POINTS = 40
MAX_RELIEF = 6
BARE_WORDS = 8
BARE_HOLD_AT = 0.8
BARE_POINTS = 5


def _logit(probability):
    probability = min(max(float(probability), 1e-6), 1 - 1e-6)
    return math.log(probability / (1 - probability))


_SCALE = DEFAULT_THRESHOLD / (_logit(SPAM_AT) - _logit(ZERO_AT))


def points(probability):
    """The points a spam probability is worth (negative when it reads like a reader)."""
    value = round(_SCALE * (_logit(probability) - _logit(ZERO_AT)))
    return max(-MAX_RELIEF, min(MAX_POINTS, value))


def filter_points(probability, rules, threshold, *, bare=False):
    """What the filter adds to the rules' score: its points from :data:`HOLD_AT` on, a
    relief when the rules alone would file a comment that reads like a reader's, else 0.

    ``bare``: a few words and no link, website or contact ("Fantastic!", "Back again with
    a question."), which carry nothing for a spammer to sell and give the filter too little
    to go on: it holds one only when quite sure, and never files it as spam by itself."""
    if bare:
        return min(max(points(probability), 1), BARE_POINTS) if probability >= BARE_HOLD_AT else 0
    if probability >= HOLD_AT:
        return min(max(points(probability), 1), MAX_POINTS)
    if probability < RELIEF_BELOW and rules >= threshold:
        return points(probability)
    return 0


def goes_to_spam(score, threshold, protected):
    return score >= threshold and not protected
