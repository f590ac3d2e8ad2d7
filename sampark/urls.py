from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from sampark.api import api
from sampark.core.views import account
from sampark.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", account.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password-reset/", account.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password-reset/sent/",
        account.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        account.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/profile/", account.profile, name="profile"),
    path("accounts/mail/", include("sampark.mail.urls_mine")),  # one's own mailbox
    path("accounts/password/", account.PasswordChangeView.as_view(), name="password_change"),
    path("language/", account.set_language, name="set_language"),
    path("settings/custom-fields/", include("sampark.customfields.urls")),
    path("settings/sales/", include("sampark.sales.urls_settings")),  # pipelines, rates
    path("settings/lead-scoring/", include("sampark.scoring.urls_settings")),  # rules, model
    path("settings/mailboxes/", include("sampark.mail.urls")),
    path("settings/service/", include("sampark.service.urls_settings")),  # SLAs, queues, agents
    path("settings/chat/", include("sampark.chat.urls_settings")),  # chat widgets
    path("settings/", include("sampark.core.settings_urls")),
    path("", include("sampark.contacts.urls")),
    path("", include("sampark.collab.urls")),  # /collab/…, /notifications/…
    path("search/", include("sampark.contacts.urls_search")),
    path("lists/", include("sampark.listviews.urls")),  # columns and saved views of lists
    path("duplicates/", include("sampark.duplicates.urls")),  # the queue, merges, undo
    path("imports/", include("sampark.imports.urls")),
    path("exports/", include("sampark.exports.urls")),  # lists as CSV / XLSX, a contact's data
    path("agenda/", include("sampark.agenda.urls")),
    path("sales/", include("sampark.sales.urls")),
    path("leads/", include("sampark.leads.urls")),
    path("scoring/", include("sampark.scoring.urls")),  # a lead's score section
    path("f/", include("sampark.leads.urls_public")),  # web forms on other websites post here
    path("m/", include("sampark.mail.urls_public")),  # opens and clicks of tracked mail
    path("service/", include("sampark.service.urls")),
    path("help/", include("sampark.service.urls_help")),  # the public help centre
    path("support/", include("sampark.service.urls_portal")),  # ticket form, portal, CSAT links
    path("chat/inbox/", include("sampark.chat.urls_inbox")),  # agents answer chats
    path("chat/", include("sampark.chat.urls_public")),  # the widget's texts and socket address
    path("marketing/", include("sampark.marketing.urls")),
    # The preference centre, unsubscribe and double opt-in links in our mail.
    path("preferences/", include("sampark.marketing.urls_public")),
    path("n/", include("sampark.marketing.urls_track")),  # opens and clicks of campaign mail
    path("", include("sampark.offers.urls")),  # a contact's next-best offers
    path("automation/", include("sampark.automation.urls")),
    path("analytics/", include("sampark.analytics.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    # A mail provider's bounces and complaints (see marketing/bounces.py); only with a secret,
    # which anymail would otherwise not ask for.
    urlpatterns.append(path("anymail/", include("anymail.urls")))
