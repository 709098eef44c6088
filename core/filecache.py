"""The file cache the workers of one machine share without Redis: Django's, compressing at
zlib's fastest level.  A page is written on a reader's request, the first after a change,
and the default level takes several times as long on a long thread for little disk."""

import pickle
import zlib

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), 1))
