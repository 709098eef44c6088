"""``{% shared_fragment "name" value ... %}…{% endshared_fragment %}``: the enclosed part
of an anonymous reader's page, kept under the site's generation and the values given
(core/fragments.py).  Give every value the part shows that is not site content."""

from django import template
from django.utils.safestring import mark_safe

from core import fragments

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name = name
        self.parts = parts
        self.nodelist = nodelist

    def render(self, context):
        parts = tuple(part.resolve(context) for part in self.parts)
        html = fragments.cached(
            context.get("request"), self.name.resolve(context), parts,
            lambda: self.nodelist.render(context),
        )  # fmt: skip
        return mark_safe(html)


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name, *parts = (parser.compile_filter(bit) for bit in bits[1:])
    return SharedFragmentNode(name, parts, nodelist)
