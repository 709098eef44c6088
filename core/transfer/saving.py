"""Restored rows saved as ``loaddata`` saves them, a batch of a model's rows at a time.

Each row is saved ``raw``: no ``save()`` logic runs and values are stored as they are
(``auto_now`` times included); ``pre_save`` and ``post_save`` are sent with ``raw=True``,
which is what keeps derived data outside the tables in step (the SQLite search index, the
page cache).  Rows with many-to-many members (staff users, groups) are saved one by one, through
Django's own ``DeserializedObject.save``; the others are inserted a hundred at a time,
which is what Django's ``save_base`` does for a new row, without compiling one INSERT per
row (a third of an import's time on a comment-heavy site).
"""

from django.db import router
from django.db.models.signals import post_save, pre_save

BATCH = 100


class BatchSaver:
    def __init__(self, progress=None):
        self.batch = []
        self.recent = RecentRows()
        self.saved = 0
        self.progress = progress

    def add(self, row):
        """Queue a DeserializedObject; rows of another model flush the queue first."""
        instance = row.object
        if self.batch and type(self.batch[0]) is not type(instance):
            self.flush()
        self.recent.attach(instance)
        # A new row's empty many-to-many lists need nothing saved (most users have no
        # groups): only rows with members take the slow path.
        if any(row.m2m_data.values()) or row.deferred_fields or instance._meta.parents:
            self.flush()
            row.save(force_insert=True)
            self._saved([instance])
            return
        self.batch.append(instance)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self):
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        model = type(batch[0])
        using = router.db_for_write(model)
        for instance in batch:
            pre_save.send(sender=model, instance=instance, raw=True, using=using,
                          update_fields=None)  # fmt: skip
        fields = model._meta.local_concrete_fields
        model._base_manager.using(using)._insert(batch, fields=fields, using=using, raw=True)
        for instance in batch:
            instance._state.adding = False
            instance._state.db = using
            post_save.send(sender=model, instance=instance, created=True, update_fields=None,
                           raw=True, using=using)  # fmt: skip
        self._saved(batch)

    def _saved(self, instances):
        for instance in instances:
            self.recent.add(instance)
        before, self.saved = self.saved, self.saved + len(instances)
        if self.progress and before // 1000 != self.saved // 1000:
            self.progress(self.saved)


class RecentRows:
    """The last rows restored of each model, handed to the rows that point at them: the
    apps' receivers read a saved row's relations (a comment's article, to refresh its
    page), and without this each comment would fetch its article again.  Bounded, so
    memory stays flat whatever the site's size."""

    KEEP = 64

    def __init__(self):
        self.rows = {}  # model: {pk: instance}, oldest first
        self.relations = {}  # model: its foreign keys

    def attach(self, instance):
        model = type(instance)
        if model not in self.relations:
            self.relations[model] = [
                field for field in model._meta.concrete_fields if field.many_to_one
            ]
        for field in self.relations[model]:
            kept = self.rows.get(field.related_model)
            target = kept.get(getattr(instance, field.attname)) if kept else None
            if target is not None:
                field.set_cached_value(instance, target)

    def add(self, instance):
        kept = self.rows.setdefault(type(instance), {})
        kept[instance.pk] = instance
        if len(kept) > self.KEEP:
            del kept[next(iter(kept))]
