"""The comments admin, one module per screen:

- ``queue``: the moderator's desk (the comment changelist and a comment's change page);
- ``row_actions``: the queue's per-row Approve / Spam / Reject / Reply / Undo;
- ``tools``: the moderation dashboard and the commenter-data tool (export, erase);
- ``discussion``: the site-wide discussion settings;
- ``wordpress_import``: importing a WordPress export (upload, dry run, confirm, progress).
"""

from ..spam import admin as spam_admin  # noqa: F401  (the "Spam filter" page)
from . import discussion, queue, tools, wordpress_import  # noqa: F401  (importing registers the admins)
