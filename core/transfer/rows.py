"""A row as JSON and back, with Django's own serializers.

Each row is what ``dumpdata`` writes for it (``{"model", "pk", "fields"}``), with two
differences that make a round trip exact:

- times keep their microseconds (Django's JSON encoder cuts them to milliseconds, so two
  comments posted in the same millisecond would swap places in a thread ordered by time);
- only content types and permissions are named by natural key (their ids differ from one
  database to another); every other relation keeps its primary key, so links, threads
  and history point at the same rows after a restore.
"""

import datetime
import json
from itertools import islice

from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Deserializer as PythonDeserializer
from django.core.serializers.python import Serializer as PythonSerializer

from . import selection

CHUNK = 100  # rows fetched and serialised at a time: the database cursor streams them


class Encoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()  # every digit, unlike DjangoJSONEncoder
        return super().default(o)


def dumps(value):
    return json.dumps(value, cls=Encoder, ensure_ascii=False, separators=(",", ":"))


class RowSerializer(PythonSerializer):
    """The python serializer, with natural keys only for the models migrate creates."""

    def __init__(self):
        super().__init__()
        self.natural = selection.natural_key_models()

    def handle_fk_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in self.natural
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj, field):
        self.use_natural_foreign_keys = field.related_model in self.natural
        super().handle_m2m_field(obj, field)


def queryset(model):
    """Every row of ``model`` in primary-key order, with what its serialisation reads
    fetched alongside (natural-key relations and many-to-many lists), never a query a row."""
    natural = selection.natural_key_models()
    rows = model._base_manager.order_by("pk")
    joined = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in natural
    ]
    if joined:
        rows = rows.select_related(*joined)
    for field in model._meta.local_many_to_many:
        if field.serialize and field.remote_field.through._meta.auto_created:
            rows = rows.prefetch_related(_m2m_prefetch(field, natural))
    return rows


def _m2m_prefetch(field, natural):
    from django.db.models import Prefetch

    related = field.related_model
    lookup = related._base_manager.all()
    if related in natural:  # a permission's natural key reads its content type
        keys = [f.name for f in related._meta.concrete_fields if f.many_to_one]
        lookup = lookup.select_related(*keys)
    return Prefetch(field.name, queryset=lookup)


def serialised_rows(model):
    """``model``'s rows as plain dicts, a chunk at a time (constant memory)."""
    serializer = RowSerializer()
    objects = queryset(model).iterator(chunk_size=CHUNK)
    while chunk := list(islice(objects, CHUNK)):
        yield from serializer.serialize(chunk)


def deserialised(rows):
    """Model instances (Django's DeserializedObject) for a stream of row dicts."""
    return PythonDeserializer(rows, handle_forward_references=False)
