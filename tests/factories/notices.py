"""Emergency notices (緊急情報)."""
import factory

from notices.models import EmergencyNotice, NoticeLevel


class EmergencyNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyNotice

    level = NoticeLevel.DISASTER
    title = factory.Sequence(lambda n: f"大雨による避難指示{n}")
    text = "中央区の一部に避難指示が出ています。\n最寄りの避難所へ移動してください。"
    link = "https://www.city.kumamoto.jp/"
