"""Comments, follows and notifications (namespace ``collab``), mounted at the site's root."""

from __future__ import annotations

from django.urls import path

from sampark.collab import views_comments, views_notifications

app_name = "collab"
urlpatterns = [
    path("collab/people/", views_comments.people, name="people"),
    path("collab/digest/", views_notifications.digest_preference, name="digest"),
    path("collab/comments/<int:pk>/", views_comments.comment_entry, name="comment"),
    path("collab/comments/<int:pk>/edit/", views_comments.comment_edit, name="comment_edit"),
    path("collab/comments/<int:pk>/delete/", views_comments.comment_delete, name="comment_delete"),
    path("collab/<slug:kind>/<int:pk>/comments/", views_comments.comments, name="comments"),
    path(
        "collab/<slug:kind>/<int:pk>/comments/add/",
        views_comments.comment_add,
        name="comment_add",
    ),
    path("collab/<slug:kind>/<int:pk>/follow/", views_comments.follow, name="follow"),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path("notifications/bell/", views_notifications.bell, name="bell"),
    path("notifications/read-all/", views_notifications.mark_all_read, name="read_all"),
    path("notifications/<int:pk>/", views_notifications.notification_open, name="notification"),
]
