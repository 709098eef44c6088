"""Whatever is in the queue's address, the page answers (a list, possibly empty, or the
admin's own redirect), never a server error."""

import pytest

from tests.helpers import QUEUE, fill_queue


@pytest.mark.parametrize(
    "query",
    ["status=<script>", "status=", "o=99", "o=x.y", "p=-1", "p=abc", "p=99999999999999999999",
     "q=%00", "q=a%00b", "q=" + "x" * 3000, "all=&p=9", "e=1", "status=all&o=-2.1",
     "q=%F0%9F%92%8A", "q=%25_%5C"],
)  # fmt: skip
def test_odd_addresses_never_break_the_queue(client, moderator, article, make_comment, query):
    fill_queue(make_comment, article, 3)
    client.force_login(moderator)
    response = client.get(f"{QUEUE}?{query}")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 200
