"""Staff pages beside the model admins (mounted under ``admin/`` by the root URLs)."""
from django.contrib import admin
from django.urls import path

from .views import recent_changes_view

urlpatterns = [
    path("recent-changes/", admin.site.admin_view(recent_changes_view), name="admin-recent-changes"),
]
