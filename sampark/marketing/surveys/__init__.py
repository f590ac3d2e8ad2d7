"""Surveys: NPS, CSAT and custom questionnaires sent by campaign, by automation, after an
interaction or by hand; answered on a public page in the contact's language; charted for staff;
an unhappy answer opens a follow-up task for the contact's owner.

- ``links``: the signed, personal answer link (``answer_url``) and reading it back.
- ``invitations``: ``invite`` (one invitation per survey, contact and source reference),
  ``send_invitation`` (the invitation mail, in the contact's language), ``invite_after`` (for
  automation: a survey after an activity, ticket or other record of a contact), and the links a
  campaign mail's template asks for (``template_links``).
- ``answers``: ``record_answers``, checked question by question, and the detractor follow-up.
- ``results``: NPS, CSAT and the distribution of every question, counted in SQL over the
  contacts the reader may see.

In a campaign (or any marketing) template, ``{{ surveys.<key> }}`` is the contact's personal
answer link to the open survey whose key is ``<key>`` (``{{ surveys.nps_2025 }}``). Why a key
rather than "the survey of the campaign": a template is written once and reused by many
campaigns, so it names what it links to itself, readably, and one mail may carry two surveys.
A key no open survey has is a template problem: the preview says so, and a campaign mail is not
sent with a dead link. A campaign mail's link is an invitation from that campaign (made when
the mail is made, once per contact); a preview or a test mail gets the survey's staff page
instead, so trying a template out invites nobody.
"""

from __future__ import annotations

from sampark.marketing.surveys.answers import record_answers
from sampark.marketing.surveys.invitations import (
    invite,
    invite_after,
    send_invitation,
    template_links,
)
from sampark.marketing.surveys.links import answer_url, invitation_of
from sampark.marketing.surveys.results import Results, csat_percent, nps_score, results

__all__ = [
    "Results",
    "answer_url",
    "csat_percent",
    "invitation_of",
    "invite",
    "invite_after",
    "nps_score",
    "record_answers",
    "results",
    "send_invitation",
    "template_links",
]
