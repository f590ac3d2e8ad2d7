"""The optional language model that words the assistant's answers, against a server speaking the
chat-completions protocol on a loopback port: nothing reaches it unless the operator named it and
an admin turned it on for the widget; it gets the question and the article found, and only that;
when it refuses, fails or is down, the article is quoted as without it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from sampark.chat import actions
from sampark.chat.forms import ChatWidgetForm
from sampark.chat.models import ChatWidget
from sampark.core.models import Team, User
from sampark.service.tests.knowledge_factories import make_article

pytestmark = pytest.mark.django_db

SITE = "https://www.padma-securities.example"


class ModelServer:
    """Records what it was asked; answers ``reply`` (None: an error status)."""

    def __init__(self) -> None:
        self.asked: list[dict[str, Any]] = []
        self.reply: str | None = "Choose Forgot password on the login page; we text you a code."
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                server.asked.append(
                    {
                        "path": self.path,
                        "auth": self.headers.get("Authorization"),
                        "body": json.loads(self.rfile.read(length)),
                    }
                )
                if server.reply is None:
                    self.send_error(503)
                    return
                answer = {"choices": [{"message": {"role": "assistant", "content": server.reply}}]}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.http.server_port}/v1"

    def __enter__(self) -> ModelServer:
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.shutdown()
        self.http.server_close()


@pytest.fixture
def model(settings) -> Iterator[ModelServer]:  # type: ignore[no-untyped-def]
    with ModelServer() as server:
        settings.SAMPARK_ASSISTANT_LLM_URL = server.url
        settings.SAMPARK_ASSISTANT_LLM_MODEL = "small-local-model"
        settings.SAMPARK_ASSISTANT_LLM_KEY = "key-from-the-environment"
        settings.SAMPARK_ASSISTANT_LLM_TIMEOUT = 3
        yield server


@pytest.fixture
def widget(people, teams):  # type: ignore[no-untyped-def]
    make_article(
        people["manager"],
        title="Forgot your password",
        body="<p>On the login page choose Forgot password. We send a one-time code to your "
        "registered mobile; enter it and choose a new password.</p>",
    )
    make_article(
        people["manager"],
        title="Deposit money by UPI",
        body="<p>Deposits by UPI or NEFT show in your trading balance within two hours.</p>",
    )
    return ChatWidget.objects.create(
        name="Website", owner=people["manager"], team=teams[0], allowed_origins=SITE, assistant=True
    )


def ask(widget: ChatWidget, question: str) -> Any:
    conversation = actions.start(widget, origin=SITE, name="Asha", language="en").conversation
    return actions.assistant_turn(conversation, actions.visitor_says(conversation, question))


def test_nothing_leaves_the_server_until_an_admin_turns_the_model_on(model, widget) -> None:  # type: ignore[no-untyped-def]
    [answer] = ask(widget, "I forgot my password").said

    assert model.asked == []
    assert "one-time code" in answer.text  # the article, quoted


def test_turned_on_it_words_the_answer_from_the_article_found(model, widget) -> None:  # type: ignore[no-untyped-def]
    ChatWidget.objects.filter(pk=widget.pk).update(assistant_model=True)
    widget.refresh_from_db()

    [answer] = ask(widget, "I forgot my password").said

    assert answer.text == model.reply
    assert answer.article is not None
    assert answer.article.title == "Forgot your password"
    [asked] = model.asked
    assert asked["path"] == "/v1/chat/completions"
    assert asked["auth"] == "Bearer key-from-the-environment"
    assert asked["body"]["model"] == "small-local-model"
    said = json.dumps(asked["body"]["messages"], ensure_ascii=False)
    assert "I forgot my password" in said
    assert "one-time code" in said
    assert "Deposits by UPI" not in said  # only the article found
    assert "Asha" not in said  # nor who is asking


@pytest.mark.parametrize("reply", [None, "CANNOT_ANSWER", ""])
def test_a_refusal_or_a_failure_falls_back_to_quoting(model, widget, reply) -> None:  # type: ignore[no-untyped-def]
    ChatWidget.objects.filter(pk=widget.pk).update(assistant_model=True)
    widget.refresh_from_db()
    model.reply = reply

    [answer] = ask(widget, "I forgot my password").said

    assert len(model.asked) == 1
    assert "one-time code" in answer.text


def test_a_model_server_that_is_down_costs_only_the_wording(settings, widget) -> None:  # type: ignore[no-untyped-def]
    with ModelServer() as gone:
        url = gone.url
    settings.SAMPARK_ASSISTANT_LLM_URL = url
    ChatWidget.objects.filter(pk=widget.pk).update(assistant_model=True)
    widget.refresh_from_db()

    [answer] = ask(widget, "I forgot my password").said

    assert "one-time code" in answer.text


def test_the_switch_is_offered_only_once_a_model_server_is_named(settings, people) -> None:  # type: ignore[no-untyped-def]
    def fields() -> set[str]:
        form = ChatWidgetForm(owners=User.objects.all(), teams=Team.objects.all())
        return set(form.fields)

    settings.SAMPARK_ASSISTANT_LLM_URL = ""
    assert "assistant_model" not in fields()
    settings.SAMPARK_ASSISTANT_LLM_URL = "http://127.0.0.1:8080/v1"
    assert "assistant_model" in fields()
