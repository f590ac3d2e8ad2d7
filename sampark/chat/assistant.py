"""What the chat assistant says to a visitor's message: an answer quoted from the help centre, or
a hand-over to a person, in the visitor's language.

It answers only from an article it is sure of (``knowledge_answers.find_answer``), quotes
the part of the article that answers and links to the whole of it. It hands over when it is not
sure, and whenever the visitor asks for a person, in any of the three languages. Greetings and
thanks get a short reply rather than a search. Nothing here writes: ``actions.assistant_turn``
stores what is said and does the hand-over.

The language is the visitor's, unless their message is plainly in another script: a visitor who
chose English and writes in Bengali is answered from the Bengali articles, in Bengali.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import override

from sampark.chat import phrasing
from sampark.chat.knowledge_answers import find_answer, question_words
from sampark.contacts.search import text
from sampark.lib.richtext import html_to_text
from sampark.lib.scripts import language_by_script
from sampark.service.models import Article


class Move(enum.Enum):
    ANSWER = "answer"
    HAND_OVER = "hand_over"
    PROMPT = "prompt"  # nothing to look up: ask for the question
    WELCOME = "welcome"  # thanked


@dataclass(frozen=True)
class Response:
    move: Move
    text: str
    language: str
    article: Article | None = None
    confidence: float = 0.0


# Beginnings of the words a visitor uses to ask for a person (folded, as the index folds).
_PERSON = (
    "human",
    "person",
    "agent",
    "operator",
    "representative",
    "someone",
    "somebody",
    "staff",
    "মানুষ",
    "এজেন্ট",
    "প্রতিনিধি",
    "কর্মকর্তা",
    "কর্মী",
    "इंसान",
    "एजेंट",
    "व्यक्ति",
    "प्रतिनिधि",
    "कर्मचारी",
)
_THANKS = ("thank", "thx", "ধন্যবাদ", "धन्यवाद", "शुक्रिया")
# "Thanks a lot!" is thanks; "thanks, and how do I close my account?" is a question.
_SHORT_THANKS = 4


def language_of(message: str, chosen: str) -> str:
    return language_by_script(message) or chosen


def respond(message: str, language: str, *, worded: bool = False) -> Response:
    """The assistant's move on ``message`` from a visitor who chose ``language``. ``worded``:
    the answer worded by the language model (``phrasing``), when one is set up."""
    language = language_of(message, language)
    words = text.tokens(message)
    with override(language):
        if _says(words, _PERSON):
            return Response(Move.HAND_OVER, _("Of course: let me find a person for you."), language)
        asked = question_words(message)
        if _says(words, _THANKS) and len(words) <= _SHORT_THANKS:
            return Response(
                Move.WELCOME, _("You are welcome! Anything else I can help with?"), language
            )
        if not asked:
            return Response(
                Move.PROMPT,
                _("Ask me your question in a few words, or ask for a person."),
                language,
            )
        found = find_answer(message, language)
        if found is None or not found.sure:
            return Response(
                Move.HAND_OVER,
                _("I am not sure I know the answer to that. Let me find a person for you."),
                language,
                confidence=found.confidence if found else 0.0,
            )
        article = found.article
        said = worded and phrasing.phrase(
            message, article.title, html_to_text(article.body), language
        )
        return Response(
            Move.ANSWER,
            said or found.passage or article.title,
            language,
            article=found.article,
            confidence=found.confidence,
        )


def greeting(name: str, language: str) -> str:
    with override(language):
        return _(
            "Hello %(name)s! I am the assistant: ask me your question, and I will answer from "
            "our help centre. You can ask for a person at any time."
        ) % {"name": name}


def _says(words: list[str], beginnings: tuple[str, ...]) -> bool:
    return any(word.startswith(beginnings) for word in words)
