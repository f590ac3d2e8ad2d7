"""Settings: users, teams, roles and API tokens."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def settings_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/settings/home.html")
