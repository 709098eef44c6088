"""What the renderer needs to show the library's pictures in a body: the figure data of
every ``image:ID`` the Markdown names, read in one query however many pictures there are
(articles/rendering.py needs no database, so it can run in a child process)."""

import re

from .library import Image

# Over-inclusive on purpose (an id in a code span is fetched too): the renderer decides.
IMAGE_ID_RE = re.compile(r"(?:\(|\]:)\s*<?image:(\d{1,10})\b")
FIGURE_FIELDS = ("file", "alt_text", "caption", "credit", "width", "height")


def image_ids(source):
    return sorted({int(number) for number in IMAGE_ID_RE.findall(source or "")})


def figures_for(source):
    """{id as a string: figure data} for the library images ``source`` refers to."""
    ids = image_ids(source)
    if not ids:
        return {}
    return {
        str(image.pk): figure_data(image)
        for image in Image.objects.filter(pk__in=ids).only(*FIGURE_FIELDS)
    }


def figure_data(image):
    picture = image.body_picture
    return {
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "webp_srcset": picture.webp_srcset,
        "jpeg_srcset": picture.jpeg_srcset,
        "src": picture.src,
        "width": picture.width,
        "height": picture.height,
    }
