"""Which models a site file holds, in which order, and which it leaves out.

The walk is generic (``apps.get_models()``), so a model added to any app is exported with
no change here.  Left out are tables ``migrate`` fills by itself (content types and
permissions: rows refer to them by natural key instead, because their ids differ from one
database to the next) and tables that hold nothing worth moving: sessions, queued tasks,
sign-in lock-outs.  A project model opts out with a ``transfer_excluded`` attribute that
says why (core knows no app by name).
"""

from django.apps import apps

from core.singleton import CachedSingleton

# Referred to by natural key, never exported: migrate creates them in every database.
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission"}

EXCLUDED = {
    "contenttypes.contenttype": "made by migrate; rows name a content type by natural key",
    "auth.permission": "made by migrate; groups and users name permissions by natural key",
    "sessions.session": "sign-ins belong to the old site: everyone signs in again",
    "django_tasks_database.dbtaskresult": (
        "queued and finished background tasks: a restore must not send old emails again"
    ),
}
EXCLUDED_APPS = {"axes": "sign-in attempts and lock-outs, tied to the old server's addresses"}

# Rows that migrations create in a new database (the staff groups, the settings singletons):
# an "empty" database has them, and the file's rows replace them.
SEEDED_MODELS = {"auth.group"}


def label(model):
    return model._meta.label_lower


def exclusion_reason(model):
    """Why ``model`` is not exported, or None when it is."""
    meta = model._meta
    if not meta.managed or meta.proxy or meta.auto_created:
        return "not a table of its own"
    return (
        EXCLUDED.get(meta.label_lower)
        or EXCLUDED_APPS.get(meta.app_label)
        or getattr(model, "transfer_excluded", None)
    )


def is_seeded(model):
    return label(model) in SEEDED_MODELS or issubclass(model, CachedSingleton)


def exported_models():
    """Every exported model, each after the models its foreign keys point at (a model
    pointing at itself, as a reply at its parent, is fine: constraints are checked when
    the import commits)."""
    chosen = [model for model in apps.get_models() if exclusion_reason(model) is None]
    ordered, seen = [], set()

    def visit(model, path=()):
        if model in seen or model in path:
            return
        for field in model._meta.get_fields():
            target = field.related_model
            if field.concrete and target is not None and target in chosen:
                visit(target, (*path, model))
        seen.add(model)
        ordered.append(model)

    for model in chosen:
        visit(model)
    return ordered


def excluded_models():
    """{label: reason} for every table left out, for the README and ``--list``."""
    return {
        label(model): reason
        for model in apps.get_models()
        if (reason := exclusion_reason(model)) and reason != "not a table of its own"
    }


def natural_key_models():
    return {apps.get_model(name) for name in NATURAL_KEY_MODELS}


def through_models(models):
    """The many-to-many tables Django made for ``models`` (their sequences need a reset)."""
    return [
        field.remote_field.through
        for model in models
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    ]
