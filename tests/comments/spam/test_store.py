"""Where the model lives: a fresh install trains one on first use and stores it; every
process picks up a newer one; a model it cannot use never fails a reader's comment."""

import pickle
import zlib

from comments.spam import store, training
from comments.spam.models import SpamFilterModel


def test_first_use_trains_from_the_shipped_corpus_and_stores_it(db):
    assert not SpamFilterModel.objects.exists()
    store.current()
    row = SpamFilterModel.objects.get()
    assert (row.version, row.trigger) == (1, SpamFilterModel.Trigger.FIRST_USE)
    assert row.corpus_spam > 400 and row.corpus_real > 400
    store.current()
    assert SpamFilterModel.objects.count() == 1


def test_a_newer_model_is_picked_up(decide):
    first = store.current()
    decide(["Buy cheap pills at pills.example"], "spam")
    training.train(SpamFilterModel.Trigger.COMMAND)  # as another process would
    assert store.current() is not first
    assert store.current() is store.current()


def test_the_same_training_data_gives_the_same_model(db):
    first = training.train(SpamFilterModel.Trigger.COMMAND)
    second = training.train(SpamFilterModel.Trigger.COMMAND)
    assert first.digest == second.digest


def test_a_model_from_other_software_is_replaced(db, django_capture_on_commit_callbacks):
    store.current()
    payload = pickle.loads(zlib.decompress(SpamFilterModel.objects.get().model))
    payload["sklearn"] = "0.1"
    stale = zlib.compress(pickle.dumps(payload))
    SpamFilterModel.objects.update(model=stale, digest="stale")
    store.forget()
    with django_capture_on_commit_callbacks(execute=True):
        classifier = store.current()
    assert classifier is store.corpus_classifier()
    assert SpamFilterModel.objects.latest_version().trigger == SpamFilterModel.Trigger.STALE


def test_unreadable_bytes_fall_back_to_the_corpus_model(db):
    store.current()
    SpamFilterModel.objects.update(model=b"not a model", digest="broken")
    store.forget()
    assert store.current() is store.corpus_classifier()


def test_old_versions_are_pruned(db):
    for _ in range(training.KEEP_VERSIONS + 3):
        training.save(store.corpus_classifier(), SpamFilterModel.Trigger.COMMAND)
    assert SpamFilterModel.objects.count() == training.KEEP_VERSIONS + 1
    assert SpamFilterModel.objects.latest_version().version == training.KEEP_VERSIONS + 3
