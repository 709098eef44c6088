"""An editor writes an article with a table and a cover image in the admin, publishes it,
and readers see it."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect
from taggit.models import Tag

from articles import publishing
from articles.models import Article

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BODY = """Why sleep matters for recovery.

## What the studies found

| Hours of sleep | Relapse risk |
| --- | --- |
| Under 6 | Higher |
| 7 to 9 | Lower |
"""


@pytest.fixture
def cover_png(tmp_path):
    """A 1400×800 PNG drawn with Pillow, as an editor's upload."""
    path = tmp_path / "night-sky.png"
    Image.new("RGB", (1400, 800), (30, 60, 120)).save(path, "PNG")
    return path


def choose(page, field, text):
    """Pick an option in one of the admin's autocomplete (select2) widgets."""
    page.locator(f".field-{field} .select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).click()


def test_editor_publishes_an_article_with_a_table_and_a_cover(
    browser,
    page,
    live_server,
    category,
    author,
    editor,
    sign_in,
    cover_png,
    csp_violations,
    django_user_model,
):
    sign_in(page.context, editor)
    page.goto(live_server.url + reverse("admin:articles_article_add"))

    page.locator("#id_title").fill("Sleep and recovery")
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).to_have_value("sleep-and-recovery")  # admin JS ran
    choose(page, "category", category.name)
    choose(page, "author", author.name)
    page.locator("#id_summary").fill("What a good night does for people in recovery.")
    # The body is a Markdown editor (EasyMDE); pasting the whole text is one setValue.
    page.locator(".EasyMDEContainer .CodeMirror").evaluate(
        "(e, text) => e.CodeMirror.setValue(text)", BODY
    )
    Tag.objects.create(name="insomnia", slug="insomnia")
    page.locator("#id_tags").press_sequentially("sleep, ins")
    expect(page.locator("#tag-suggestions option")).to_have_attribute("value", "sleep, insomnia")
    page.get_by_role("button", name="Preview", exact=True).click()  # before saving anything
    preview = page.frame_locator(".editor-preview-full iframe.editor-preview-frame")
    expect(preview.locator(".article-body table th").first).to_have_text("Hours of sleep")
    page.get_by_role("button", name="Preview", exact=True).click()  # back to writing
    page.locator("#fieldset-0-1-heading").click()  # the Cover image section opens
    page.locator("#id_cover_image").set_input_files(cover_png)
    page.locator("#id_cover_alt").fill("A deep blue night sky")
    page.locator("input[name=_continue]").click()  # saved as a draft first
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    draft = Article.objects.get(slug="sleep-and-recovery")
    assert not draft.is_public

    # The editor previews the draft as readers will see it, table and all.
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview this version as readers will see it").click()
    preview = opened.value
    expect(preview.get_by_text("Preview", exact=True).first).to_be_visible()
    expect(preview.locator(".article-body table th").first).to_have_text("Hours of sleep")
    preview.close()

    # A medical reviewer signs it off meanwhile: without that, publishing is refused.
    medical_reviewer = django_user_model.objects.create_user("doc", is_staff=True)
    medical_reviewer.user_permissions.add(
        Permission.objects.get(codename="sign_off_review"),
        Permission.objects.get(codename="view_article"),
    )
    author.user = medical_reviewer
    author.save()
    publishing.sign_off(medical_reviewer, draft)
    page.reload()
    expect(page.locator(".pre-publish-checklist")).to_contain_text("Medical review signed off")
    page.locator("#id_status").select_option("published")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article = Article.objects.get(slug="sleep-and-recovery")
    assert article.is_public
    assert article.cover_image.name.endswith(".png")

    reader = browser.new_page()
    reader.goto(live_server.url + article.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text("Sleep and recovery")
    table = reader.locator(".article-body table")
    expect(table.locator("th").first).to_have_text("Hours of sleep")
    expect(table.locator("td", has_text="7 to 9")).to_be_visible()
    expect(reader.locator(".article-cover img")).to_have_attribute("alt", "A deep blue night sky")
    reader.close()
    assert csp_violations == []
