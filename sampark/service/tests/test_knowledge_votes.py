""" "Was this helpful?": one answer per reader and article (a signed-in user, or an anonymous
visitor's session), which they may change; the article keeps the counts. On the help centre
the answer is a form post with a CSRF token, which works without JavaScript and with htmx."""

from __future__ import annotations

import pytest
from django.test import Client

from sampark.service import actions_knowledge as actions
from sampark.service.actions_knowledge import Voter
from sampark.service.models import Article, ArticleVote
from sampark.service.tests.knowledge_factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(people):  # type: ignore[no-untyped-def]
    return make_article(people["agent"])


def counts(article: Article) -> tuple[int, int]:
    article.refresh_from_db()
    return article.helpful_count, article.not_helpful_count


def test_one_vote_per_reader_which_they_may_change(people, article):
    actions.vote(article, helpful=True, voter=Voter(visitor="a"))
    actions.vote(article, helpful=True, voter=Voter(visitor="a"))
    actions.vote(article, helpful=True, voter=Voter(user_id=people["reader"].pk))
    assert counts(article) == (2, 0)

    actions.vote(article, helpful=False, voter=Voter(visitor="a"))

    assert counts(article) == (1, 1)
    assert ArticleVote.objects.count() == 2
    assert ArticleVote.objects.get(visitor="a").helpful is False


def test_a_voter_is_a_user_or_a_visitor(people):
    with pytest.raises(ValueError, match="exactly one"):
        Voter()
    with pytest.raises(ValueError, match="exactly one"):
        Voter(user_id=people["agent"].pk, visitor="a")


def test_a_vote_does_not_change_the_article_s_version_or_audit_trail(people, article):
    version = article.version

    actions.vote(article, helpful=True, voter=Voter(visitor="a"))

    assert Article.objects.get().version == version
    # So an editor's open form is still current.
    actions.update_article(
        article, by=people["agent"], values={"title": "New"}, expected_version=version
    )


def post_vote(client: Client, article: Article, answer: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return client.post(f"{article.public_url()}vote/", {"helpful": answer}, **kwargs)


def test_a_visitor_votes_without_javascript_and_sees_their_answer(article):
    visitor = Client()

    answered = post_vote(visitor, article, "yes")
    page = visitor.get(answered["Location"].split("#")[0])

    assert answered.status_code == 303
    assert answered["Location"] == f"{article.public_url()}#helpful"
    assert counts(article) == (1, 0)
    assert 'aria-pressed="true"' in page.content.decode()
    # Having a session now, the visitor gets fresh pages.
    assert "no-cache" in page["Cache-Control"]


def test_a_visitor_changing_their_answer_counts_once(article):
    visitor = Client()

    post_vote(visitor, article, "yes")
    post_vote(visitor, article, "no")
    post_vote(visitor, article, "no")
    post_vote(Client(), article, "no")

    assert counts(article) == (0, 2)
    assert ArticleVote.objects.count() == 2


def test_a_signed_in_user_votes_as_themselves(client, people, article):
    client.force_login(people["reader"])

    post_vote(client, article, "yes")

    assert ArticleVote.objects.get().user == people["reader"]


def test_htmx_gets_the_answer_back_as_a_fragment(article):
    response = post_vote(Client(), article, "no", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card help-vote" id="helpful"')
    assert "<html" not in html
    assert counts(article) == (0, 1)


def test_an_answer_that_is_neither_yes_nor_no_is_refused_without_counting(article):
    response = post_vote(Client(), article, "maybe")

    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert counts(article) == (0, 0)


def test_a_vote_needs_the_page_s_csrf_token(article):
    visitor = Client(enforce_csrf_checks=True)

    forged = post_vote(visitor, article, "yes")
    page = visitor.get(article.public_url())
    token = page.context["csrf_token"]
    sent = visitor.post(
        f"{article.public_url()}vote/", {"helpful": "yes", "csrfmiddlewaretoken": token}
    )

    assert forged.status_code == 403
    assert sent.status_code == 303
    assert counts(article) == (1, 0)


def test_a_vote_is_a_post(article):
    assert Client().get(f"{article.public_url()}vote/?helpful=yes").status_code == 405
    assert counts(article) == (0, 0)
