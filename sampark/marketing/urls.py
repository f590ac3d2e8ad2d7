from __future__ import annotations

from django.urls import include, path

from sampark.marketing import views, views_consent, views_templates

app_name = "marketing"
urlpatterns = [
    path("", views.segment_list, name="home"),
    path("campaigns/", include("sampark.marketing.urls_campaigns")),
    path("surveys/", include("sampark.marketing.urls_surveys")),
    path("segments/new/", views.segment_new, name="segment_new"),
    path("segments/builder/", views.rule_builder, name="builder"),
    path("segments/builder/count/", views.rule_count, name="builder_count"),
    path("segments/<int:pk>/", views.segment_detail, name="segment"),
    path("segments/<int:pk>/count/", views.segment_count, name="segment_count"),
    path("segments/<int:pk>/edit/", views.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/delete/", views.segment_delete, name="segment_delete"),
    path("segments/<int:pk>/copy/", views.segment_copy, name="segment_copy"),
    path("segments/<int:pk>/members/add/", views.list_add_segment, name="list_add"),
    path("segments/<int:pk>/members/<int:contact>/remove/", views.list_remove, name="list_remove"),
    path("consent/<int:pk>/", views_consent.contact_consent, name="contact_consent"),
    path("consent/<int:pk>/record/", views_consent.record_consent, name="record_consent"),
    path("consent/<int:pk>/opt-in/", views_consent.ask_opt_in, name="ask_opt_in"),
    path("suppressions/", views_consent.suppressions, name="suppressions"),
    path("suppressions/<int:pk>/lift/", views_consent.lift, name="lift_suppression"),
    path("templates/", views_templates.template_list, name="templates"),
    path("templates/new/", views_templates.template_edit, name="template_new"),
    path("templates/preview/", views_templates.template_preview, name="template_preview"),
    path("templates/<int:pk>/", views_templates.template_detail, name="template"),
    path("templates/<int:pk>/edit/", views_templates.template_edit, name="template_edit"),
    path("senders/new/", views_templates.sender_edit, name="sender_new"),
    path("senders/<int:pk>/", views_templates.sender_edit, name="sender_edit"),
]
