"""Where a request's server time goes: the view's own work, apart from rendering its template.

A page's time is middleware (session, sign-in, language), the view, and the template. Only the
view's reading has a hand-written SQL equivalent, so its share is what the raw baseline is set
against; the whole request is what the time targets are set against. ``ViewClock`` measures
the view by wrapping what Django calls it through, and takes away the time spent rendering
templates inside it (on the first, outermost render of each template, not its includes).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.handlers.base import BaseHandler
from django.template.backends.django import Template


class ViewClock:
    def __init__(self) -> None:
        self.view_s = 0.0
        self.render_s = 0.0
        self._rendering = 0

    @property
    def data_ms(self) -> float:
        """The views' time without rendering since the last ``reset``."""
        return (self.view_s - self.render_s) * 1000

    def reset(self) -> None:
        self.view_s = self.render_s = 0.0

    @contextmanager
    def installed(self) -> Iterator[ViewClock]:
        make_view_atomic = BaseHandler.make_view_atomic
        render = Template.render
        clock = self

        def timed_view(handler: BaseHandler, view: Callable[..., Any]) -> Callable[..., Any]:
            inner = make_view_atomic(handler, view)

            def run(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    response = inner(*args, **kwargs)
                    # A TemplateResponse renders after the view returns: count it as the view's.
                    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                        response.render()
                    return response
                finally:
                    clock.view_s += time.perf_counter() - started

            return run

        def timed_render(template: Template, *args: Any, **kwargs: Any) -> Any:
            clock._rendering += 1
            started = time.perf_counter()
            try:
                return render(template, *args, **kwargs)
            finally:
                clock._rendering -= 1
                if not clock._rendering:
                    clock.render_s += time.perf_counter() - started

        BaseHandler.make_view_atomic = timed_view  # type: ignore[method-assign,assignment]
        Template.render = timed_render  # type: ignore[method-assign,assignment]
        try:
            yield self
        finally:
            BaseHandler.make_view_atomic = make_view_atomic  # type: ignore[method-assign]
            Template.render = render  # type: ignore[method-assign]
