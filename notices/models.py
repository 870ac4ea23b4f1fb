"""緊急情報 (emergency notices): what every public page shows at its top while in force.

Division staff cannot publish one: the model's own permissions go to the group
「緊急情報担当」 only (``notices.roles``), so a notice is always somebody's deliberate act.
Its changes are kept by django-simple-history (the admin's 変更履歴; registered in
``NoticesConfig.ready``, after django-modeltranslation added the English versions, so
they are in the history too).
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Min, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeLevel(models.TextChoices):
    DISASTER = "disaster", _("災害")
    IMPORTANT = "important", _("重要")
    INFO = "info", _("お知らせ")


#: Most urgent first.
LEVEL_ORDER = [NoticeLevel.DISASTER, NoticeLevel.IMPORTANT, NoticeLevel.INFO]


class EmergencyNoticeQuerySet(models.QuerySet):
    def in_force(self, at=None):
        """Notices shown at ``at`` (now): started, not ended; most urgent, then newest, first."""
        at = at or timezone.now()
        return self.not_ended(at).filter(starts_at__lte=at)

    def not_ended(self, at=None):
        """Notices in force at ``at`` (now) or to start later, in the order ``in_force`` shows them."""
        at = at or timezone.now()
        urgency = Case(
            *(When(level=level, then=Value(rank)) for rank, level in enumerate(LEVEL_ORDER)),
            output_field=IntegerField(),
        )
        return (
            self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=at))
            .alias(urgency=urgency)
            .order_by("urgency", "-starts_at", "-pk")
        )

    def next_change(self, at=None):
        """The next moment after ``at`` (now) that a notice starts or ends, or None."""
        at = at or timezone.now()
        moments = self.aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=at)),
            end=Min("ends_at", filter=Q(ends_at__gt=at)),
        )
        return min((moment for moment in moments.values() if moment), default=None)


class EmergencyNotice(models.Model):
    level = models.CharField(
        "区分", max_length=10, choices=NoticeLevel.choices, default=NoticeLevel.IMPORTANT,
        help_text="災害: 避難・被害など命に関わる情報。重要: 市民生活への大きな影響。お知らせ: その他。",
    )
    title = models.CharField(
        "見出し", max_length=100, help_text="ページの最上部に太字で表示されます（100文字まで）。"
    )
    text = models.TextField(
        "本文", blank=True, help_text="任意。見出しの下に表示されます。改行はそのまま表示されます。"
    )
    link = models.URLField(
        "詳しい情報のURL", blank=True,
        help_text="任意。「詳しくはこちら」のリンク先（例: 熊本市のお知らせのページ）。",
    )
    starts_at = models.DateTimeField(
        "掲出開始", default=timezone.now, help_text="この日時から表示されます（日本時間）。"
    )
    ends_at = models.DateTimeField(
        "掲出終了", null=True, blank=True,
        help_text="この日時に表示が終わります。空欄なら、終了を入れるまで表示し続けます。",
    )

    objects = EmergencyNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "緊急情報"
        verbose_name_plural = "緊急情報"
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="notices_emergencynotice_ends_after_start",
                violation_error_message="掲出終了は掲出開始より後の日時にしてください。",
            ),
        ]

    def __str__(self):
        return f"【{self.get_level_display()}】{self.title}"

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "掲出終了は掲出開始より後の日時にしてください。"})

    def is_in_force(self, at=None):
        at = at or timezone.now()
        return self.starts_at <= at and (self.ends_at is None or self.ends_at > at)
