"""``{{ comment|comment_html }}``: a comment's text, escaped, with links and mentions."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from sampark.collab import mentions
from sampark.collab.models import Comment

register = template.Library()


@register.filter
def comment_html(comment: Comment) -> SafeString:
    # mentions.all() is prefetched by the views: no query per comment.
    return mentions.render(comment.body, comment.mentions.all())
