"""Email templates: the sandbox refuses escapes and what a marketing text never needs,
personalisation falls back where the contact lacks a value, the variant follows the contact's
language, and every mail carries its unsubscribe link and the sender's postal address."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.marketing import actions_templates, personalise
from sampark.marketing.compose import compose
from sampark.marketing.models import EmailTemplate, Sender

pytestmark = pytest.mark.django_db

ESCAPES = [
    "{{ contact.__class__ }}",
    '{{ contact["__class__"] }}',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ contact.name|attr('__class__') }}",
    "{{ self._TemplateReference__context }}",
    "{% include '/etc/passwd' %}",
    "{% import 'x' as x %}",
    "{% extends 'base.html' %}",
    "{% macro m() %}{% endmacro %}",
    "{{ contact.name.upper() }}",
    "{{ 'x' * 1000000000 }}",
    "{{ 9 ** 9 ** 9 }}",
    "{{ request.user }}",
    "{{ settings.SECRET_KEY }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_the_sandbox_refuses_escapes_when_saved_and_when_rendered(source: str) -> None:
    assert personalise.check(source)
    with pytest.raises(personalise.TemplateProblem):
        personalise.render(source, {"contact": {"name": "Rahim"}})


def test_a_syntax_error_says_where() -> None:
    assert personalise.check("Hello\n{{ contact.name ") == [
        "Line 2: unexpected end of template, expected 'end of print statement'."
    ]


def test_personal_fields_fall_back_where_the_contact_lacks_a_value() -> None:
    source = "Dear {{ contact.first_name | default('client') }} of {{ contact.country | default('your country') }}"
    rahim = ContactFactory(display_name="রহিম উদ্দিন", country="BD", language="bn")
    nameless = ContactFactory(display_name="", given_name="", country="")
    assert personalise.render(source, personalise.contact_context(rahim)) == "Dear রহিম of বাংলাদেশ"
    assert personalise.render(source, personalise.contact_context(nameless)) == (
        "Dear client of your country"
    )
    conditional = "{% if contact.country_code == 'IN' %}Namaste{% else %}Hello{% endif %}"
    assert personalise.render(conditional, personalise.contact_context(rahim)) == "Hello"


@pytest.fixture
def sender() -> Sender:
    return Sender.objects.create(
        name="Padma Securities",
        from_address="news@padma.example",
        postal_address="House 12, Road 5\nDhanmondi, Dhaka 1205",
    )


@pytest.fixture
def welcome() -> EmailTemplate:
    return actions_templates.save_template(
        None,
        by=make_user(Role.MANAGER),
        name="Welcome",
        default_language="en",
        variants={
            "en": ("Welcome, {{ contact.first_name | default('client') }}", "Hello <b>there</b>."),
            "bn": ("স্বাগতম, {{ contact.first_name }}", "আপনাকে স্বাগতম।"),
        },
    )


def test_the_variant_follows_the_contacts_language_else_the_default(welcome, sender) -> None:  # type: ignore[no-untyped-def]
    bengali = compose(welcome, ContactFactory(given_name="রহিম", language="bn"), sender)
    hindi = compose(welcome, ContactFactory(given_name="Sunita", language="hi"), sender)
    assert (bengali.language, bengali.subject) == ("bn", "স্বাগতম, রহিম")
    assert (hindi.language, hindi.subject) == ("en", "Welcome, Sunita")


def test_every_mail_has_a_plain_text_part_an_unsubscribe_link_and_the_postal_address(  # type: ignore[no-untyped-def]
    welcome, sender
) -> None:
    mail = compose(welcome, ContactFactory(given_name="Rahim", language="en"), sender)
    assert mail.text.startswith("Hello <b>there</b>.")  # the text part as written
    assert "/unsubscribe/email/" in mail.unsubscribe_url
    for part in (mail.text, mail.html):
        assert "Dhanmondi, Dhaka 1205" in part
        assert "Unsubscribe" in part
    assert mail.unsubscribe_url in mail.text
    assert "&lt;b&gt;there&lt;/b&gt;" in mail.html  # what was typed is text, never markup


def test_a_template_is_checked_by_variant_and_field(sender) -> None:  # type: ignore[no-untyped-def]
    manager = make_user(Role.MANAGER)
    with pytest.raises(ValidationError) as caught:
        actions_templates.save_template(
            None,
            by=manager,
            name="",
            default_language="hi",
            variants={
                "en": ("Hi {{ contact.__class__ }}", ""),
                "bn": ("", "{% include 'x' %}"),
            },
        )
    assert set(caught.value.message_dict) == {
        "name",
        "default_language",
        "en.subject",
        "en.body",
        "bn.subject",
        "bn.body",
    }
    with pytest.raises(PermissionDenied):
        actions_templates.save_template(
            None, by=make_user(Role.READ_ONLY), name="X", variants={"en": ("S", "B")}
        )


def test_changing_a_template_replaces_its_variants_and_is_audited(welcome) -> None:  # type: ignore[no-untyped-def]
    from sampark.core.models import AuditEntry

    actions_templates.save_template(
        welcome,
        by=make_user(Role.ADMIN),
        name="Welcome",
        default_language="bn",
        variants={"bn": ("স্বাগতম", "আপনাকে স্বাগতম।"), "en": ("", "")},
        expected_version=1,
    )
    assert list(welcome.variants.values_list("language", flat=True)) == ["bn"]
    assert AuditEntry.objects.filter(model_label="marketing.emailtemplate").count() == 2


def test_senders_need_a_postal_address_and_a_manager() -> None:
    with pytest.raises(ValidationError) as caught:
        actions_templates.save_sender(
            None, by=make_user(Role.ADMIN), values={"name": "Padma", "from_address": "nope"}
        )
    assert set(caught.value.message_dict) == {"from_address", "postal_address"}
    with pytest.raises(PermissionDenied):
        actions_templates.save_sender(None, by=make_user(Role.AGENT), values={})


def test_a_template_is_written_previewed_and_saved_from_its_page(sender) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client
    from django.urls import reverse

    manager = make_user(Role.MANAGER)
    rahim = ContactFactory(owner=manager, given_name="রহিম", language="bn")
    browser = Client()
    browser.force_login(manager)
    assert browser.get(reverse("marketing:template_new")).status_code == 200
    form = {
        "name": "Market update",
        "default_language": "en",
        "en.subject": "Update for {{ contact.first_name }}",
        "en.body": "Markets moved.",
        "bn.subject": "{{ contact.first_name }}, বাজারের খবর",
        "bn.body": "বাজার বদলেছে।",
        "contact": rahim.pk,
        "sender": sender.pk,
    }
    preview = browser.post(reverse("marketing:template_preview"), form)
    assert "রহিম, বাজারের খবর" in preview.content.decode()
    assert "Dhanmondi" in preview.content.decode()
    refused = browser.post(
        reverse("marketing:template_new"), {**form, "en.body": "{{ contact.__class__ }}"}
    )
    assert "is not a field" in refused.content.decode()
    saved = browser.post(reverse("marketing:template_new"), form)
    template = EmailTemplate.objects.get(name="Market update")
    assert saved["Location"] == reverse("marketing:template", args=[template.pk])
    assert browser.get(saved["Location"]).status_code == 200
    agent = Client()
    agent.force_login(make_user(Role.AGENT))
    assert agent.get(reverse("marketing:template_edit", args=[template.pk])).status_code == 403
    assert agent.get(reverse("marketing:templates")).status_code == 200


def test_a_template_can_name_the_next_best_offer_with_its_reason() -> None:
    from sampark.offers.affinity import refresh
    from sampark.offers.tests.builders import BASKETS, client_with

    for basket in BASKETS:
        client_with(*basket)
    refresh()
    only_gp = client_with("GP", display_name="Rahim", language="en")
    newcomer = ContactFactory(language="en")
    template = EmailTemplate.objects.create(name="Offer", default_language="en")
    template.variants.create(
        language="en",
        subject="{{ offer.name | default('Our research') }} for you",
        body="{{ offer.reason | default('') }}",
    )
    sender = Sender.objects.create(
        name="Padma", from_address="a@padma.example", postal_address="Dhaka"
    )

    mail = compose(template, only_gp, sender)
    # GP's clients: BRAC Bank shares 3 of them (cosine 3/sqrt(5·3) = 0.77), Square 3 (0.67).
    assert mail.subject == "BRAC Bank for you"
    assert "Clients who have GP also have BRAC Bank (3 clients)." in mail.text
    assert compose(template, newcomer, sender).subject == "Our research for you"
