"""The admin's menu (the index, the app page and the sidebar on every page) reaches the
moderation dashboard and the commenter-data tool, for those allowed to use them; the menu
entries lead to those pages and nowhere else."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

DASHBOARD = reverse("admin:comments_dashboard_changelist")
TOOL_ENTRY = reverse("admin:comments_commenterdata_changelist")
TOOL = reverse("admin:comments_comment_privacy")


@pytest.fixture
def privacy_officer(django_user_model):
    """Staff allowed to export and erase commenters' data, and nothing else."""
    user = django_user_model.objects.create_user("dpo", "dpo@example.com", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="erase_commenter_data"))
    return user


@pytest.mark.parametrize("page", [reverse("admin:index"), reverse("admin:app_list",
                                                                  args=["comments"])])  # fmt: skip
def test_moderators_find_the_dashboard_in_the_menu(client, moderator, chief_moderator, page):
    client.force_login(moderator)
    html = client.get(page).content.decode()
    assert f'<a href="{DASHBOARD}"' in html and "Moderation dashboard" in html
    assert TOOL_ENTRY not in html
    client.force_login(chief_moderator)
    html = client.get(page).content.decode()
    assert f'<a href="{TOOL_ENTRY}"' in html and "Commenter data" in html


def test_the_sidebar_on_every_admin_page_has_them(client, chief_moderator):
    client.force_login(chief_moderator)
    html = client.get(reverse("admin:comments_comment_changelist")).content.decode()
    sidebar = html[html.index('id="nav-sidebar"') :]
    assert DASHBOARD in sidebar and TOOL_ENTRY in sidebar


def test_the_tool_entry_leads_to_the_tool(client, privacy_officer):
    client.force_login(privacy_officer)
    assert TOOL_ENTRY in client.get(reverse("admin:index")).content.decode()
    response = client.get(TOOL_ENTRY)
    assert response.status_code == 302 and response["Location"] == TOOL
    response = client.get(TOOL_ENTRY + "?email=jo%40example.com")
    assert response["Location"] == TOOL + "?email=jo%40example.com"
    assert client.get(DASHBOARD).status_code == 403


def test_editors_see_neither(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert DASHBOARD not in html and TOOL_ENTRY not in html
    assert client.get(DASHBOARD).status_code == 403
    assert client.get(TOOL).status_code == 403


@pytest.mark.parametrize(
    "path",
    ["/admin/comments/dashboard/1/change/", "/admin/comments/dashboard/add/",
     "/admin/comments/commenterdata/1/change/", "/admin/comments/dashboard/1/history/"],
)  # fmt: skip
def test_the_menu_entries_have_no_other_pages(client, chief_moderator, comment_on_article, path):
    client.force_login(chief_moderator)
    assert client.get(path).status_code == 404


@pytest.fixture
def comment_on_article(article, make_comment):
    """A comment with id 1 or thereabouts, so that a proxy's change page would have one."""
    return make_comment(article)
