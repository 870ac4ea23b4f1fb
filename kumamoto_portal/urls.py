"""Root URLs: the home page, each app's public pages and the staff admin."""
from django.contrib import admin
from django.urls import include, path

from .history_admin import recent_changes_view
from .views import HomeView

admin.site.site_header = "熊本市 市政概要ポータル 管理画面"
admin.site.site_title = "熊本市ポータル管理"
admin.site.index_title = "記録の管理"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("", include("planning.urls")),
    path("", include("exchange.urls")),
    path("", include("public_relations.urls")),
    path("", include("recovery.urls")),
    # Audit trail: recent changes across the portal (staff only, like the admin).
    path(
        "admin/recent-changes/",
        admin.site.admin_view(recent_changes_view),
        name="admin-recent-changes",
    ),
    path("admin/", admin.site.urls),
]
