"""The code a firm pastes into its website for a web form, and the addresses it names.

The form is plain HTML and works without script: posted without a fresh stamp, it answers with
the visitor's entries on a page of ours, to be sent once more (see views_public). The optional
script line fetches a stamp when the page loads, so the first send is taken, and fills in the
page's address and campaign tags.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from sampark.leads.capture import HONEYPOT_FIELD, STAMP_FIELD
from sampark.leads.forms_capture import CaptureForm
from sampark.leads.models import WebForm


def public_url(request: HttpRequest, form: WebForm) -> str:
    return request.build_absolute_uri(reverse("web_form_page", args=[form.public_token]))


def stamp_url(request: HttpRequest, form: WebForm) -> str:
    return request.build_absolute_uri(reverse("web_form_stamp", args=[form.public_token]))


def script_tag(request: HttpRequest) -> str:
    src = request.build_absolute_uri(static("leads/embed.js"))
    return f'<script src="{src}" defer></script>'


def snippet(request: HttpRequest, form: WebForm) -> str:
    """The form's HTML, in the form's language, for another website."""
    with translation.override(form.language):
        return render_to_string(
            "leads/public/snippet.html",
            {
                "form": CaptureForm(form),
                "web_form": form,
                "action": public_url(request, form),
                "stamp_url": stamp_url(request, form),
                "stamp": "",
                "honeypot": HONEYPOT_FIELD,
                "stamp_field": STAMP_FIELD,
            },
        ).strip()
