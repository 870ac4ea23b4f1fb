"""``python manage.py ensure_admin``: make sure a local staff superuser exists.

The password comes from ``PORTAL_ADMIN_PASSWORD``; without it a random one is generated
and printed once, when the user is created. There is never a fixed default password.
An existing user is left as it is unless ``PORTAL_ADMIN_PASSWORD`` is set, which then
becomes its password. A password that Django's password validators refuse (too short,
too common, all digits, …) raises ``CommandError`` with their Japanese messages, and
nothing is changed.
"""
import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "ローカル用の管理者ユーザー(スーパーユーザー)を用意します。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--username",
            default=os.environ.get("PORTAL_ADMIN_USERNAME", "admin"),
            help="ユーザー名(既定: PORTAL_ADMIN_USERNAME または admin)",
        )

    def handle(self, *args, **options):
        username = options["username"]
        password = os.environ.get("PORTAL_ADMIN_PASSWORD") or None
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if password:
            try:
                validate_password(password, user or User(username=username))
            except ValidationError as error:
                raise CommandError(
                    "PORTAL_ADMIN_PASSWORD のパスワードは使えません: " + " ".join(error.messages)
                ) from None
        if user is not None:
            if password:
                user.set_password(password)
                user.is_staff = user.is_superuser = True
                user.save()
                self.stdout.write(f"管理者「{username}」のパスワードを PORTAL_ADMIN_PASSWORD に更新しました。")
            else:
                self.stdout.write(f"管理者「{username}」は登録済みです(パスワードは変更していません)。")
            return
        generated = password is None
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"管理者「{username}」を作成しました。パスワード: {password}\n"
                    "(この表示は一度だけです。控えておくか、PORTAL_ADMIN_PASSWORD を設定してください。)"
                )
            )
        else:
            self.stdout.write(f"管理者「{username}」を PORTAL_ADMIN_PASSWORD のパスワードで作成しました。")
