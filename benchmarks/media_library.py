"""Media library benchmark: how long adding a picture takes (checks, fingerprint and every
rendition, made once on upload) at a few sizes, and what a body's pictures cost when it is
rendered on save (one query for all of them) and when the article page is served (nothing:
the figures are in the stored HTML).

Figures are printed, never asserted: this is not a test.  Runs on a throwaway SQLite file
and media folder with the test settings; each figure is the median of --runs runs.
Usage: .venv/bin/python benchmarks/media_library.py [--runs 5]
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/media.sqlite3"
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = str(workdir / "media")
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def photo(size, shade):
    """A JPEG with detail (a gradient and noise), as a camera's picture compresses."""
    from PIL import Image

    picture = Image.effect_noise(size, 24).convert("RGB")
    picture = Image.blend(picture, Image.new("RGB", size, (shade % 256, 120, 90)), 0.5)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


def median_ms(samples):
    return f"{statistics.median(samples) * 1000:,.0f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pulse-media-bench-") as folder:
        setup_django(Path(folder))
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from articles.figures import figures_for
        from articles.media import add_image
        from articles.rendering import render_markdown

        print(f"load average {os.getloadavg()[0]:.2f}; median of {args.runs} runs")
        shade = 0
        images = []
        for size in ((1600, 900), (3000, 2000), (4000, 3000)):
            samples = []
            for _ in range(args.runs):
                shade += 1
                data = photo(size, shade)
                upload = SimpleUploadedFile(f"p{shade}.jpg", data, content_type="image/jpeg")
                started = time.perf_counter()
                images.append(add_image(upload, alt_text=f"Picture {shade}"))
                samples.append(time.perf_counter() - started)
            print(f"add_image {size[0]}×{size[1]} JPEG ({len(data) // 1024:,} KB): "
                  f"{median_ms(samples)}")  # fmt: skip
        for count in (0, 1, 10):
            body = "\n\n".join(
                ["Some text about sleep."] * 20
                + [f"![Picture](image:{image.pk})" for image in images[:count]]
            )
            render, queries = [], []
            for _ in range(args.runs):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    render_markdown(body, images=figures_for(body))
                render.append(time.perf_counter() - started)
                queries.append(len(captured))
            print(f"render a body with {count:>2} pictures: {median_ms(render)}, "
                  f"{max(queries)} quer{'y' if max(queries) == 1 else 'ies'}")  # fmt: skip


if __name__ == "__main__":
    main()
