"""In a real Chromium: sign in, switch to Bengali, see the navigation translated, sign out."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from tests.browser.chromium import ARTIFACTS, browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def anika():  # type: ignore[no-untyped-def]
    # Created before Playwright starts: its event loop makes Django refuse ORM calls afterwards.
    user = make_user(Role.ADMIN, username="anika", first_name="Anika")
    for name in ("সৌমিত্র মুখোপাধ্যায়", "শ্রেয়া ব্যানার্জি", "রবীন্দ্র চক্রবর্তী", "अनीता देशपांडे"):
        ContactFactory(owner=user, display_name=name)
    return user


def test_sign_in_switch_to_bengali_and_sign_out(live_server, anika):  # type: ignore[no-untyped-def]
    with browser_page() as page:
        sign_in(page, live_server.url, "anika")
        assert page.get_by_role("navigation", name="Main").get_by_text("Contacts").is_visible()

        page.get_by_label("Language").select_option("bn")
        page.wait_for_load_state("networkidle")
        navigation = page.get_by_role("navigation", name="প্রধান")
        assert navigation.get_by_role("link", name="যোগাযোগ").is_visible()
        assert navigation.get_by_role("link", name="বিক্রয়").is_visible()
        assert page.locator("html").get_attribute("lang") == "bn"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "home-bengali.png"), full_page=True)
        navigation.get_by_role("link", name="যোগাযোগ").click()
        assert page.get_by_text("৪টি যোগাযোগ").is_visible()  # Bengali digits
        assert page.get_by_role("link", name="সৌমিত্র মুখোপাধ্যায়").is_visible()
        page.screenshot(path=str(ARTIFACTS / "contacts-bengali.png"), full_page=True)

        page.get_by_role("button", name="সাইন আউট").click()
        page.wait_for_url(f"{live_server.url}/accounts/login/")
        assert page.get_by_role("heading", name="সাইন ইন").is_visible()
