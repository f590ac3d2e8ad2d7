"""The agenda's addresses (namespace ``agenda``), under /agenda/."""

from __future__ import annotations

from django.urls import path

from sampark.agenda import views_calendar, views_day, views_slots, views_tasks

app_name = "agenda"
urlpatterns = [
    path("", views_day.day, name="day"),
    path("tasks/", views_day.task_list, name="tasks"),
    path("tasks/new/", views_tasks.task_new, name="task_new"),
    path("tasks/<int:pk>/", views_tasks.task_detail, name="task"),
    path("tasks/<int:pk>/edit/", views_tasks.task_edit, name="task_edit"),
    path("tasks/<int:pk>/delete/", views_tasks.task_delete, name="task_delete"),
    path("tasks/<int:pk>/complete/", views_tasks.task_complete, name="task_complete"),
    path("tasks/<int:pk>/reopen/", views_tasks.task_reopen, name="task_reopen"),
    path("contacts/<int:pk>/tasks/", views_tasks.contact_tasks, name="contact_tasks"),
    path("contacts/<int:pk>/tasks/add/", views_tasks.contact_add_task, name="contact_add_task"),
    path("companies/<int:pk>/tasks/", views_tasks.company_tasks, name="company_tasks"),
    path("companies/<int:pk>/tasks/add/", views_tasks.company_add_task, name="company_add_task"),
    path("contacts/<int:pk>/slots/", views_slots.contact_slots, name="contact_slots"),
    path("contacts/<int:pk>/slots/book/", views_slots.contact_book_slot, name="contact_book_slot"),
    path("calendar/", views_calendar.calendar_settings, name="calendar"),
    path("calendar/<str:secret>.ics", views_calendar.calendar_feed, name="calendar_feed"),
]
