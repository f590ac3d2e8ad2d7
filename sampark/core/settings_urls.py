from __future__ import annotations

from django.urls import path

from sampark.core.views import api_tokens, roles, teams, users, workspace

app_name = "settings"
urlpatterns = [
    path("", workspace.settings_home, name="home"),
    path("users/", users.user_list, name="users"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_edit, name="user_edit"),
    path("users/<int:pk>/send-link/", users.user_send_link, name="user_send_link"),
    path("teams/", teams.team_list, name="teams"),
    path("teams/new/", teams.team_create, name="team_create"),
    path("teams/<int:pk>/", teams.team_detail, name="team_detail"),
    path("teams/<int:pk>/edit/", teams.team_edit, name="team_edit"),
    path("teams/<int:pk>/delete/", teams.team_delete, name="team_delete"),
    path("roles/", roles.role_overview, name="roles"),
    path("tokens/", api_tokens.token_list, name="tokens"),
    path("tokens/new/", api_tokens.token_create, name="token_create"),
    path("tokens/<int:pk>/revoke/", api_tokens.token_revoke, name="token_revoke"),
]
