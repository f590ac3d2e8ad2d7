"""The survey pages: the public answer page in the contact's language (GET records nothing,
forged links refused, CSRF on the form), the staff pages per role, the results charted without
N+1 queries and escaped, and inviting a segment through the real SMTP server."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.core.tests.factories import make_user
from sampark.core.tests.mail_servers import SmtpServer
from sampark.marketing import surveys
from sampark.marketing.actions_surveys import QuestionDraft
from sampark.marketing.models import (
    InvitationSource,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyKind,
)
from sampark.marketing.tests.factories import make_list, reachable_client
from sampark.marketing.tests.test_surveys import make_survey

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def path_of(url: str) -> str:
    return urlsplit(url).path


def nps_with_comment(by: User, **values: Any) -> Survey:
    why = QuestionDraft(
        kind=QuestionKind.TEXT,
        text={"en": "What should we do better?", "bn": "আমরা কী ভালো করতে পারি?"},
    )
    survey = make_survey(by, SurveyKind.NPS, why, **values)
    score = survey.questions.get(is_score=True)
    score.text = {
        "en": "How likely are you to recommend us?",
        "bn": "আমাদের সুপারিশ করার সম্ভাবনা কতটা?",
        "hi": "आप हमारी सिफ़ारिश कितनी संभावना से करेंगे?",
    }
    score.save()
    return survey


def link_for(survey: Survey, **contact: Any) -> tuple[SurveyInvitation, str]:
    invitation = surveys.invite(survey, ContactFactory(**contact), InvitationSource.MANUAL)
    return invitation, path_of(surveys.answer_url(invitation))


# The public page


def test_the_answer_page_speaks_bengali_and_hindi_and_a_get_records_nothing() -> None:
    survey = nps_with_comment(make_user(Role.MANAGER))
    invitation, bengali = link_for(survey, language="bn")
    page = Client().get(bengali)
    assert page.status_code == 200
    assert page["Content-Language"] == "bn"
    html = page.content.decode()
    assert '<html lang="bn">' in html
    assert "আমাদের সুপারিশ করার সম্ভাবনা কতটা?" in html
    assert "আমরা কী ভালো করতে পারি?" in html
    assert html.count('type="radio"') == 11  # 0 to 10
    assert "csrfmiddlewaretoken" in html
    _invitation, hindi = link_for(survey, language="hi")
    page = Client().get(hindi)
    assert '<html lang="hi">' in page.content.decode()
    assert "आप हमारी सिफ़ारिश कितनी संभावना से करेंगे?" in page.content.decode()
    # The comment has no Hindi text: the survey's default language stands in.
    assert "What should we do better?" in page.content.decode()
    # A mail scanner's GET (and a HEAD) records nothing.
    Client().head(bengali)
    assert not SurveyAnswer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_at is None


def test_posting_the_form_keeps_the_answers_and_again_replaces_them() -> None:
    survey = nps_with_comment(make_user(Role.MANAGER))
    score = survey.questions.get(is_score=True)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    invitation, path = link_for(survey, language="en")
    browser = Client()
    done = browser.post(path, {f"q{score.pk}": "9", f"q{text.pk}": "Quicker replies"})
    assert done.status_code == 200
    assert "Thank you" in done.content.decode()
    again = browser.get(path).content.decode()
    assert "Quicker replies" in again
    browser.post(path, {f"q{score.pk}": "10", f"q{text.pk}": ""})
    assert list(SurveyAnswer.objects.values_list("number", flat=True)) == [10]
    invitation.refresh_from_db()
    assert invitation.answered_at is not None


def test_a_bad_answer_is_shown_beside_its_question_and_nothing_is_kept() -> None:
    survey = nps_with_comment(make_user(Role.MANAGER))
    score = survey.questions.get(is_score=True)
    _invitation, path = link_for(survey, language="en")
    page = Client().post(path, {f"q{score.pk}": "42"})
    assert page.status_code == 400
    assert f'id="q{score.pk}-errors"' in page.content.decode()
    assert "Choose a value from 0 to 10." in page.content.decode()
    page = Client().post(path, {})
    assert "Please answer this question." in page.content.decode()
    assert not SurveyAnswer.objects.exists()


def test_forged_and_foreign_links_are_refused_without_a_server_error() -> None:
    survey = nps_with_comment(make_user(Role.MANAGER))
    invitation, path = link_for(survey)
    signed = path.rstrip("/").rsplit("/", 1)[-1]
    for forged in (signed[:-3] + "abc", invitation.token, "x", "a:b:c"):
        page = Client().get(reverse("marketing_public:survey", args=[forged]))
        assert page.status_code == 404
        assert "This link does not work" in page.content.decode()
        assert Client().post(reverse("marketing_public:survey", args=[forged])).status_code == 404
    Survey.objects.filter(pk=survey.pk).update(is_active=False)
    assert Client().get(path).status_code == 410
    assert Client().post(path, {}).status_code == 410


def test_the_answer_form_needs_its_csrf_token() -> None:
    survey = nps_with_comment(make_user(Role.MANAGER))
    score = survey.questions.get(is_score=True)
    _invitation, path = link_for(survey)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(path, {f"q{score.pk}": "9"}).status_code == 403
    assert not SurveyAnswer.objects.exists()


# Staff pages


def test_each_role_sees_results_but_only_writers_build_and_owners_or_managers_edit() -> None:
    agent = make_user(Role.AGENT)
    survey = nps_with_comment(agent)
    reader, other_agent, manager = (
        make_user(Role.READ_ONLY),
        make_user(Role.AGENT),
        make_user(Role.MANAGER),
    )
    detail = reverse("marketing:survey", args=[survey.pk])
    edit = reverse("marketing:survey_edit", args=[survey.pk])
    invite = reverse("marketing:survey_invite", args=[survey.pk])
    for user in (reader, other_agent, manager, agent):
        assert signed_in(user).get(reverse("marketing:surveys")).status_code == 200
        assert signed_in(user).get(detail).status_code == 200
    assert signed_in(reader).get(reverse("marketing:survey_new")).status_code == 403
    assert signed_in(reader).post(reverse("marketing:survey_new"), {}).status_code == 403
    assert signed_in(reader).get(edit).status_code == 403
    assert signed_in(reader).post(invite, {"contact": "a@example.com"}).status_code == 403
    assert signed_in(other_agent).get(edit).status_code == 403
    assert signed_in(other_agent).post(edit, {"name": "Mine now"}).status_code == 403
    assert signed_in(agent).get(edit).status_code == 200
    assert signed_in(manager).get(edit).status_code == 200
    assert signed_in(other_agent).get(reverse("marketing:survey_new")).status_code == 200
    assert "Edit" not in signed_in(reader).get(detail).content.decode().split("<h1>")[1][:400]
    assert signed_in(reader).get(reverse("marketing:survey", args=[999])).status_code == 404


def test_a_manager_saves_questions_added_moved_and_removed_on_the_server() -> None:
    manager = make_user(Role.MANAGER)
    browser = signed_in(manager)
    new = reverse("marketing:survey_new")
    form = {
        "name": "Branch visit",
        "key": "branch_visit",
        "kind": SurveyKind.CUSTOM,
        "default_language": "en",
        "is_active": "1",
    }
    page = browser.post(new, {**form, "op": "add:choice"})
    assert page.status_code == 200
    assert 'name="q0.kind" value="choice"' in page.content.decode()
    rows = {
        "q0.kind": "choice",
        "q0.text.en": "Which branch?",
        "q0.options.en": "Motijheel\nGulshan",
        "q0.options.bn": "মতিঝিল\nগুলশান",
        "q1.kind": "scale",
        "q1.text.en": "How was the wait?",
        "q1.scale_min": "1",
        "q1.scale_max": "5",
        "q2.kind": "text",
        "q2.text.en": "Anything else?",
    }
    moved = browser.post(new, {**form, **rows, "op": "up:1"}).content.decode()
    assert moved.index("How was the wait?") < moved.index("Which branch?")
    removed = browser.post(new, {**form, **rows, "op": "remove:2"}).content.decode()
    assert "Anything else?" not in removed
    bad = browser.post(new, {**form, **rows, "q1.scale_max": "99", "op": "save"})
    assert bad.status_code == 200
    assert "A scale runs from a lower to a higher whole number" in bad.content.decode()
    assert not Survey.objects.exists()
    saved = browser.post(new, {**form, **rows, "op": "save"})
    survey = Survey.objects.get()
    assert saved.status_code == 302
    assert [q.kind for q in survey.questions.all()] == ["choice", "scale", "text"]
    choice = survey.questions.first()
    assert choice is not None
    assert [o["labels"] for o in choice.options] == [
        {"en": "Motijheel", "bn": "মতিঝিল"},
        {"en": "Gulshan", "bn": "গুলশান"},
    ]


def test_names_and_answers_are_escaped_on_the_results_page() -> None:
    admin = make_user(Role.ADMIN)
    survey = nps_with_comment(admin, name="<script>alert('x')</script>")
    text = survey.questions.get(kind=QuestionKind.TEXT)
    score = survey.questions.get(is_score=True)
    invitation = surveys.invite(survey, ContactFactory(), InvitationSource.MANUAL)
    surveys.record_answers(invitation, {score.pk: "3", text.pk: "<img src=x onerror=alert(1)>"})
    html = signed_in(admin).get(reverse("marketing:survey", args=[survey.pk])).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    listed = signed_in(admin).get(reverse("marketing:surveys")).content.decode()
    assert "<script>alert" not in listed


def test_the_results_page_charts_the_answers_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    admin = make_user(Role.ADMIN)
    survey = nps_with_comment(admin)
    score = survey.questions.get(is_score=True)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    browser = signed_in(admin)
    url = reverse("marketing:survey", args=[survey.pk])
    browser.get(url)  # the session and the role, cached
    for n in range(12):
        invitation = surveys.invite(survey, ContactFactory(), InvitationSource.MANUAL)
        surveys.record_answers(invitation, {score.pk: str(n % 11), text.pk: f"Note {n}"})
    with django_assert_max_num_queries(16):
        page = browser.get(url)
    html = page.content.decode()
    assert html.count('class="bar bar-detractor"') == 7
    assert html.count('class="bar bar-passive"') == 2
    assert html.count('class="bar bar-promoter"') == 2
    assert "<title>" in html.split("<svg", 1)[1]
    assert html.count("Note ") == 12
    assert 'id="nps-score"' in html


def test_inviting_a_segment_mails_only_the_reachable_members(smtp_settings: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    survey = nps_with_comment(agent)
    rahim = reachable_client(owner=agent, email="rahim@example.com", language="bn")
    sunita = reachable_client(owner=agent, email="sunita@example.com", language="hi")
    silent = ContactFactory(owner=agent, email="silent@example.com")  # no consent
    segment = make_list(agent, rahim.pk, sunita.pk, silent.pk)
    browser = signed_in(agent)
    invite = reverse("marketing:survey_invite", args=[survey.pk])
    response = browser.post(invite, {"segment": segment.pk})
    assert response.status_code == 302
    received = {mail.recipients[0]: mail.message for mail in smtp_settings.messages}
    assert set(received) == {"rahim@example.com", "sunita@example.com"}
    assert received["rahim@example.com"]["Content-Language"] == "bn"
    text = received["rahim@example.com"].get_body(("plain",)).get_content()
    found = re.search(r"(http\S+/survey/\S+)", text)
    assert found is not None
    signed = path_of(found.group(1)).rstrip("/").rsplit("/", 1)[-1]
    assert surveys.invitation_of(signed) == SurveyInvitation.objects.get(contact=rahim)
    assert Client().get(path_of(found.group(1))).status_code == 200
    assert not SurveyInvitation.objects.filter(contact=silent).exists()
    # Inviting again sends nobody a second mail.
    browser.post(invite, {"segment": segment.pk})
    assert len(smtp_settings.messages) == 2
    # A contact by address; one nobody may see is an error beside the field.
    page = browser.post(invite, {"contact": "nobody@example.com"})
    assert page.status_code == 400
    assert "None of the clients you may see has this address." in page.content.decode()
    assert browser.post(invite, {"segment": "abc"}).status_code == 400


def test_odd_input_to_the_staff_pages_gets_an_answer_not_a_server_error() -> None:
    manager = make_user(Role.MANAGER)
    survey = nps_with_comment(manager)
    browser = signed_in(manager)
    edit = reverse("marketing:survey_edit", args=[survey.pk])
    for op in ("up:²", "remove:99999999999999999999", "add:nothing", "down:-1", "save"):
        odd = {"op": op, "version": "²", "q0.kind": "bogus", "q0.id": "²", "kind": "x"}
        assert browser.post(edit, odd).status_code in (200, 302)
    invite = reverse("marketing:survey_invite", args=[survey.pk])
    for value in ("²", "9" * 30, "-1"):
        assert browser.post(invite, {"segment": value}).status_code == 400
    assert browser.post(invite, {"contact": "x" * 400}).status_code == 400
    assert survey.questions.filter(is_score=True).exists()
