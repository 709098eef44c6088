"""Which trained model classifies a comment now.

Each process keeps the model it last loaded and asks the database, with one small query per
comment, whether a newer one has been stored (by the nightly command, the task after 20
decisions, or the admin's button), so every process picks up a retrained filter at once.

A fresh install has no model yet: the first comment trains one from the shipped corpus
(about a second, once per install, see README "Spam filter") and stores it.  If the stored
model cannot be used (the database is unreachable, or it was built by another version of
scikit-learn) the comment is classified by the corpus model instead, and a retraining is
queued for the stale case: a broken model must never lose or fail a reader's comment.
"""

import logging
import threading
from functools import cache

from django.db import transaction

from . import training
from .classifier import SpamClassifier, StaleModel
from .models import SpamFilterModel

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_loaded = {"digest": None, "classifier": None}


@cache
def _corpus():
    """The shipped corpus's samples and the model fitted on them alone (once a process)."""
    corpus = training.corpus_samples()
    return corpus, training.fit(corpus, [])


@cache
def _corpus_bytes():
    return corpus_classifier().dumps()


def corpus_classifier():
    return _corpus()[1]


def current():
    """The classifier for the next comment (never raises)."""
    try:
        with transaction.atomic():
            return _from_database()
    except Exception:
        logger.warning("Stored spam filter unavailable; using the shipped corpus's model",
                       exc_info=True)  # fmt: skip
        return corpus_classifier()


def _from_database():
    latest = SpamFilterModel.objects.order_by("-version").values_list("pk", "digest").first()
    if latest is None:
        (_samples, labels), classifier = _corpus()
        row = training.save_first(classifier, labels, _corpus_bytes())
        if row.trigger != row.Trigger.FIRST_USE:
            return _load(row.pk, row.digest)
        _remember(row.digest, classifier)
        return classifier
    pk, digest = latest
    if digest == _loaded["digest"] and _loaded["classifier"] is not None:
        return _loaded["classifier"]
    return _load(pk, digest)


def _load(pk, digest):
    data = SpamFilterModel.objects.values_list("model", flat=True).get(pk=pk)
    try:
        classifier = SpamClassifier.loads(data)
    except StaleModel:
        logger.warning("Spam filter v%s was built by other software; retraining", pk)
        from .tasks import retrain_spam_filter

        transaction.on_commit(
            lambda: retrain_spam_filter.enqueue(SpamFilterModel.Trigger.STALE), robust=True
        )
        classifier = corpus_classifier()  # remembered under this digest: queued only once
    _remember(digest, classifier)
    return classifier


def _remember(digest, classifier):
    with _lock:
        _loaded["digest"] = digest
        _loaded["classifier"] = classifier


def forget():
    """Drop the model this process holds (tests; a retrain in this process)."""
    _remember(None, None)
