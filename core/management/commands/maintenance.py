"""``python manage.py maintenance on|off|status``: switch maintenance mode (メンテナンス中).

While it is on, every page answers 「メンテナンス中です」 (HTTP 503) and ``restore_portal``
may replace the data. See :mod:`core.maintenance`.
"""
from django.core.management.base import BaseCommand

from core import maintenance


class Command(BaseCommand):
    help = "メンテナンス中にします(on)、解除します(off)、状態を表示します(status)。"

    def add_arguments(self, parser):
        parser.add_argument("state", choices=["on", "off", "status"], help="on / off / status")

    def handle(self, *args, state, **options):
        if state == "on":
            maintenance.switch_on("manage.py maintenance on")
        elif state == "off":
            maintenance.switch_off()
        if maintenance.is_on():
            self.stdout.write(
                f"メンテナンス中です(すべてのページが「メンテナンス中です」と答えます)。"
                f"切り替えのファイル: {maintenance.switch_file()}"
            )
        else:
            self.stdout.write("公開中です(メンテナンス中ではありません)。")
