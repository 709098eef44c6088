"""{% picture %}: a cover as <picture>, WebP renditions with a JPEG fallback at several
widths.  A tag rather than an include: the article page shows four covers, and an include
costs a context push and a template walk for each."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

PICTURE_HTML = (
    '<picture><source type="image/webp" srcset="{webp}" sizes="{sizes}">'
    '<img class="{css_class}" src="{src}" srcset="{jpeg}" sizes="{sizes}" alt="{alt}"'
    ' width="{width}" height="{height}" {loading} decoding="async"></picture>'
)
EAGER = mark_safe('fetchpriority="high"')  # constant HTML
LAZY = mark_safe('loading="lazy"')  # constant HTML


@register.simple_tag
def picture(picture, *, alt, sizes, css_class="", eager=False):
    """``picture`` is an articles.images.Picture; ``eager`` for the one above the fold."""
    return format_html(
        PICTURE_HTML,
        webp=picture.webp_srcset,
        jpeg=picture.jpeg_srcset,
        src=picture.src,
        width=picture.width,
        height=picture.height,
        sizes=sizes,
        css_class=css_class,
        alt=alt,
        loading=EAGER if eager else LAZY,
    )
