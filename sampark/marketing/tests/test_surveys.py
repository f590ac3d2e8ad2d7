"""Surveys: the NPS and CSAT arithmetic, answers checked question by question, the detractor's
follow-up task (once), results only over the contacts the reader may see, invitations made
once per source, and a campaign mail carrying a working, signed answer link."""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from sampark.agenda.models import Task
from sampark.contacts.models import Contact
from sampark.contacts.tests.factories import ContactFactory
from sampark.core.models import User
from sampark.core.roles import Role
from sampark.core.tests.factories import TeamFactory, make_user
from sampark.core.tests.mail_servers import SmtpServer
from sampark.marketing import actions_surveys, audience, personalise, sending, surveys
from sampark.marketing.actions_surveys import QuestionDraft
from sampark.marketing.compose import compose
from sampark.marketing.models import (
    InvitationSource,
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyKind,
)
from sampark.marketing.tests.factories import (
    make_campaign,
    make_list,
    make_sender,
    make_template,
    reachable_client,
)

# The arithmetic: no database.


def test_nps_is_promoters_minus_detractors_over_all_answers() -> None:
    assert surveys.nps_score(promoters=5, passives=2, detractors=3) == 20
    assert surveys.nps_score(promoters=0, passives=0, detractors=4) == -100
    assert surveys.nps_score(promoters=3, passives=1, detractors=0) == 75
    # Passives only weigh in the whole: more of them pulls the score towards 0.
    assert surveys.nps_score(promoters=2, passives=0, detractors=1) == 33
    assert surveys.nps_score(promoters=2, passives=6, detractors=1) == 11
    # Rounded half away from zero, both ways.
    assert surveys.nps_score(promoters=1, passives=7, detractors=0) == 13
    assert surveys.nps_score(promoters=0, passives=7, detractors=1) == -13
    assert surveys.nps_score(promoters=0, passives=0, detractors=0) is None


def test_csat_is_the_share_of_fours_and_fives() -> None:
    assert surveys.csat_percent(satisfied=3, total=5) == 60
    assert surveys.csat_percent(satisfied=2, total=3) == 67
    assert surveys.csat_percent(satisfied=0, total=0) is None


# With the database.

pytestmark = pytest.mark.django_db


def make_survey(
    by: User, kind: str = SurveyKind.NPS, *questions: QuestionDraft, **values: Any
) -> Survey:
    values.setdefault("name", f"Survey {Survey.objects.count() + 1}")
    values.setdefault("key", f"survey_{Survey.objects.count() + 1}")
    values.setdefault("default_language", "en")
    values.setdefault("is_active", True)
    return actions_surveys.save_survey(
        None, by=by, values={"kind": kind, **values}, questions=list(questions)
    )


def comment(required: bool = False) -> QuestionDraft:
    return QuestionDraft(
        kind=QuestionKind.TEXT, required=required, text={"en": "Why?", "bn": "কেন?"}
    )


def channel_choice() -> QuestionDraft:
    return QuestionDraft(
        kind=QuestionKind.CHOICE,
        text={"en": "How do you reach us?"},
        options={"en": "Phone\nBranch\nApp", "bn": "ফোন\nশাখা\nঅ্যাপ"},
    )


def score_question(survey: Survey) -> Question:
    return survey.questions.get(is_score=True)


def answered(survey: Survey, contact: Contact, score: int, **more: str) -> SurveyInvitation:
    invitation = surveys.invite(survey, contact, InvitationSource.MANUAL)
    data: dict[int, str] = {score_question(survey).pk: str(score)}
    for question in survey.questions.filter(is_score=False):
        data[question.pk] = more.get(question.kind, "")
    surveys.record_answers(invitation, data)
    return invitation


def test_an_nps_survey_starts_with_its_0_to_10_question_and_keeps_it() -> None:
    manager = make_user(Role.MANAGER)
    survey = make_survey(manager, SurveyKind.NPS, comment())
    first, second = survey.questions.all()
    assert (first.is_score, first.kind, first.scale_min, first.scale_max) == (
        True,
        QuestionKind.SCALE,
        0,
        10,
    )
    assert first.required
    assert "recommend" in first.text["en"]
    assert second.kind == QuestionKind.TEXT
    csat = make_survey(manager, SurveyKind.CSAT)
    only = csat.questions.get()
    assert (only.scale_min, only.scale_max) == (1, 5)


def test_nps_of_ten_hand_built_answers(django_assert_max_num_queries: Any) -> None:
    admin = make_user(Role.ADMIN)
    survey = make_survey(admin, SurveyKind.NPS, comment())
    scores = [10, 9, 9, 10, 9, 7, 8, 0, 6, 3]  # 5 promoters, 2 passives, 3 detractors
    for n, score in enumerate(scores):
        answered(survey, ContactFactory(), score, text=f"Comment {n}" if n % 2 else "")
    with django_assert_max_num_queries(7):  # five, and the role's permissions (two)
        found = surveys.results(survey, admin)
    assert found.nps is not None
    assert (found.nps.promoters, found.nps.passives, found.nps.detractors) == (5, 2, 3)
    assert found.nps.score == 20
    assert (found.invited, found.answered) == (10, 10)
    bars = found.questions[0].bars
    assert [bar.count for bar in bars] == [1, 0, 0, 1, 0, 0, 1, 1, 1, 3, 2]
    assert {bar.tone for bar in bars[:7]} == {"detractor"}
    assert [bar.tone for bar in bars[7:]] == ["passive", "passive", "promoter", "promoter"]
    assert len(found.texts) == 5


def test_csat_is_counted_from_the_answers() -> None:
    admin = make_user(Role.ADMIN)
    survey = make_survey(admin, SurveyKind.CSAT, channel_choice())
    choice = survey.questions.get(kind=QuestionKind.CHOICE)
    for score, option in [(5, "o1"), (4, "o1"), (3, "o2"), (2, ""), (5, "o3")]:
        answered(survey, ContactFactory(), score, choice=option)
    found = surveys.results(survey, admin)
    assert found.nps is None
    assert found.csat is not None
    assert (found.csat.satisfied, found.csat.total, found.csat.percent) == (3, 5, 60)
    choices = next(q for q in found.questions if q.question.pk == choice.pk)
    assert [(bar.label, bar.count) for bar in choices.bars] == [
        ("Phone", 2),
        ("Branch", 1),
        ("App", 1),
    ]


def test_a_detractor_opens_one_call_back_task_for_the_contacts_owner() -> None:
    owner = make_user(Role.AGENT, language="en")
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.NPS)
    client = ContactFactory(owner=owner, display_name="Rahim Uddin")
    invitation = answered(survey, client, 4)
    task = Task.objects.get()
    assert task.owner == owner
    assert task.contact == client
    assert task.title == "Call back Rahim Uddin: NPS 4"
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert task.due_at is not None
    assert abs(task.due_at - tomorrow) < datetime.timedelta(minutes=5)
    # Answering again, even with another low score, opens no second task.
    surveys.record_answers(invitation, {score_question(survey).pk: "2"})
    surveys.record_answers(invitation, {score_question(survey).pk: "9"})
    surveys.record_answers(invitation, {score_question(survey).pk: "1"})
    assert Task.objects.count() == 1
    # Passives and promoters open none.
    answered(survey, ContactFactory(owner=owner), 7)
    answered(survey, ContactFactory(owner=owner), 10)
    assert Task.objects.count() == 1


def test_an_unhappy_csat_opens_a_task_and_a_neutral_one_does_not() -> None:
    owner = make_user(Role.AGENT)
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.CSAT)
    answered(survey, ContactFactory(owner=owner), 3)
    assert not Task.objects.exists()
    answered(survey, ContactFactory(owner=owner, display_name="Sunita"), 2)
    assert Task.objects.get().title == "Call back Sunita: CSAT 2"


def test_answers_are_checked_question_by_question_and_nothing_is_kept_on_error() -> None:
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.NPS, channel_choice(), comment(True))
    score = score_question(survey)
    choice = survey.questions.get(kind=QuestionKind.CHOICE)
    text = survey.questions.get(kind=QuestionKind.TEXT)
    invitation = surveys.invite(survey, ContactFactory(), InvitationSource.MANUAL)
    with pytest.raises(ValidationError) as raised:
        surveys.record_answers(invitation, {score.pk: "11", choice.pk: "zz", text.pk: "  "})
    errors = raised.value.message_dict
    assert set(errors) == {str(score.pk), str(choice.pk), str(text.pk)}
    assert errors[str(score.pk)] == ["Choose a value from 0 to 10."]
    assert errors[str(choice.pk)] == ["Choose one of the options."]
    assert errors[str(text.pk)] == ["Please answer this question."]
    # One good answer among bad ones is not kept either.
    with pytest.raises(ValidationError) as raised:
        surveys.record_answers(invitation, {score.pk: "8", choice.pk: "o2", text.pk: ""})
    assert set(raised.value.message_dict) == {str(text.pk)}
    with pytest.raises(ValidationError):
        surveys.record_answers(invitation, {score.pk: "ten", choice.pk: "o2", text.pk: "ok"})
    assert not SurveyAnswer.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered_at is None
    assert not Task.objects.exists()


def test_answering_again_replaces_the_answers() -> None:
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.NPS, comment())
    score, text = score_question(survey), survey.questions.get(kind=QuestionKind.TEXT)
    invitation = surveys.invite(survey, ContactFactory(), InvitationSource.MANUAL)
    surveys.record_answers(invitation, {score.pk: "8", text.pk: "Good"})
    surveys.record_answers(invitation, {score.pk: "10", text.pk: ""})
    assert list(SurveyAnswer.objects.values_list("question_id", "number")) == [(score.pk, 10)]


def test_a_closed_survey_takes_no_answers_and_no_invitations() -> None:
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.NPS)
    client = ContactFactory()
    invitation = surveys.invite(survey, client, InvitationSource.MANUAL)
    Survey.objects.filter(pk=survey.pk).update(is_active=False)
    invitation.survey.refresh_from_db()
    with pytest.raises(ValidationError):
        surveys.record_answers(invitation, {score_question(survey).pk: "9"})
    with pytest.raises(ValidationError):
        surveys.invite(invitation.survey, ContactFactory(), InvitationSource.MANUAL)


def test_results_count_only_the_contacts_the_reader_may_see() -> None:
    ours, theirs = TeamFactory(), TeamFactory()
    agent = make_user(Role.AGENT, ours)
    colleague = make_user(Role.AGENT, theirs)
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.NPS, comment())
    answered(survey, ContactFactory(owner=agent, team=ours), 10, text="Ours")
    answered(survey, ContactFactory(owner=colleague, team=theirs), 0, text="Secret")
    answered(survey, ContactFactory(owner=colleague, team=theirs), 1)
    seen = surveys.results(survey, agent)
    assert seen.nps is not None
    assert (seen.nps.promoters, seen.nps.detractors, seen.nps.score) == (1, 0, 100)
    assert (seen.invited, seen.answered) == (1, 1)
    assert [t.text for t in seen.texts] == ["Ours"]
    assert sum(bar.count for bar in seen.questions[0].bars) == 1
    everything = surveys.results(survey, make_user(Role.ADMIN))
    assert everything.nps is not None
    assert everything.nps.score == -33


def test_an_invitation_is_made_once_per_survey_contact_and_source_reference() -> None:
    agent = make_user(Role.AGENT)
    survey = make_survey(agent, SurveyKind.NPS)
    client = ContactFactory()
    first = surveys.invite(survey, client, InvitationSource.MANUAL, by=agent)
    assert surveys.invite(survey, client, InvitationSource.MANUAL) == first
    campaign_a = make_campaign(agent, make_list(agent, client.pk))
    campaign_b = make_campaign(agent, make_list(agent, client.pk))
    from_a = surveys.invite(survey, client, InvitationSource.CAMPAIGN, reference=campaign_a)
    assert from_a != first
    assert surveys.invite(survey, client, InvitationSource.CAMPAIGN, reference=campaign_a) == from_a
    assert surveys.invite(survey, client, InvitationSource.CAMPAIGN, reference=campaign_b) != from_a
    assert SurveyInvitation.objects.count() == 3
    assert len({i.token for i in SurveyInvitation.objects.all()}) == 3


def test_an_answer_link_is_signed_and_leads_to_its_invitation() -> None:
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.NPS)
    invitation = surveys.invite(survey, ContactFactory(), InvitationSource.MANUAL)
    url = surveys.answer_url(invitation)
    signed = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    assert invitation.token not in url.split(":")[-1]  # the raw token is signed, not bare
    assert surveys.invitation_of(signed) == invitation
    from sampark.marketing.links import BadLink, contact_token

    for forged in (signed[:-2] + "xx", invitation.token, contact_token(invitation.contact)):
        with pytest.raises(BadLink):
            surveys.invitation_of(forged)


def test_invite_after_an_interaction_invites_its_contact_once(smtp_settings: SmtpServer) -> None:
    survey = make_survey(make_user(Role.MANAGER), SurveyKind.CSAT)
    client = reachable_client(email="sunita@example.com", language="hi")
    first = surveys.invite_after(client, survey)
    assert first is not None
    assert first.source == InvitationSource.INTERACTION
    assert first.sent_at is not None
    assert surveys.invite_after(client, survey) == first
    assert len(smtp_settings.messages) == 1
    assert smtp_settings.messages[0].message["Content-Language"] == "hi"
    # Someone marketing may not reach gets nothing.
    assert surveys.invite_after(ContactFactory(), survey) is None


def test_a_campaign_mail_carries_a_working_signed_answer_link(smtp_settings: SmtpServer) -> None:
    agent = make_user(Role.AGENT)
    make_survey(agent, SurveyKind.NPS, key="nps_2026")
    client = reachable_client(owner=agent, email="rahim@example.com", language="bn")
    template = make_template(
        agent,
        bn=("আপনার মতামত", "আমাদের বলুন: {{ surveys.nps_2026 }}"),
        en=("Your view", "Tell us: {{ surveys.nps_2026 }}"),
    )
    campaign = make_campaign(agent, make_list(agent, client.pk), template=template)
    audience.plan(campaign, agent)
    sending.send_due(campaign.pk)
    (mail,) = smtp_settings.messages
    invitation = SurveyInvitation.objects.get()
    assert (invitation.contact, invitation.source) == (client, InvitationSource.CAMPAIGN)
    assert invitation.reference == campaign
    text = mail.message.get_body(("plain",)).get_content()
    found = re.search(r"আমাদের বলুন: (\S+)", text)
    assert found is not None
    link = found.group(1)
    # The link is signed (a timestamp makes each signing differ): it reads back to the invitation.
    assert link.startswith(surveys.answer_url(invitation).split("/survey/")[0] + "/survey/")
    assert surveys.invitation_of(urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]) == invitation
    page = Client().get(urlsplit(link).path)
    assert page.status_code == 200
    assert page["Content-Language"] == "bn"
    assert not SurveyAnswer.objects.exists()


def test_a_template_preview_links_the_survey_page_and_invites_nobody() -> None:
    agent = make_user(Role.AGENT)
    survey = make_survey(agent, SurveyKind.NPS, key="nps_preview")
    template = make_template(agent, en=("Hi", "{{ surveys.nps_preview }}"))
    mail = compose(template, ContactFactory(), make_sender())
    assert f"/marketing/surveys/{survey.pk}/" in mail.text
    assert not SurveyInvitation.objects.exists()
    # A key no open survey has is the template's problem, not a dead link.
    unknown = make_template(agent, en=("Hi", "{{ surveys.no_such }}"))
    with pytest.raises(personalise.TemplateProblem, match="no_such"):
        compose(unknown, ContactFactory(), make_sender())
