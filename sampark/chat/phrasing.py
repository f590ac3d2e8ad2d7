"""Answers worded by a language model: only when the operator has set one up and an admin has
turned it on for a widget. Without both, nothing of a chat leaves the server.

The model is any server speaking the OpenAI chat-completions protocol (llama.cpp's server,
Ollama, vLLM, or a hosted API), set by ``SAMPARK_ASSISTANT_LLM_URL`` (its base, such as
``http://127.0.0.1:8080/v1``), ``SAMPARK_ASSISTANT_LLM_MODEL`` and ``SAMPARK_ASSISTANT_LLM_KEY``.
It only rewords: it is given the visitor's question and the article the retrieval chose, and told
to answer from that article alone, in the visitor's language, or to say it cannot. The assistant
still links the article. On a refusal, an error or a timeout the article is quoted as it is
without a model, so a model that is down costs a visitor nothing but the wording.
"""

from __future__ import annotations

import json
import logging
import urllib.request
from urllib.error import URLError

from django.conf import settings

logger = logging.getLogger("sampark.chat")

CANNOT = "CANNOT_ANSWER"
LANGUAGE_NAMES = {"en": "English", "bn": "Bengali", "hi": "Hindi"}
# The answer fits a chat bubble; a model that rambles is cut short.
MAX_TOKENS = 300
MAX_CHARACTERS = 1200

_INSTRUCTIONS = (
    "You answer a client's question in a brokerage's website chat. Answer ONLY from the help "
    "centre article given, in {language}, in at most three short sentences, politely and "
    "plainly. Never give investment advice and never ask for passwords or one-time codes. If "
    "the article does not answer the question, reply with exactly " + CANNOT + "."
)


def configured() -> bool:
    return bool(settings.SAMPARK_ASSISTANT_LLM_URL)


def phrase(question: str, title: str, article: str, language: str) -> str | None:
    """The model's answer to ``question`` from the article, or None (not set up, refused,
    failed): the caller quotes the article instead."""
    if not configured():
        return None
    body = {
        "model": settings.SAMPARK_ASSISTANT_LLM_MODEL,
        "temperature": 0.2,
        "max_tokens": MAX_TOKENS,
        "messages": [
            {
                "role": "system",
                "content": _INSTRUCTIONS.format(language=LANGUAGE_NAMES.get(language, language)),
            },
            {"role": "user", "content": f"Article: {title}\n\n{article}\n\nQuestion: {question}"},
        ],
    }
    headers = {"Content-Type": "application/json"}
    if settings.SAMPARK_ASSISTANT_LLM_KEY:
        headers["Authorization"] = f"Bearer {settings.SAMPARK_ASSISTANT_LLM_KEY}"
    request = urllib.request.Request(  # noqa: S310 - an http(s) URL checked by the settings
        f"{settings.SAMPARK_ASSISTANT_LLM_URL}/chat/completions",
        data=json.dumps(body).encode(),
        headers=headers,
        method="POST",
    )
    try:
        with urllib.request.urlopen(  # noqa: S310 - as above
            request, timeout=settings.SAMPARK_ASSISTANT_LLM_TIMEOUT
        ) as answer:
            reply = json.load(answer)
        said = str(reply["choices"][0]["message"]["content"]).strip()
    except (URLError, TimeoutError, OSError, ValueError, KeyError, IndexError, TypeError):
        logger.warning("The assistant's language model did not answer", exc_info=True)
        return None
    if not said or CANNOT in said:
        return None
    return said[:MAX_CHARACTERS]
