"""Finding articles by what someone typed, outside the header search: the help centre's search
box, and the articles suggested while an agent answers a ticket or a client writes one.

Both read the global search index (``search.narrow``: the words' prefixes, in any script, from
the same tokens the index holds), but always within a QuerySet chosen first: the help centre's
published public articles, or what the permission layer lets a user see. So the index only
narrows; it can never bring in an internal or draft article the base QuerySet leaves out.

A search box wants every word it was given (AND). A ticket's subject and text are sentences, so
suggestions count how many of their telling words an article has (any of them, OR), articles in
the writer's language first, and the title's words weigh twice.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import Combinable

from sampark.contacts import search
from sampark.contacts.search import text
from sampark.core.models import User
from sampark.service.models import Article

HELP_CENTRE_RESULTS = 50
MAX_SUGGESTIONS = 10
# Shorter words say little about a problem ("my", "is", "কি", "है") and match half the articles.
_MIN_WORD = 3
# The commonest words of a request in English, Bengali and Hindi, which every article has (they
# would rank articles by their length alone), and the small talk of a chat, which says nothing
# about the problem.
_COMMON_WORDS = """
the and for you your with have has had was are not can cannot how what this that from but when
why who will been after before please hello dear thanks thank there they them then than into
about does did get got its our out all any
আমি আমার আমাদের আপনি আপনার এবং কিন্তু কিভাবে কীভাবে কেন করে করতে করা হয় হয়েছে হচ্ছে থেকে জন্য
এই সেই একটি নেই না দয়া
मैं मेरा मेरी मेरे हम हमारा आप आपका और लेकिन कैसे क्यों करना करने किया है हैं था थी से के लिए
यह वह एक नहीं कृपया में पर को
want wants need needs know tell like would could should also still yet already now today
yesterday tomorrow just some something anything because since sir madam hi hey hii
আমাকে আমাদেরকে আপনাদের আপনারা তোমার তুমি চাই চাচ্ছি দরকার জানতে জানাবেন বলুন বলবেন এখন এখনো
এখনও আজ গতকাল কাল একটু কোনো কিছু যদি তাহলে তো ভাই আপা স্যার হ্যালো
मुझे मुझको मेरे हमें आपके आपकी इसके उसके क्या कोई कुछ चाहिए चाहता चाहती जानना बताइए बताएं
बताओ अभी आज कल तक भी तो अगर जी सर भाई हेलो नमस्ते
"""
# Folded as the index folds its words (Bengali য় written either way is one word).
_COMMON = frozenset(text.fold(word) for word in _COMMON_WORDS.split())


def help_centre_search(
    query: str, language: str, limit: int = HELP_CENTRE_RESULTS
) -> list[Article]:
    """Published public articles in ``language`` having every word of ``query`` (whole or its
    beginning) in their title or text; those with the words in their title first."""
    words = text.parse_query(query).words
    if not words:
        return []
    found = search.narrow(Article.objects.on_help_centre(language), query)
    articles = list(found.select_related("category").order_by("-published_at", "-id")[:limit])
    return sorted(articles, key=lambda article: -_title_hits(article, words))


def suggest_articles(
    text_typed: str,
    *,
    language: str,
    public_only: bool,
    user: User | None = None,
    limit: int = 5,
) -> list[Article]:
    """The published articles that best answer ``text_typed`` (a ticket's subject and text):
    those in ``language`` first, then the others; the most telling words matched first.

    ``public_only``: for clients, only what the help centre shows. Otherwise for ``user``, who
    sees the published articles the permission layer lets them see, internal ones included.
    """
    if public_only:
        candidates = Article.objects.on_help_centre()
    elif user is None:
        raise ValueError("Suggestions for staff need the user they are for.")
    else:
        candidates = Article.objects.visible_to(user).published()
    words = telling_words(text_typed)
    if not words:
        return []
    limit = max(1, min(limit, MAX_SUGGESTIONS))
    ranked = (
        candidates.annotate(
            hits=_hits(words),
            same_language=Case(
                When(language=language, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .filter(hits__gt=0)
        .select_related("category")
        .order_by("-same_language", "-hits", "-helpful_count", "-published_at", "-id")
    )
    # A few more than asked, re-ranked with the title's words counted again.
    shortlist = list(ranked[: limit * 3])
    shortlist.sort(
        key=lambda a: (-a.same_language, -(a.hits + _title_hits(a, words)))  # type: ignore[attr-defined]
    )
    return shortlist[:limit]


def telling_words(typed: str) -> tuple[str, ...]:
    """The words of ``typed`` worth looking up, longest (most specific) first, as many as one
    search query takes."""
    words = {
        word
        for word in text.tokens(typed)
        if len(word) >= _MIN_WORD and word not in _COMMON and not word.isdigit()
    }
    return tuple(sorted(words, key=lambda w: (-len(w), w))[: text.MAX_TERMS])


def _hits(words: tuple[str, ...]) -> Combinable:
    """How many of ``words`` an article has: one index look-up per word, in the same query."""
    total: Combinable = Value(0)
    for word in words:
        matching = search.narrow(Article.objects.all(), word).values("pk")
        total = total + Case(
            When(Q(pk__in=matching), then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    return total


def _title_hits(article: Article, words: tuple[str, ...]) -> int:
    title = text.tokens(article.title)
    return sum(1 for word in words if any(token.startswith(word) for token in title))
