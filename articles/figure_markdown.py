"""Pictures of the media library in Markdown, for articles/rendering.py: every picture
Markdown makes (``![alt](src "title")``, reference style included) becomes a <figure> with
a <picture> of the library image's renditions when its source is ``image:ID``, and is left
out (noted for the editor) otherwise.  No database here: the figures' data is handed in
(articles/figures.py), so that this runs in the renderer's child process too."""

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.util import AtomicString

# How wide a body figure is shown: the article column (46rem), or the whole small screen.
FIGURE_SIZES = "(min-width: 46rem) 46rem, 100vw"
LIBRARY_SOURCE_RE = re.compile(r"^image:(\d{1,10})$")

# Elements a figure may sit in directly; from any other (a paragraph, a heading, a link) it
# is moved out, as HTML allows no <figure> there.
FLOW_CONTAINERS = {"div", "li", "td", "th", "blockquote", "dd"}


def _parent(root, element):
    return next(parent for parent in root.iter() if element in list(parent))


def _detach(root, element):
    """Take ``element`` out of the tree, leaving its tail text where it was; returns its
    former parent and the position it had."""
    parent = _parent(root, element)
    index = list(parent).index(element)
    if element.tail:
        if index:
            previous = parent[index - 1]
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
        element.tail = None
    parent.remove(element)
    return parent, index


def _is_empty(element):
    return not (element.text or "").strip() and not len(element)


class _LibraryFigures(markdown.treeprocessors.Treeprocessor):
    """Every picture Markdown made (``![alt](src "title")``, reference style included):
    an ``image:ID`` of the library becomes a <figure>; anything else is left out and noted
    for the editor.  Runs after the inline patterns made the <img> elements."""

    def __init__(self, md, images):
        super().__init__(md)
        self.images = images

    def run(self, root):
        for img in list(root.iter("img")):
            src = img.get("src", "")
            found = LIBRARY_SOURCE_RE.match(src)
            data = self.images.get(found.group(1)) if found else None
            if data is None:
                code = "unknown_image" if found else "external_image"
                problem = {"code": code, "src": src, "alt": img.get("alt", "")}
                self.md.pulse_problems.append(problem)
                parent, _index = _detach(root, img)
                if parent.tag == "p" and _is_empty(parent):
                    _parent(root, parent).remove(parent)
                continue
            figure = self.figure(img, data)
            parent = _parent(root, img)
            parent.insert(list(parent).index(img), figure)
            figure.tail, img.tail = img.tail, None
            parent.remove(img)
            self.move_to_flow(root, figure)
            self.md.pulse_images.append(int(found.group(1)))

    def figure(self, img, data):
        figure = etree.Element("figure", {"class": "body-figure"})
        picture = etree.SubElement(figure, "picture")
        etree.SubElement(
            picture,
            "source",
            {"type": "image/webp", "srcset": data["webp_srcset"], "sizes": FIGURE_SIZES},
        )
        alt = " ".join((img.get("alt") or "").split()) or data["alt"]
        etree.SubElement(
            picture,
            "img",
            {
                "src": data["src"],
                "srcset": data["jpeg_srcset"],
                "sizes": FIGURE_SIZES,
                "alt": alt,
                "width": str(data["width"]),
                "height": str(data["height"]),
                "loading": "lazy",
                "decoding": "async",
            },
        )
        self.md.pulse_image_urls.update((data["src"], data["webp_srcset"], data["jpeg_srcset"]))
        caption = (img.get("title") or "").strip() or data["caption"]
        if caption or data["credit"]:
            figcaption = etree.SubElement(figure, "figcaption")
            spacer = " " if caption and data["credit"] else ""
            figcaption.text = AtomicString(caption + spacer)
            if data["credit"]:
                credit = etree.SubElement(figcaption, "small", {"class": "figure-credit"})
                credit.text = AtomicString(data["credit"])
        return figure

    def move_to_flow(self, root, figure):
        """A figure in a paragraph splits it in two around itself; in a heading or a link
        it moves to just after that element."""
        parent = _parent(root, figure)
        while parent.tag not in FLOW_CONTAINERS:
            grandparent = _parent(root, parent)
            at = list(grandparent).index(parent) + 1
            if parent.tag == "p":
                rest = etree.Element("p")
                index = list(parent).index(figure)
                rest.text = figure.tail
                for later in list(parent)[index + 1 :]:
                    parent.remove(later)
                    rest.append(later)
                figure.tail = None
                parent.remove(figure)
                grandparent.insert(at, figure)
                if not _is_empty(rest):
                    grandparent.insert(at + 1, rest)
                if _is_empty(parent):
                    grandparent.remove(parent)
            else:
                _detach(root, figure)
                grandparent.insert(at, figure)
            parent = grandparent


class LibraryFiguresExtension(markdown.extensions.Extension):
    def __init__(self, images):
        self.images = images
        super().__init__()

    def extendMarkdown(self, md):
        # After the inline patterns (20) made the <img> elements, before the toc (5).
        md.treeprocessors.register(_LibraryFigures(md, self.images), "pulse_figures", 15)


# A raw HTML tag that would show a picture (pictures come only from the library).
RAW_PICTURE_RE = re.compile(r"<\s*/?\s*(?:img|picture|source)\b[^>]*>?", re.IGNORECASE)


def without_raw_pictures(block):
    """``block`` with every picture tag taken out, again until none is left (so that
    taking one out cannot join the halves of another)."""
    while True:
        stripped = RAW_PICTURE_RE.sub("", block)
        if stripped == block:
            return block
        block = stripped
