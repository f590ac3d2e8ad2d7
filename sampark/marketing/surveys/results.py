"""A survey's results, as one reader may see them: only the answers of contacts they may see
(``Contact.objects.visible_to``), counted in SQL.

NPS: of all the answers to the 0-10 question, the share of promoters (9-10) minus the share of
detractors (0-6), in percentage points, rounded half away from zero; passives (7-8) count in
the whole only. CSAT: the share of 4s and 5s among the answers to the 1-5 question, as a
rounded percentage. Every scale and choice question gets a count per value (a bar each on the
results page), and text answers are listed, newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import translation

from sampark.contacts.models import Contact
from sampark.core.models import User
from sampark.marketing.models import (
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyKind,
)
from sampark.marketing.models.surveys import localized
from sampark.marketing.surveys.answers import (
    CSAT_SATISFIED_MIN,
    NPS_DETRACTOR_MAX,
    NPS_PROMOTER_MIN,
)

# Text answers shown on the page: the newest.
TEXTS_SHOWN = 100


def _rounded(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def nps_score(promoters: int, passives: int, detractors: int) -> int | None:
    """The Net Promoter Score, from -100 to 100; None without answers."""
    total = promoters + passives + detractors
    if not total:
        return None
    return _rounded(Decimal(100 * (promoters - detractors)) / Decimal(total))


def csat_percent(satisfied: int, total: int) -> int | None:
    """The share of satisfied answers (4 or 5 of 5), as a percentage; None without answers."""
    if not total:
        return None
    return _rounded(Decimal(100 * satisfied) / Decimal(total))


@dataclass(frozen=True)
class Nps:
    promoters: int
    passives: int
    detractors: int

    @property
    def total(self) -> int:
        return self.promoters + self.passives + self.detractors

    @property
    def score(self) -> int | None:
        return nps_score(self.promoters, self.passives, self.detractors)


@dataclass(frozen=True)
class Csat:
    satisfied: int
    total: int

    @property
    def percent(self) -> int | None:
        return csat_percent(self.satisfied, self.total)


@dataclass(frozen=True)
class Bar:
    """One value of a scale or choice question and how many chose it; ``tone`` colours an NPS
    bar (detractor, passive, promoter)."""

    label: str
    count: int
    tone: str = ""


@dataclass
class QuestionResult:
    question: Question
    text: str
    answers: int = 0
    bars: list[Bar] = field(default_factory=list)

    @property
    def highest(self) -> int:
        """The longest bar's count (at least 1): what the chart's bars are drawn against."""
        return max([bar.count for bar in self.bars] + [1])


@dataclass(frozen=True)
class TextAnswer:
    question: str
    contact: Contact
    text: str
    answer: SurveyAnswer


@dataclass
class Results:
    invited: int
    answered: int
    nps: Nps | None
    csat: Csat | None
    questions: list[QuestionResult]
    texts: list[TextAnswer]


def _nps_tone(value: int) -> str:
    if value <= NPS_DETRACTOR_MAX:
        return "detractor"
    return "promoter" if value >= NPS_PROMOTER_MIN else "passive"


def results(survey: Survey, user: User) -> Results:
    """``survey``'s results over the contacts ``user`` may see, in five queries."""
    language = translation.get_language() or survey.default_language
    visible = Contact.objects.visible_to(user).values("pk")
    invitations = SurveyInvitation.objects.filter(survey=survey, contact__in=visible)
    answers: QuerySet[SurveyAnswer] = SurveyAnswer.objects.filter(
        question__survey=survey, invitation__contact__in=visible
    )
    counts = invitations.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    questions = list(survey.questions.all())
    per_question = {
        q.pk: QuestionResult(q, localized(q.text, language, survey.default_language))
        for q in questions
    }
    tallies = (
        answers.filter(question__kind__in=[QuestionKind.SCALE, QuestionKind.CHOICE])
        .values("question_id", "number", "choice")
        .annotate(n=Count("pk"))
    )
    counted: dict[int, dict[int | str, int]] = {}
    for row in tallies:  # one row per question and value, not per answer
        value = row["number"] if row["number"] is not None else row["choice"]
        counted.setdefault(row["question_id"], {})[value] = row["n"]
    for question in questions:
        result, got = per_question[question.pk], counted.get(question.pk, {})
        result.answers = sum(got.values())
        if question.kind == QuestionKind.SCALE:
            coloured = survey.kind == SurveyKind.NPS and question.is_score
            result.bars = [
                Bar(str(value), got.get(value, 0), _nps_tone(value) if coloured else "")
                for value in question.scale_values()
            ]
        elif question.kind == QuestionKind.CHOICE:
            result.bars = [
                Bar(
                    localized(option.get("labels"), language, survey.default_language) or value,
                    got.get(value, 0),
                )
                for option in question.options
                if (value := str(option.get("value", "")))
            ]
    nps, csat = _scores(survey, answers, questions)
    texts = [
        TextAnswer(per_question[a.question_id].text, a.invitation.contact, a.text, a)
        for a in answers.filter(question__kind=QuestionKind.TEXT)
        .exclude(text="")
        .select_related("invitation__contact")
        .order_by("-answered_at", "-pk")[:TEXTS_SHOWN]
    ]
    return Results(
        invited=counts["invited"],
        answered=counts["answered"],
        nps=nps,
        csat=csat,
        questions=[per_question[q.pk] for q in questions],
        texts=texts,
    )


def _scores(
    survey: Survey, answers: QuerySet[SurveyAnswer], questions: list[Question]
) -> tuple[Nps | None, Csat | None]:
    score_question = next((q for q in questions if q.is_score), None)
    if score_question is None or survey.kind == SurveyKind.CUSTOM:
        return None, None
    scored = answers.filter(question=score_question, number__isnull=False)
    if survey.kind == SurveyKind.NPS:
        found = scored.aggregate(
            promoters=Count("pk", filter=Q(number__gte=NPS_PROMOTER_MIN)),
            passives=Count(
                "pk", filter=Q(number__gt=NPS_DETRACTOR_MAX, number__lt=NPS_PROMOTER_MIN)
            ),
            detractors=Count("pk", filter=Q(number__lte=NPS_DETRACTOR_MAX)),
        )
        return Nps(found["promoters"], found["passives"], found["detractors"]), None
    found = scored.aggregate(
        satisfied=Count("pk", filter=Q(number__gte=CSAT_SATISFIED_MIN)), total=Count("pk")
    )
    return None, Csat(found["satisfied"], found["total"])
