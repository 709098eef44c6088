"""Renditions: each cover shape at several widths, and the widths a body figure is offered
at, in WebP and a JPEG fallback, so that templates can offer a <picture> with srcset and let
the browser pick.

The renditions are django-imagekit ImageSpecFields (on Article for uploaded covers, on the
library's Image for its pictures), made when the source is saved (the Optimistic cache
strategy in settings), so rendering a page never touches the disk.
"""

from dataclasses import dataclass

from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

from core import renditions

# shape → (width, height) of each rendition, smallest first; the last is the <img> fallback.
COVER_SHAPES = {
    "card": [(320, 180), (640, 360)],
    "wide": [(480, 252), (800, 420), (1200, 630)],
}
# A body figure keeps its proportions; it is at most this wide (the article column is 46rem,
# so 1,200 pixels serves it on screens of twice the density).
BODY_WIDTHS = [480, 800, 1200]
FORMATS = {"webp": ("WEBP", 80), "jpeg": ("JPEG", 82)}
# The cover in the three shapes Google's Article guidelines ask structured data for (16:9,
# 4:3 and 1:1, at least 50,000 pixels), JPEG only: for search engines, never for a page.
SCHEMA_SHAPES = {"16x9": (1200, 675), "4x3": (1200, 900), "1x1": (1200, 1200)}


class WhenChosenAsCover:
    """imagekit strategy for the library's cover shapes: nothing on upload (most pictures are
    never a cover, and ten renditions would more than double an upload's time), made by
    make_cover_renditions when an article chooses the picture; like Optimistic, a page
    never asks the disk whether they exist."""

    def should_verify_existence(self, file):
        return False


def _spec(source, processor, image_format, strategy=None):
    kind, quality = FORMATS[image_format]
    return ImageSpecField(
        source=source,
        processors=[processor],
        format=kind,
        options={"quality": quality, "optimize": True} if kind == "JPEG" else {"quality": quality},
        cachefile_strategy=strategy,
    )


def cover_rendition(width, height, image_format, source="cover_image", strategy=None):
    return _spec(source, ResizeToFill(width, height), image_format, strategy)


def rendition_name(shape, width, image_format):
    return f"cover_{shape}_{width}_{image_format}"


def body_rendition_name(width, image_format):
    return f"body_{width}_{image_format}"


def schema_rendition_name(shape):
    return f"cover_schema_{shape}"


def cover_renditions(source="cover_image", strategy=None):
    """Every cover rendition as {attribute name: ImageSpecField}, for a model's class body
    (the uploaded cover's Article, the library's Image)."""
    fields = {
        rendition_name(shape, width, image_format): cover_rendition(
            width, height, image_format, source, strategy
        )
        for shape, sizes in COVER_SHAPES.items()
        for width, height in sizes
        for image_format in FORMATS
    }
    for shape, (width, height) in SCHEMA_SHAPES.items():
        fields[schema_rendition_name(shape)] = cover_rendition(
            width, height, "jpeg", source, strategy
        )
    return fields


def make_cover_renditions(image):
    """Make a library picture's cover shapes (those not made yet), when it becomes a cover."""
    for shape, sizes in COVER_SHAPES.items():
        for width, _height in sizes:
            for image_format in FORMATS:
                getattr(image, rendition_name(shape, width, image_format)).generate()
    for shape in SCHEMA_SHAPES:
        getattr(image, schema_rendition_name(shape)).generate()


def body_renditions(source="file"):
    """The body figure's renditions (never enlarged), for the library's Image."""
    return {
        body_rendition_name(width, image_format): _spec(
            source, ResizeToFit(width, upscale=False), image_format
        )
        for width in BODY_WIDTHS
        for image_format in FORMATS
    }


@dataclass
class Picture:
    """What the {% picture %} tag (and a body figure) needs for one shape."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    width: int
    height: int


def picture(article, shape):
    """The <picture> data for one shape of an article's cover, uploaded or from the library
    (worked out once per file: core/renditions.py)."""
    holder, file = cover_source(article)
    return renditions.kept((file.name, shape), lambda: _build_picture(holder, shape))


def cover_source(article):
    """(the object holding the cover's renditions, the cover's file): the library image an
    editor chose, else the uploaded cover."""
    if article.cover_library_image_id:
        image = article.cover_library_image
        return image, image.file
    return article, article.cover_image


def share_image_url(article):
    """The cover's largest JPEG, for social cards and JSON-LD (kept like picture())."""
    return picture(article, "wide").src


def schema_image_urls(article):
    """The cover at 16:9, 4:3 and 1:1, for the article's JSON-LD (kept like picture())."""
    holder, file = cover_source(article)
    return renditions.kept(
        (file.name, "schema"),
        lambda: [getattr(holder, schema_rendition_name(shape)).url for shape in SCHEMA_SHAPES],
    )


def _build_picture(holder, shape):
    sizes = COVER_SHAPES[shape]

    def srcset(image_format):
        return ", ".join(
            f"{getattr(holder, rendition_name(shape, width, image_format)).url} {width}w"
            for width, _height in sizes
        )

    width, height = sizes[-1]
    return Picture(
        webp_srcset=srcset("webp"),
        jpeg_srcset=srcset("jpeg"),
        src=getattr(holder, rendition_name(shape, width, "jpeg")).url,
        width=width,
        height=height,
    )


def body_picture(image):
    """The <picture> data of a library image shown in a body: the widths it has (never
    enlarged), with the largest as the fallback and its true height."""
    return renditions.kept((image.file.name, "body"), lambda: _build_body_picture(image))


def _build_body_picture(image):
    widths = sorted({min(width, image.width) for width in BODY_WIDTHS})
    # The rendition at each offered width: the smallest spec that is at least that wide.
    specs = [next(spec for spec in BODY_WIDTHS if spec >= width) for width in widths]

    def srcset(image_format):
        return ", ".join(
            f"{getattr(image, body_rendition_name(spec, image_format)).url} {width}w"
            for spec, width in zip(specs, widths, strict=True)
        )

    width = widths[-1]
    return Picture(
        webp_srcset=srcset("webp"),
        jpeg_srcset=srcset("jpeg"),
        src=getattr(image, body_rendition_name(specs[-1], "jpeg")).url,
        width=width,
        height=max(1, round(image.height * width / image.width)),
    )
