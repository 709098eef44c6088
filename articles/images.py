"""Cover image renditions: each shape at several widths, in WebP and a JPEG fallback, so that
templates can offer a <picture> with srcset and let the browser pick.

The renditions are django-imagekit ImageSpecFields on Article, made when the cover is saved
(the Optimistic cache strategy in settings), so rendering a page never touches the disk.
"""

from dataclasses import dataclass

from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill

from core import renditions

# shape → (width, height) of each rendition, smallest first; the last is the <img> fallback.
COVER_SHAPES = {
    "card": [(320, 180), (640, 360)],
    "wide": [(480, 252), (800, 420), (1200, 630)],
}
FORMATS = {"webp": ("WEBP", 80), "jpeg": ("JPEG", 82)}
# The cover in the three shapes Google's Article guidelines ask structured data for (16:9,
# 4:3 and 1:1, at least 50,000 pixels), JPEG only: for search engines, never for a page.
SCHEMA_SHAPES = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}


def cover_rendition(width, height, image_format):
    kind, quality = FORMATS[image_format]
    return ImageSpecField(
        source="cover_image",
        processors=[ResizeToFill(width, height)],
        format=kind,
        options={"quality": quality, "optimize": True} if kind == "JPEG" else {"quality": quality},
    )


def rendition_name(shape, width, image_format):
    return f"cover_{shape}_{width}_{image_format}"


def schema_rendition_name(shape):
    return f"cover_schema_{shape}"


def cover_renditions():
    """Every rendition as {attribute name: ImageSpecField}, for the Article class body."""
    fields = {
        rendition_name(shape, width, image_format): cover_rendition(width, height, image_format)
        for shape, sizes in COVER_SHAPES.items()
        for width, height in sizes
        for image_format in FORMATS
    }
    for shape, (width, height) in SCHEMA_SHAPES.items():
        fields[schema_rendition_name(shape)] = cover_rendition(width, height, "jpeg")
    return fields


@dataclass
class Picture:
    """What templates/includes/picture.html needs for one cover shape."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int


def picture(article, shape):
    """The <picture> data for one shape of an article's cover (worked out once per file:
    authors/renditions.py)."""
    return renditions.kept(
        (article.cover_image.name, shape), lambda: _build_picture(article, shape)
    )


def share_image_url(article):
    """The cover's largest JPEG, for social cards and JSON-LD (kept like picture())."""
    return picture(article, "wide").src


def schema_image_urls(article):
    """The cover at 16:9, 4:3 and 1:1, for the article's JSON-LD (kept like picture())."""
    return renditions.kept(
        (article.cover_image.name, "schema"),
        lambda: [getattr(article, schema_rendition_name(shape)).url for shape in SCHEMA_SHAPES],
    )


def _build_picture(article, shape):
    sizes = COVER_SHAPES[shape]

    def srcset(image_format):
        return ", ".join(
            f"{getattr(article, rendition_name(shape, width, image_format)).url} {width}w"
            for width, _height in sizes
        )

    width, height = sizes[-1]
    return Picture(
        webp_srcset=srcset("webp"),
        jpeg_srcset=srcset("jpeg"),
        src=getattr(article, rendition_name(shape, width, "jpeg")).url,
        width=width,
        height=height,
    )
