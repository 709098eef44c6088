"""Training the spam filter: from the shipped corpus and the site's own moderator decisions.

Moderators' decisions weigh more than the corpus (:data:`DECISION_WEIGHT`), because they are
this site's spam and this site's readers: ten decisions on a new campaign are enough to move
the next ones of that kind to Spam.  Before the final model is fitted on everything, a trial
model is fitted without the newest :data:`~decisions.EVALUATED` decisions and scored on them,
so the admin page can say honestly how the filter does on decisions it never saw.
"""

import hashlib
import time
from functools import cache

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..models import DiscussionSettings
from . import decisions, features, scoring, shipped
from .classifier import SpamClassifier
from .models import SpamFilterModel

DECISION_WEIGHT = 3.0
# How many older versions to keep beside the newest (each is a few hundred kilobytes).
KEEP_VERSIONS = 5


def corpus_samples(items=None):
    """(Samples, labels) of corpus items: by default the whole shipped corpus, normalised
    once a process."""
    if items is None:
        return _shipped_samples()
    return (
        [features.sample(item.text, item.name, item.website) for item in items],
        [item.spam for item in items],
    )


@cache
def _shipped_samples():
    return corpus_samples(shipped.items())


def decision_sample(row):
    signals = [reason.get("code", "") for reason in row["reasons"] or []
               if isinstance(reason, dict)]  # fmt: skip
    return features.sample(row["body"], row["author_name"], row["author_website"], signals)


def fit(corpus, labelled):
    """A classifier fitted on corpus (samples, labels) and decision rows."""
    samples, labels = corpus
    weights = [1.0] * len(samples)
    samples = [*samples, *(decision_sample(row) for row in labelled)]
    labels = [*labels, *(row["spam"] for row in labelled)]
    weights += [DECISION_WEIGHT] * len(labelled)
    return SpamClassifier.fit(samples, labels, weights)


def evaluate(classifier, rows, threshold):
    """Caught, missed and false alarms on decision rows, as the one score would have filed
    them: the rules' points as recorded on the comment, plus the trial filter's."""
    figures = {"decisions": len(rows), "spam": 0, "caught": 0, "missed": 0, "real": 0,
               "false_alarms": 0}  # fmt: skip
    if not rows:
        return figures
    samples = [decision_sample(row) for row in rows]
    probabilities = classifier.probabilities(samples)
    for row, item, probability in zip(rows, samples, probabilities, strict=True):
        reasons = [r for r in row["reasons"] or [] if isinstance(r, dict)]
        rules = sum(int(r.get("score") or 0) for r in reasons
                    if r.get("code") not in scoring.FILTER_CODES)  # fmt: skip
        protected = row["urgent"] or any(r.get("code") in scoring.PROTECTED for r in reasons)
        score = rules + scoring.filter_points(probability, rules, threshold,
                                              bare=features.is_bare(item))  # fmt: skip
        filed = scoring.goes_to_spam(score, threshold, protected)
        if row["spam"]:
            figures["spam"] += 1
            figures["caught" if filed else "missed"] += 1
        else:
            figures["real"] += 1
            figures["false_alarms"] += int(filed)
    return figures


def train(trigger, *, corpus=None):
    """Train on the corpus and every labelled decision, store it as the newest version and
    return the stored row."""
    started = time.perf_counter()
    corpus = corpus or corpus_samples()
    labelled = decisions.labelled()
    evaluation = {}
    if labelled:
        held_out = labelled[: decisions.EVALUATED]
        trial = fit(corpus, labelled[decisions.EVALUATED :])
        evaluation = evaluate(trial, held_out, DiscussionSettings.load().spam_threshold)
    classifier = fit(corpus, labelled)
    return save(
        classifier,
        trigger,
        corpus_spam=sum(corpus[1]),
        corpus_real=len(corpus[1]) - sum(corpus[1]),
        decision_spam=sum(row["spam"] for row in labelled),
        decision_real=sum(not row["spam"] for row in labelled),
        evaluation=evaluation,
        training_seconds=time.perf_counter() - started,
    )


def save(classifier, trigger, *, data=None, **fields):
    data = data or classifier.dumps()
    with transaction.atomic():
        latest = SpamFilterModel.objects.select_for_update().order_by("-version").first()
        row = SpamFilterModel.objects.create(
            version=(latest.version + 1) if latest else 1,
            trained_at=timezone.now(),
            trigger=trigger,
            model=data,
            digest=hashlib.sha256(data).hexdigest(),
            **fields,
        )
        stale = SpamFilterModel.objects.order_by("-version").values_list("pk", flat=True)
        SpamFilterModel.objects.filter(pk__in=list(stale[KEEP_VERSIONS + 1 :])).delete()
    return row


def save_first(classifier, corpus_labels, data=None):
    """Store the corpus-only model a fresh install starts with, unless another process has
    just stored one; returns the newest row."""
    try:
        with transaction.atomic():
            if not SpamFilterModel.objects.exists():
                return save(classifier, SpamFilterModel.Trigger.FIRST_USE, data=data,
                            corpus_spam=sum(corpus_labels),
                            corpus_real=len(corpus_labels) - sum(corpus_labels))  # fmt: skip
    except IntegrityError:
        pass  # two first posts at once: the other one's model is as good
    return SpamFilterModel.objects.latest_version()
