"""Wagtail's `update_index` with a progress bar per model.

The rebuild itself is Wagtail's: with an engine and `ATOMIC_REBUILD` (on in our settings) each
index is filled under a new name beside the one in use, then the alias is moved to it and the old
index deleted, so searches keep their answers throughout. Wagtail prints a dot per chunk; this
prints how far each model is, how fast and how long it has left (redrawn in place on a terminal,
a line per tenth in a log).
"""

import time

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndex

from portal.page_cache import index_changed
from search.progress import progress_line


class Command(WagtailUpdateIndex):
    help = "Rebuild the search indexes (atomically with an engine), with a progress bar."

    def update_backend(self, backend_name, *args, **kwargs):
        self.backend_name = backend_name
        super().update_backend(backend_name, *args, **kwargs)
        index_changed()  # the alias now names the new index: searches cached before are stale

    def queryset_chunks(self, qs, *args, **kwargs):
        self.progress_total = qs.count()
        # As Wagtail labels the model before its dots.
        self.progress_label = f"{self.backend_name}: {qs.model._meta.label} ".ljust(35)
        yield from super().queryset_chunks(qs, *args, **kwargs)

    def print_iter_progress(self, iterable):
        started = time.monotonic()
        done, tenths_shown = 0, 0
        interactive = self.stdout.isatty()
        for chunk in iterable:
            yield chunk
            done += len(chunk)
            line = progress_line(done, self.progress_total, time.monotonic() - started)
            tenths = done * 10 // max(self.progress_total, 1)
            if interactive:
                self.write(f"\r{self.progress_label}{line}", ending="")
            elif tenths > tenths_shown or done == self.progress_total:
                self.write(f"\n{self.progress_label}{line}", ending="")
            tenths_shown = tenths
            self.stdout.flush()
