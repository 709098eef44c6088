"""The spam filter that learns from Pulse's own moderators (issue 12).

``normalise`` undoes the tricks spammers use to hide words and links, ``features`` turns a
comment into hashed features, ``classifier`` wraps the scikit-learn model, ``training``
builds it from the shipped corpus and the moderators' decisions, and ``store`` keeps the
current model in the database and in memory.  ``comments/checks.py`` is the one caller at
posting time.
"""
