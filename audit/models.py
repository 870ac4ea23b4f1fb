"""Recorded batches of changes (一括変更): an import, a bulk delete, or the undo of one.

A ``ChangeBatch`` is written by ``audit.recording.recording_batch`` around the code that
makes the changes; every history row written inside it (by a normal save or delete, or by
simple-history's bulk helpers) gets a ``BatchChange`` naming the batch. The historical
tables themselves are unchanged: a batch reaches its rows through (content type,
history id).
"""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

HISTORY_TYPE_CHOICES = [("+", "作成"), ("~", "変更"), ("-", "削除")]


class BatchKind(models.TextChoices):
    IMPORT = "import", "取り込み"
    DELETE = "delete", "一括削除"
    UNDO = "undo", "取り消し"


class ChangeBatch(models.Model):
    """One recorded batch of changes: who, when, what file, which model, how many rows."""

    kind = models.CharField(
        "種類",
        max_length=10,
        choices=BatchKind.choices,
        default=BatchKind.IMPORT,
        help_text="取り込み・一括削除・取り消しのどれか。",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="実行した人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="この一括変更を行った職員。コマンドからの取り込みなどでは空です。",
    )
    created_at = models.DateTimeField(
        "実行日時", auto_now_add=True, help_text="この一括変更が行われた日時。"
    )
    label = models.CharField(
        "ファイル名・内容",
        max_length=255,
        blank=True,
        help_text="取り込んだファイルの名前、または一括変更の内容。",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="記録の種類",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="取り込み・削除の対象になった記録の種類。",
    )
    reason = models.TextField(
        "理由", blank=True, help_text="確定のときに入力された理由(任意)。"
    )
    new_count = models.PositiveIntegerField(
        "新規の件数", default=0, help_text="この一括変更で作られた記録の数。"
    )
    changed_count = models.PositiveIntegerField(
        "変更の件数", default=0, help_text="この一括変更で内容が変わった記録の数。"
    )
    deleted_count = models.PositiveIntegerField(
        "削除の件数", default=0, help_text="この一括変更で削除された記録の数。"
    )
    unchanged_count = models.PositiveIntegerField(
        "変更なしの件数", default=0, help_text="ファイルにあったが内容が同じだった行の数。"
    )
    undoes = models.OneToOneField(
        "self",
        verbose_name="取り消した一括変更",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="undone_by",
        help_text="種類が「取り消し」のとき、取り消した元の一括変更。",
    )

    class Meta:
        verbose_name = "一括変更"
        verbose_name_plural = "一括変更"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=BatchKind.UNDO) | Q(undoes__isnull=True),
                name="audit_changebatch_only_undo_undoes",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}" + (f"「{self.label}」" if self.label else "")

    @property
    def history_reason(self):
        """The change reason written on the batch's history rows (at most 100 characters)."""
        text = f"{self.get_kind_display()}#{self.pk}"
        if self.reason:
            text = f"{text}: {self.reason}"
        return text[:100]


class BatchChange(models.Model):
    """One history row written inside a batch: (content type, history id) of that row."""

    batch = models.ForeignKey(
        ChangeBatch,
        verbose_name="一括変更",
        on_delete=models.CASCADE,
        related_name="changes",
        help_text="この履歴の行を書いた一括変更。",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="記録の種類",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="変更された記録の種類(履歴のモデルではなく記録のモデル)。",
    )
    object_id = models.BigIntegerField("記録のID", help_text="変更された記録のID。")
    history_id = models.BigIntegerField("履歴ID", help_text="その記録の変更履歴の行のID。")
    history_type = models.CharField(
        "変更の種類", max_length=1, choices=HISTORY_TYPE_CHOICES, help_text="作成・変更・削除のどれか。"
    )
    # A plain id, not a foreign key: it must survive the deletion of the division (which a
    # batch may itself do, and its undo bring back with the same id).
    division_pk = models.BigIntegerField(
        "所管課のID",
        null=True,
        blank=True,
        help_text="変更のときに記録を所管していた課のID。権限の判定に使います。",
    )

    class Meta:
        verbose_name = "一括変更の行"
        verbose_name_plural = "一括変更の行"
        ordering = ["batch", "content_type", "history_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "history_id"], name="audit_batchchange_one_batch_per_row"
            ),
        ]
        indexes = [
            models.Index(fields=["batch", "content_type", "object_id"], name="audit_batchchange_record"),
        ]

    def __str__(self):
        return f"{self.batch}: {self.content_type_id}/{self.object_id} ({self.get_history_type_display()})"
