"""In a real Chromium: typing in the contact filter narrows the list without a page load."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def agent():  # type: ignore[no-untyped-def]
    user = make_user(Role.ADMIN, username="nusrat")
    ContactFactory(owner=user, display_name="ফাতেমা খাতুন")
    ContactFactory(owner=user, display_name="राहुल वर्मा")
    ContactFactory(owner=user, display_name="Meera Nair")
    return user


def test_typing_filters_the_list_in_place(live_server, agent):  # type: ignore[no-untyped-def]
    with browser_page() as page:
        sign_in(page, live_server.url, "nusrat", then="/contacts/")
        rows = page.locator("#contact-results tbody tr")
        assert rows.count() == 3

        page.evaluate("window.fullLoads = (window.fullLoads || 0) + 1")
        page.get_by_label("Filter contacts").press_sequentially("राहुल")
        page.wait_for_url("**/contacts/?q=*")
        rows.first.wait_for()
        page.wait_for_function(
            "document.querySelectorAll('#contact-results tbody tr').length === 1"
        )
        assert "राहुल वर्मा" in rows.first.inner_text()
        assert page.evaluate("window.fullLoads") == 1  # no page load happened
