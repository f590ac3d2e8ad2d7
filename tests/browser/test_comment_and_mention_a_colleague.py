"""In a real Chromium, under the CSP: the comments load on the contact page, the mention helper
puts "@username" into the comment, and commenting, editing, deleting and following work in
place; the colleague sees the mention on their bell."""

from __future__ import annotations

import pytest

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from tests.browser.chromium import browser_page, requires_chromium, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), requires_chromium]


@pytest.fixture
def contact():  # type: ignore[no-untyped-def]
    desk = TeamFactory(name="Dhaka desk")
    nusrat = make_user(Role.AGENT, desk, username="nusrat", first_name="Nusrat")
    make_user(Role.AGENT, desk, username="rahim", first_name="Rahim", last_name="Uddin")
    return ContactFactory(owner=nusrat, team=desk, display_name="Meera Nair")


def test_comment_with_a_mention_edit_delete_and_follow(live_server, contact):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    with browser_page() as page:
        page.on(
            "console",
            lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
        )
        from playwright.sync_api import expect

        sign_in(page, live_server.url, "nusrat", then=f"/contacts/{contact.pk}/")
        comments = page.get_by_role("region", name="Comments")
        comments.get_by_text("No comments yet.").wait_for()

        box = comments.get_by_label("Comment", exact=True)
        box.fill("Please call her back,")
        helper = comments.get_by_label("Mention someone")
        helper.fill("rah")
        comments.locator("datalist option[value=rahim]").wait_for(state="attached")
        helper.fill("rahim")
        expect(box).to_have_value("Please call her back, @rahim ")
        box.press("End")
        box.type("today.\nThanks!")
        comments.get_by_role("button", name="Comment", exact=True).click()

        entry = comments.locator("li[id^=comment-]")
        expect(entry).to_have_count(1)
        expect(entry.locator("strong.mention")).to_have_text("@rahim")
        expect(entry.locator(".comment-body")).to_contain_text("today.\nThanks!")
        expect(box).to_have_value("")
        # Commenting made her a follower.
        expect(comments.get_by_role("button", name="Following · Unfollow")).to_be_visible()

        entry.get_by_role("link", name="Edit").click()
        editor = entry.get_by_label("Comment", exact=True)
        editor.fill("")
        entry.get_by_role("button", name="Save").click()
        entry.get_by_text("Write something first.").wait_for()
        editor.fill("Called her: all fine.")
        entry.get_by_role("button", name="Save").click()
        expect(entry.locator(".comment-body")).to_have_text("Called her: all fine.")
        expect(entry).to_contain_text("edited")

        comments.get_by_role("button", name="Following · Unfollow").click()
        comments.get_by_role("button", name="Follow", exact=True).wait_for()

        page.once("dialog", lambda dialog: dialog.accept())
        entry.get_by_role("link", name="Delete").click()
        expect(entry).to_have_count(0)

        page.get_by_role("button", name="Sign out").click()
        sign_in(page, live_server.url, "rahim", then="/contacts/")
        bell = page.locator("a.bell")
        expect(bell).to_contain_text("1 unread notification")
        bell.click()
        page.get_by_role("link", name="Nusrat mentioned you on Meera Nair").click()
        page.wait_for_url(f"{live_server.url}/contacts/{contact.pk}/#comment-*")

    assert violations == []
