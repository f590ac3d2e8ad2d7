"""Knowledge base categories: everyone with a role sees them; managers and admins add, rename and
delete them (an empty one only), with their names in each language; every change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sampark.core.models import AuditEntry
from sampark.service import actions_knowledge as actions
from sampark.service.models import KnowledgeCategory
from sampark.service.tests.knowledge_factories import make_article, make_category

pytestmark = pytest.mark.django_db

ROLES = ["admin", "manager", "agent", "colleague", "reader", "outsider"]
MANAGE = {"admin", "manager"}


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_categories_and_managers_arrange_them(client, people, role):
    cards = make_category("Cards")
    client.force_login(people[role])
    may = role in MANAGE

    listed = client.get(reverse("service:kb_categories"))
    added = client.post(
        reverse("service:kb_categories"),
        {"name": "Accounts", "name_bn": "অ্যাকাউন্ট", "slug": "", "description": "", "position": ""},
    )
    edit_page = client.get(reverse("service:kb_category_edit", args=[cards.pk]))
    renamed = client.post(
        reverse("service:kb_category_edit", args=[cards.pk]),
        {"name": "Debit cards", "slug": "cards", "description": "", "position": 1},
    )
    deleted = client.post(reverse("service:kb_category_delete", args=[cards.pk]))

    assert listed.status_code == 200
    assert "Cards" in listed.content.decode()
    assert added.status_code == (302 if may else 403)
    assert edit_page.status_code == (200 if may else 403)
    assert renamed.status_code == (302 if may else 403)
    assert deleted.status_code == (302 if may else 403)
    names = set(KnowledgeCategory.objects.values_list("name", flat=True))
    assert names == ({"Accounts"} if may else {"Cards"})


def test_a_category_gets_its_address_and_names_in_each_language(people):
    category = actions.create_category(
        by=people["manager"], name="Card & PIN", names={"bn": " কার্ড ", "hi": "", "fr": "Carte"}
    )

    assert category.slug == "card-pin"
    assert category.names == {"bn": "কার্ড"}
    assert category.name_in("bn") == "কার্ড"
    assert category.name_in("hi") == "Card & PIN"
    assert AuditEntry.objects.for_record(category).count() == 1


def test_an_agent_cannot_arrange_categories_through_the_actions_either(people):
    cards = make_category("Cards")

    with pytest.raises(PermissionDenied):
        actions.create_category(by=people["agent"], name="Accounts")
    with pytest.raises(PermissionDenied):
        actions.update_category(cards, by=people["reader"], values={"name": "X"})
    with pytest.raises(PermissionDenied):
        actions.delete_category(cards, by=people["agent"])


def test_a_category_holding_articles_is_not_deleted(client, people):
    cards = make_category("Cards")
    make_article(people["agent"], cards)
    client.force_login(people["manager"])

    response = client.post(reverse("service:kb_category_delete", args=[cards.pk]), follow=True)

    assert KnowledgeCategory.objects.filter(pk=cards.pk).exists()
    assert "Move its 1 article to another category first." in response.content.decode()


def test_addresses_are_unique_and_one_the_help_centre_uses_is_refused(client, people):
    make_category("Cards")
    client.force_login(people["manager"])

    taken = client.post(reverse("service:kb_categories"), {"name": "Other", "slug": "Cards"})
    reserved = client.post(reverse("service:kb_categories"), {"name": "Search"})

    assert taken.status_code == reserved.status_code == 422
    assert "slug" in taken.context["form"].errors
    assert "slug" in reserved.context["form"].errors
    assert KnowledgeCategory.objects.count() == 1


def test_new_categories_go_last(people):
    first = actions.create_category(by=people["admin"], name="Cards")
    second = actions.create_category(by=people["admin"], name="Accounts")

    assert list(KnowledgeCategory.objects.all()) == [first, second]
    with pytest.raises(ValidationError):
        actions.create_category(by=people["admin"], name="  ")
