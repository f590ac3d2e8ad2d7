"""The answer link: the invitation's random token, signed under the site's key with the
surveys' own salt (as the preference links are, with theirs), so it is neither guessed nor
turned into another kind of link. It lives as long as the invitation; a closed survey's page
says it is closed."""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from sampark.core.reversing import quick_reverse
from sampark.marketing.links import BadLink
from sampark.marketing.models import SurveyInvitation

_SALT = "sampark.marketing.survey"


def answer_url(invitation: SurveyInvitation) -> str:
    token = signing.dumps(invitation.token, salt=_SALT)
    return settings.SAMPARK_SITE_URL + quick_reverse("marketing_public:survey", token)


def invitation_of(signed: str) -> SurveyInvitation:
    """The invitation an answer link names; ``BadLink`` if it was altered or is gone."""
    try:
        token = signing.loads(signed, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink from None
    invitation = (
        SurveyInvitation.objects.select_related("survey", "contact")
        .filter(token=str(token))
        .first()
    )
    if invitation is None:
        raise BadLink
    return invitation
