"""When the disk (or quota) for uploads is full, say so in words instead of a bare 500.

Saving a file happens inside the model save, so the admin's transaction is rolled back with
it: nothing that was already saved changes, and the page says the upload was not kept."""

import errno
import logging

from django.shortcuts import render

logger = logging.getLogger("pulse.storage")
FULL = {errno.ENOSPC, errno.EDQUOT}


class StorageFullMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OSError) and exception.errno in FULL:
            logger.error("upload storage is full: %s %s", request.method, request.path)
            return render(request, "storage_full.html", status=507)
        return None
