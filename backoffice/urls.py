"""Staff pages beside the model admins (mounted under ``admin/`` by the root URLs)."""
from django.contrib import admin
from django.urls import path

from .batches import batch_detail_view, batch_list_view, batch_undo_view
from .views import recent_changes_view

urlpatterns = [
    path("recent-changes/", admin.site.admin_view(recent_changes_view), name="admin-recent-changes"),
    path("batches/", admin.site.admin_view(batch_list_view), name="admin-batches"),
    path("batches/<int:batch_id>/", admin.site.admin_view(batch_detail_view), name="admin-batch"),
    path("batches/<int:batch_id>/undo/", admin.site.admin_view(batch_undo_view), name="admin-batch-undo"),
]
