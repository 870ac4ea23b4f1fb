"""Spreadsheet jobs: an import or export that a background worker carries out.

A ``SpreadsheetJob`` holds what a request handed over (the uploaded file, or the export's
form and filters), the progress the worker reports, and the outcome: the preview's rows
(``SpreadsheetJobRow``: changed and refused rows only; unchanged rows are one count), the
counts, a message, or the exported file. The admin pages read it; ``spreadsheets.tasks``
writes it.
"""
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobKind(models.TextChoices):
    IMPORT = "import", "インポート"
    EXPORT = "export", "エクスポート"


class JobStep(models.TextChoices):
    CHECK = "check", "ファイルの確認"
    WRITE = "write", "書き込み"
    EXPORT = "export", "ファイルの作成"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "待機中"
    RUNNING = "running", "処理中"
    PREVIEW = "preview", "確定待ち"
    REJECTED = "rejected", "取り込めません"
    DONE = "done", "完了"
    FAILED = "failed", "失敗"


#: Statuses in which the worker still has something to do.
ACTIVE_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)


class SpreadsheetJob(models.Model):
    """One import (check, then write on confirm) or one export, run by the task worker."""

    id = models.UUIDField(
        "ID", primary_key=True, default=uuid.uuid4, editable=False,
        help_text="処理ページの URL に使う、推測できない識別子。",
    )
    kind = models.CharField(
        "種類", max_length=6, choices=JobKind.choices, help_text="インポートかエクスポートか。"
    )
    step = models.CharField(
        "段階", max_length=6, choices=JobStep.choices,
        help_text="インポートはファイルの確認の後、確定すると書き込み。エクスポートはファイルの作成。",
    )
    status = models.CharField(
        "状態", max_length=8, choices=JobStatus.choices, default=JobStatus.QUEUED,
        help_text="待機中・処理中の処理はワーカーが進めます。",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="spreadsheet_jobs",
        verbose_name="依頼したユーザー", help_text="処理を始めたユーザー。結果を見られるのはこのユーザーだけです。",
    )
    model = models.CharField(
        "対象のモデル", max_length=100,
        help_text="取り込む・書き出す記録の種類（app_label.model_name）。",
    )
    file_name = models.CharField(
        "ファイル名", max_length=255, blank=True,
        help_text="インポートはアップロードされたファイルの名前、エクスポートは作成したファイルの名前。",
    )
    file_format = models.PositiveSmallIntegerField(
        "形式", default=0, help_text="管理画面の形式の選択肢の番号（インポートとエクスポートで別の一覧）。"
    )
    resource = models.PositiveSmallIntegerField(
        "リソース", default=0, help_text="モデルの管理画面が持つリソースのうち、どれを使うか（番号）。"
    )
    params = models.JSONField(
        "条件", default=dict, blank=True,
        help_text="エクスポートの絞り込み（一覧の条件）と選んだ列。",
    )
    data = models.BinaryField(
        "ファイルの中身", blank=True, default=b"",
        help_text="インポートはアップロードされたファイル（終わると消します）、エクスポートは作成したファイル。",
    )
    content_type = models.CharField(
        "ファイルの種類", max_length=100, blank=True, help_text="エクスポートしたファイルの Content-Type。"
    )
    reason = models.CharField(
        "変更理由", max_length=100, blank=True,
        help_text="確定のときに入力された変更理由。変更履歴にも残ります。",
    )
    rows_total = models.PositiveIntegerField(
        "全体の行数", null=True, blank=True, help_text="ファイルを読み終えると分かるデータ行の数。"
    )
    rows_read = models.PositiveIntegerField(
        "読み込んだ行数", default=0, help_text="ファイルから読み込んだ行、または確認した行の数。"
    )
    error_rows = models.PositiveIntegerField(
        "エラーの行数", default=0, help_text="これまでに見つかったエラーのある行の数。"
    )
    counts = models.JSONField(
        "件数", default=dict, blank=True,
        help_text="新規・変更・削除・変更なし・エラーの件数（new, update, delete, skip, invalid, error）。",
    )
    message = models.TextField(
        "メッセージ", blank=True, help_text="取り込めない理由や失敗の理由（日本語）。"
    )
    created_at = models.DateTimeField("依頼日時", default=timezone.now, help_text="処理を依頼した日時。")
    updated_at = models.DateTimeField(
        "更新日時", default=timezone.now, help_text="状態か進み具合が最後に変わった日時。"
    )
    finished_at = models.DateTimeField(
        "終了日時", null=True, blank=True, help_text="確認・書き込み・作成が終わった日時。"
    )

    class Meta:
        verbose_name = "表計算ファイルの処理"
        verbose_name_plural = "表計算ファイルの処理"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "model", "-created_at"], name="spreadsheet_job_user_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=JobKind.values), name="spreadsheet_job_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(step__in=JobStep.values), name="spreadsheet_job_step_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=JobStatus.values), name="spreadsheet_job_status_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.model} {self.file_name}（{self.get_status_display()}）"

    @property
    def is_active(self):
        """Whether the worker still has this job to do (waiting or running)."""
        return self.status in ACTIVE_STATUSES

    def is_stale(self, now=None):
        """Whether the job waited or ran past ``PORTAL_TASK_TIMEOUT_MINUTES`` without a change."""
        minutes = getattr(settings, "PORTAL_TASK_TIMEOUT_MINUTES", 15)
        now = now or timezone.now()
        return self.is_active and now - self.updated_at > timedelta(minutes=minutes)


class RowKind(models.TextChoices):
    INVALID = "invalid", "エラー"
    ERROR = "error", "保存できない行"
    NEW = "new", "新規"
    UPDATE = "update", "変更"
    DELETE = "delete", "削除"


#: Kinds shown first: the rows that stop the import.
REFUSED_KINDS = (RowKind.INVALID, RowKind.ERROR)


class SpreadsheetJobRow(models.Model):
    """A row of an import's preview that is refused or changes something.

    Unchanged rows are not stored: the job's ``counts["skip"]`` says how many there were.
    """

    job = models.ForeignKey(
        SpreadsheetJob, on_delete=models.CASCADE, related_name="rows",
        verbose_name="処理", help_text="この行を含むインポート。",
    )
    line = models.PositiveIntegerField("行", help_text="表計算ファイルでの行番号（見出しが1行目）。")
    kind = models.CharField("区分", max_length=7, choices=RowKind.choices, help_text="行の扱い。")
    refused = models.BooleanField(
        "取り込めない行", default=False, help_text="エラーのある行（一覧の先頭に出します）。"
    )
    changed = models.JSONField(
        "変更された項目", default=list, blank=True, help_text="変更された列の見出し（変更の行だけ）。"
    )
    cells = models.JSONField(
        "値", default=list, blank=True,
        help_text="列ごとの [前の値, 新しい値]（新規の行は前の値が空）。",
    )
    errors = models.JSONField(
        "エラー", default=list, blank=True, help_text="[列の見出し, [メッセージ, …]] の一覧。"
    )

    class Meta:
        verbose_name = "プレビューの行"
        verbose_name_plural = "プレビューの行"
        ordering = ["job", "-refused", "line"]
        constraints = [
            models.UniqueConstraint(fields=["job", "line"], name="spreadsheet_job_row_unique_line"),
            models.CheckConstraint(
                condition=models.Q(kind__in=RowKind.values), name="spreadsheet_job_row_kind_valid"
            ),
        ]

    def __str__(self):
        return f"{self.line}行目（{self.get_kind_display()}）"
