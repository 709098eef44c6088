"""The reader knows WordPress's elements by namespace URI, whatever prefix a file binds,
in WXR 1.0, 1.1 and 1.2, over http and https."""

from core.wordpress.reader import read_wxr
from core.wordpress.records import AuthorRecord, ItemRecord, Site, TermRecord
from tests.helpers import wordpress_export


def records(name, kind):
    return [r for r in read_wxr(wordpress_export(name)) if isinstance(r, kind)]


def test_a_prefix_bound_to_another_uri_is_not_wordpress():
    items = records("importer-tests/namespace-edge-cases.xml", ItemRecord)
    logins = [a.login for a in records("importer-tests/namespace-edge-cases.xml", AuthorRecord)]
    assert logins == ["real_user", "version_conflict"]  # not fake_ns_user, not custom_user
    by_title = {item.title: item for item in items}
    # Two post_ids in WordPress's namespace under different prefixes: the last one wins.
    assert by_title["Mixed Namespaces"].wordpress_id == 999
    assert by_title["Mixed Namespaces"].meta == {"normal_key": "normal_value"}
    # A post_id in the default namespace bound to WordPress's URI counts.
    assert by_title["No Prefix"].wordpress_id == 2
    # A non-ASCII namespace URI (lxml refuses it) is read.
    assert by_title["Unicode Namespace"].wordpress_id == 4
    hijacked = by_title["Hijacked Namespace"]
    assert (hijacked.post_type, hijacked.wordpress_id, hijacked.meta) == ("", None, {})
    terms = records("importer-tests/namespace-edge-cases.xml", TermRecord)
    assert [t.wordpress_id for t in terms] == [100, 102]


def test_https_namespaces_are_read_as_wordpress():
    items = records("themeunittestdata.wordpress.xml", ItemRecord)
    assert len([i for i in items if i.post_type == "post"]) == 58
    assert all(i.wordpress_id for i in items)


def test_wxr_1_0_tags_and_undeclared_authors():
    (site,) = records("importer-tests/valid-wxr-1.0.xml", Site)
    assert site.wxr_version == "1.0"
    assert records("importer-tests/valid-wxr-1.0.xml", AuthorRecord) == []
    items = records("importer-tests/valid-wxr-1.0.xml", ItemRecord)
    taxonomies = {t.taxonomy for item in items for t in item.terms}
    assert "post_tag" in taxonomies  # written domain="tag" in 1.0
    assert "tag" not in taxonomies
    assert all(item.creator == "admin" for item in items)


def test_items_without_a_post_id_take_it_from_the_link():
    items = records("theme-preview.xml", ItemRecord)
    assert [i.wordpress_id for i in items][:2] == [19, 36]
    assert all(i.wordpress_id for i in items)


def test_adjacent_cdata_sections_are_joined_and_text_kept_exactly():
    (multi,) = records("importer-tests/multiple-cdata.xml", ItemRecord)
    assert multi.content == "line oneline twoline three"
    (escaped,) = records("importer-tests/crazy-cdata-escaped.xml", ItemRecord)
    assert escaped.content == "Content with nested <![CDATA[ tags ]]> :)"
    assert escaped.meta["Alot of CDATA"] == (
        "This has <![CDATA[ opening and ]]> closing <![CDATA[ tags like this: ]]>"
    )
    (edge,) = records("importer-tests/cdata-edge.xml", ItemRecord)
    assert edge.content == "ends with sequence ]] >"
    (paths,) = records("importer-tests/backslashes.xml", ItemRecord)
    assert paths.content == r"C:\xampp\htdocs\wp-content"


def test_author_fields_lose_only_the_xml_whitespace_around_them():
    authors = records("importer-tests/authors-multiline.xml", AuthorRecord)
    assert [(a.login, a.wordpress_id) for a in authors] == [("alice", 1), ("bob", 2), ("carol", 3)]
    (challenge,) = records("importer-tests/wxr-utf-8-challenges.xml", AuthorRecord)
    # Zero-width and direction marks are part of the login, not whitespace.
    assert challenge.login == "admin\u200c\u200b\u200d\u200e"


def test_the_misspelt_wp_author_of_the_a11y_data_is_an_author():
    authors = records("importer-tests/a11y-unit-test-data.xml", AuthorRecord)
    assert len(authors) == 1
