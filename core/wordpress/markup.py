"""WordPress's post markup (classic HTML, shortcodes and block comments) to the Markdown a
Pulse article is written in.  markdownify does the HTML; this module does what is WordPress's
own: the block comments, paragraphs made from blank lines (wpautop), ``[caption]`` around an
image, and everything Pulse cannot show, kept as readable text and noted for the report.

Images are resolved through a callback, so that this module knows nothing of where the
importer keeps them: it returns a Markdown source ("image:42") or None."""

import html
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from markdownify import ATX, MarkdownConverter

BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9_/-]+)(?:\s+(\{.*?\}))?\s*(/?)-->", re.DOTALL)
# Blocks whose HTML says everything (their comment is only the editor's bookkeeping).
PLAIN_BLOCKS = {
    "paragraph", "heading", "list", "list-item", "quote", "code", "preformatted", "table",
    "image", "separator", "spacer", "group", "columns", "column", "html", "freeform",
    "verse", "pullquote", "details", "footnotes", "text-columns", "missing",
}  # fmt: skip
# Blocks whose wrapper means nothing on a Pulse page and that leave nothing: dropped, noted.
MARKER_BLOCKS = {"more", "nextpage"}
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z][\w-]*)((?:\s[^\]]*)?)\]")
# WordPress's own shortcodes and the commonest plugins': a bracketed word that is none of
# them ("[The]", "[1]") is prose, not a shortcode.
SHORTCODES = {
    "audio", "caption", "embed", "gallery", "playlist", "video", "wp_caption", "code",
    "sourcecode", "archives", "contact-form", "contact-form-7", "googlemaps", "instagram",
    "latex", "polldaddy", "recipe", "slideshow", "soundcloud", "tweet", "twitter", "vimeo",
    "wpvideo", "youtube",
}  # fmt: skip
CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.DOTALL | re.IGNORECASE)
CAPTION_ATTRIBUTE = re.compile(r"""caption=(?:"([^"]*)"|'([^']*)')""")
BLOCK_TAG = re.compile(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre|figure|hr|dl|"
    r"dd|dt|address|section|article|aside|header|footer|form|fieldset|iframe|video|audio|"
    r"object|embed|style|script|select|option|!--)[\s>/]",
    re.IGNORECASE,
)
PRE_BLOCK = re.compile(r"<pre[\s>].*?</pre>", re.DOTALL | re.IGNORECASE)


@dataclass
class Converted:
    markdown: str
    notes: list[str] = field(default_factory=list)  # what could not be represented
    images: list[str] = field(default_factory=list)  # image URLs the body showed


def plain_title(value):
    """A title as readers should see it: tags removed, entities decoded (twice escaped
    ``&amp;amp;`` too, as WordPress's editor writes them), spacing tidied."""
    text = re.sub(r"<[^>]*>", "", value or "")
    for _ in range(2):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return " ".join(text.split(" ")).strip(" \t\r\n")


def autop(text):
    """WordPress's wpautop in short: a blank line separates paragraphs and a single line
    break is a <br>, outside the HTML blocks (and <pre>) an author wrote."""
    kept = {}

    def keep(match):
        kept[f"\x00{len(kept)}\x00"] = match.group(0)
        return f"\x00{len(kept) - 1}\x00"

    text = PRE_BLOCK.sub(keep, text.replace("\r\n", "\n"))
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        if not chunk.strip():
            continue
        if BLOCK_TAG.match(chunk) or chunk.strip().startswith("\x00"):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.strip().replace("\n", "<br />\n") + "</p>")
    joined = "\n\n".join(chunks)
    for marker, block in kept.items():
        joined = joined.replace(marker, block)
    return joined


class _Converter(MarkdownConverter):
    """markdownify, told about Pulse's Markdown: indented code (Pulse has no fenced code),
    pictures through the importer's callback, captions kept with their picture."""

    def __init__(self, image_for, result, **options):
        self.image_for = image_for
        self.result = result
        super().__init__(**options)

    def picture(self, el, caption=""):
        alt = " ".join((el.attrs.get("alt") or "").split())
        src = el.attrs.get("src") or ""
        if not src:
            return ""
        self.result.images.append(src)
        reference = self.image_for(src, alt) if self.image_for else None
        caption = " ".join(caption.split())
        if reference:
            escaped = caption.replace('"', r"\"")
            title = f' "{escaped}"' if caption else ""
            return f"![{alt}]({reference}{title})"
        label = alt or caption or src.rsplit("/", 1)[-1]
        if caption and caption != label:
            label = f"{label} — {caption}"
        return f"[Image: {label}]({src})"

    def convert_img(self, el, text, parent_tags):
        return self.picture(el)

    def escape(self, text, parent_tags):
        # A "<" in the text (written &lt; in the HTML) must stay text: bare, Markdown would
        # read it as raw HTML and the sanitiser would drop it.
        return super().escape(text, parent_tags).replace("<", "&lt;")

    def convert_figure(self, el, text, parent_tags):
        images = el.find_all("img")
        caption_el = el.find("figcaption")
        if len(images) == 1 and caption_el is not None:
            caption = caption_el.get_text(" ")
            return "\n\n" + self.picture(images[0], caption) + "\n\n"
        return "\n\n" + text.strip() + "\n\n"

    def convert_figcaption(self, el, text, parent_tags):
        return "\n\n" + text.strip() + "\n\n"

    def convert_pre(self, el, text, parent_tags):
        if not text:
            return ""
        lines = text.strip("\n").split("\n")
        return "\n\n" + "\n".join("    " + line for line in lines) + "\n\n"

    def convert_iframe(self, el, text, parent_tags):
        src = el.attrs.get("src") or ""
        self.result.notes.append(f"embedded frame kept as a link: {src}")
        return f"\n\n[Embedded content]({src})\n\n" if src else ""

    def convert_audio(self, el, text, parent_tags):
        return self._media_link(el, "Audio")

    def convert_video(self, el, text, parent_tags):
        return self._media_link(el, "Video")

    def _media_link(self, el, label):
        src = el.attrs.get("src") or ""
        if not src:
            source = el.find("source", attrs={"src": True})
            src = source.attrs["src"] if source else ""
        if not src:
            return ""
        self.result.notes.append(f"{label.lower()} kept as a link: {src}")
        return f"\n\n[{label}]({src})\n\n"


def _blocks(content, result):
    """Block comments out; what Pulse cannot show stays as a readable line and is noted."""

    def replace(match):
        closing, name, _attributes, self_closing = match.groups()
        short = name.removeprefix("core/")
        if closing or short in PLAIN_BLOCKS:
            return ""
        if short in MARKER_BLOCKS:
            result.notes.append(f"block “{short}” dropped (no such break on a Pulse page)")
            return ""
        result.notes.append(f"block “{name}” kept as text")
        if self_closing:
            return f"\n\n<p>[WordPress block: {short.replace('-', ' ')}]</p>\n\n"
        return ""

    return BLOCK_COMMENT.sub(replace, content)


def _captions(content):
    """``[caption]<img …> Words[/caption]`` → a <figure> with a <figcaption>."""

    def replace(match):
        attributes, inner = match.group(2), match.group(3)
        image = re.search(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", inner, re.IGNORECASE)
        if image is None:
            return match.group(0)
        words = (inner[: image.start()] + inner[image.end() :]).strip()
        if not words:
            quoted = CAPTION_ATTRIBUTE.search(attributes)
            words = (quoted.group(1) or quoted.group(2)) if quoted else ""
        img = re.search(r"<img\b[^>]*>", image.group(0), re.IGNORECASE).group(0)
        return f"<figure>{img}<figcaption>{words}</figcaption></figure>"

    return CAPTION.sub(replace, content)


def _shortcodes(markdown, result):
    for match in SHORTCODE.finditer(markdown):
        closing, name = match.group(1), match.group(2)
        if not closing and name.lower() in SHORTCODES:
            note = f"shortcode [{name}] kept as text"
            if note not in result.notes:
                result.notes.append(note)


def to_markdown(content, image_for=None):
    """Convert a post's ``content:encoded``; returns the Markdown, the notes for the report
    and the image URLs the body showed."""
    result = Converted(markdown="")
    # "<![CDATA[" inside a post is text its author wrote (an XML export's CDATA is undone
    # already); an HTML parser would hide it as a comment.
    content = (content or "").replace("<![CDATA[", "&lt;![CDATA[")
    has_blocks = "<!-- wp:" in content
    content = _blocks(content, result)
    content = _captions(content)
    if not has_blocks:
        content = autop(content)
    converter = _Converter(
        image_for,
        result,
        heading_style=ATX,
        bullets="-",
        table_infer_header=True,
        escape_misc=False,
        strip=["script", "style", "form", "input", "button", "select", "textarea"],
    )
    markdown = converter.convert(content)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    _shortcodes(markdown, result)
    result.markdown = markdown
    return result


def comment_text(content):
    """A WordPress comment (HTML WordPress allowed readers: links, emphasis, paragraphs) as
    the plain text Pulse's comments are stored in; links keep their address in brackets."""
    content = (content or "").strip(" \t\r\n")
    if "<" not in content and "&" not in content:
        return content
    soup = BeautifulSoup(content, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.insert_after("\n\n")
    for link in soup.find_all("a"):
        href = link.get("href") or ""
        words = link.get_text()
        if href and href not in words:
            link.replace_with(f"{words} ({href})" if words.strip() else href)
    return re.sub(r"\n{3,}", "\n\n", soup.get_text()).strip(" \t\r\n")
