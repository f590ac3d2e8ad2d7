"""The knowledge-base article that answers a visitor's question, and whether it surely does.

Retrieval over the multilingual search index, among the help centre's articles in the visitor's
language (published and public only: the assistant never quotes what a visitor could not read).
The question's telling words (``suggest_knowledge.telling_words``) are stemmed
(``sampark.lib.stems``), given the synonyms clients use (``lexicon``) and looked up as prefixes,
one index query each. Articles are ranked by BM25: a word found in few articles says more than
one found in many, more uses say more with diminishing returns, and the title's words count
``TITLE_WEIGHT`` times. A question that says what an article's title says is about what the
article is about: the share of the title's words the question has raises the score.

The best article is a sure answer when it covers enough of the question (``CONFIDENT``: the
weight of the question's words it has over the weight of all of them) and leads the next best
clearly (``CLEAR_LEAD``). "Which share will double next month?" shares one word with the articles
on trading and covers little of the question; "otp not coming" is covered by one article far
ahead of the rest. Otherwise the assistant hands over rather than guess: a wrong answer costs a
client more than a short wait for a person.

The constants were chosen on the first evaluation set (``chat/tests/chatbot_questions.py``) and
checked on a second written apart and never tuned on (``chatbot_questions_held_out.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from django.db.models import QuerySet

from sampark.chat.lexicon import alternatives
from sampark.contacts import search
from sampark.contacts.search import text
from sampark.lib.richtext import html_to_text
from sampark.lib.stems import stem
from sampark.service.models import Article
from sampark.service.suggest_knowledge import telling_words

CONFIDENT = 0.3
# The next best article scores at most this share of the best one's score.
CLEAR_LEAD = 0.8
# A title's word says what the article is about; its text's words may be in passing.
TITLE_WEIGHT = 3.0
# A synonym's hit counts a little less than the visitor's own word.
SYNONYM_WEIGHT = 0.9
# BM25's usual constants: how soon more uses of a word stop adding, how much length matters.
_K1 = 1.2
_B = 0.75
# About what a chat bubble shows without scrolling on a phone.
PASSAGE_CHARACTERS = 420


@dataclass(frozen=True)
class Found:
    article: Article
    confidence: float  # 0..1: the share of the question's information the article covers
    passage: str  # the part of its text that answers, for quoting
    score: float  # its BM25 score
    sure: bool = False  # confident, and clearly ahead of the next best


Term = tuple[str, ...]  # a question's word: its stem, then the stems of its synonyms


def question_words(question: str) -> tuple[Term, ...]:
    """What to look up: each telling word's stem with its synonyms (``lexicon``), without
    repeats."""
    stems = dict.fromkeys(stem(word) for word in telling_words(question))
    return tuple(alternatives(word) for word in stems)


def find_answer(question: str, language: str) -> Found | None:
    """The best article in ``language`` for ``question``, and whether it is a sure answer;
    None when no article has any of its words."""
    ranked = rank(question, language, limit=2)
    if not ranked:
        return None
    best = ranked[0]
    ahead = len(ranked) == 1 or ranked[1].score <= CLEAR_LEAD * best.score
    return replace(best, sure=best.confidence >= CONFIDENT and ahead)


def rank(question: str, language: str, limit: int = 3) -> list[Found]:
    """The articles with any of the question's words, best first (at most ``limit``)."""
    terms = question_words(question)
    if not terms:
        return []
    shelf = Article.objects.on_help_centre(language)
    articles = shelf.count()
    having = {word: _having(shelf, word) for term in terms for word in term}
    candidates = set().union(*having.values())
    if not candidates:
        return []
    rarity = {word: _rarity(len(ids), articles) for word, ids in having.items()}
    # A term weighs as the word the visitor used: a synonym finds the article, it does not
    # make the question say more.
    weight = {term: rarity[term[0]] for term in terms}
    whole = sum(weight.values())
    read = [_Read(article) for article in shelf.filter(pk__in=candidates)]
    average = sum(r.length for r in read) / len(read)
    scored = []
    for r in read:
        score = covered = 0.0
        for term in terms:
            used = [word for word in term if r.article.pk in having[word]]
            if not used:
                continue
            covered += weight[term]
            score += max(
                rarity[word]
                * r.saturated(word, average)
                * (1.0 if word == term[0] else SYNONYM_WEIGHT)
                for word in used
            )
        score *= 1 + r.title_covered(terms)
        scored.append((score, covered / whole, r.article.helpful_count, r.article.pk, r))
    scored.sort(key=lambda row: row[:4], reverse=True)
    return [
        Found(r.article, confidence=covered, passage=r.passage(terms), score=score)
        for score, covered, _helpful, _pk, r in scored[:limit]
    ]


class _Read:
    """An article as the ranking reads it: its title's words, its paragraphs' words."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.title = text.tokens(article.title)
        self.title_stems = [stem(word) for word in telling_words(article.title)]
        self.paragraphs = [line for line in html_to_text(article.body).splitlines() if line.strip()]
        self.words = [text.tokens(line) for line in self.paragraphs]
        self.length = sum(len(words) for words in self.words) or 1

    def title_covered(self, terms: tuple[Term, ...]) -> float:
        """The share of the title's telling words the question has: a question that says what
        the title says is about what the article is about."""
        if not self.title_stems:
            return 0.0
        said = sum(
            1
            for word in self.title_stems
            if any(word.startswith(term) or _in(word, list(term)) for term in terms)
        )
        return said / len(self.title_stems)

    def saturated(self, word: str, average: float) -> float:
        """BM25's term frequency: how often the article uses the word (a paragraph counting
        once, the title ``TITLE_WEIGHT`` times), with diminishing returns, per its length."""
        often: float = sum(_in(word, words) for words in self.words)
        if _in(word, self.title):
            often += TITLE_WEIGHT
        norm = 1 - _B + _B * self.length / average
        return often * (_K1 + 1) / (often + _K1 * norm)

    def passage(self, words: tuple[Term, ...]) -> str:
        """The text from the paragraph with most of ``words`` on, up to a bubble's worth (cut
        at a word, marked with an ellipsis)."""
        if not self.paragraphs:
            return ""
        best = max(
            range(len(self.paragraphs)),
            key=lambda i: (sum(_in(word, self.words[i]) for word in words), -i),
        )
        # A list's first item is best read with the sentence that introduces it.
        if best and self.paragraphs[best - 1].rstrip().endswith(":"):
            best -= 1
        quoted = "\n".join(self.paragraphs[best:])
        if len(quoted) <= PASSAGE_CHARACTERS:
            return quoted
        cut = quoted[:PASSAGE_CHARACTERS].rsplit(" ", 1)[0]
        return f"{cut.rstrip(',;:')}…"


def _having(shelf: QuerySet[Article], word: str) -> set[int]:
    """The articles with a word starting with ``word``: one index query."""
    return set(search.narrow(shelf, word).values_list("pk", flat=True))


def _rarity(having: int, articles: int) -> float:
    """Inverse document frequency: a word in one article weighs most, one every article has
    weighs little (never nothing, so coverage stays defined). A word no article has weighs as
    much as the rarest: it may be what the question is about, or only a word of the chat."""
    return math.log((articles + 1) / (max(having, 1) + 0.5)) + 0.1


def _in(words: str | Term, tokens: list[str]) -> bool:
    """Whether a token starts with the word (or any of the words)."""
    return any(token.startswith(words) for token in tokens)
