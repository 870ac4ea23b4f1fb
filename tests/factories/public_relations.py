"""factory-boy factories of section 5 (広報) records; every row gets a unique natural key."""
import factory

from public_relations.models import (
    Broadcaster,
    BroadcastProgramme,
    Medium,
    PolicyPoint,
    PressActivity,
    PressClubMember,
    Publication,
    PublicRelationsPolicy,
    WebChannel,
)

from .core import DivisionFactory

DIVISION = {"name": "広報課", "source": "市政概要 5"}


class PublicRelationsPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicRelationsPolicy

    number = factory.Sequence(lambda n: 100 + n)
    heading = factory.Sequence(lambda n: f"見出し{n}")
    body = "本文"
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(1)"


class PolicyPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PolicyPoint

    policy = factory.SubFactory(PublicRelationsPolicyFactory)
    name = factory.Sequence(lambda n: f"工夫する点{n}")
    order = factory.Sequence(lambda n: n)
    source = "市政概要 5(1)"


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    title = factory.Sequence(lambda n: f"テスト刊行物{n}")
    frequency = "毎月1日発行"
    circulation = 100
    distribution = "郵送"
    order = factory.Sequence(lambda n: 100 + n)
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(2)"


class BroadcasterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Broadcaster

    name = factory.Sequence(lambda n: f"テスト放送局{n}")
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(3)"


class BroadcastProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BroadcastProgramme

    medium = Medium.RADIO
    title = factory.Sequence(lambda n: f"テスト番組{n}")
    broadcaster = factory.SubFactory(BroadcasterFactory)
    schedule = "毎週月曜日 午前9時から"
    length = 5
    order = factory.Sequence(lambda n: 100 + n)
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(3)"


class WebChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebChannel

    label = factory.Sequence(lambda n: f"テストアドレス{n}")
    url = factory.Sequence(lambda n: f"http://example.jp/{n}")
    order = factory.Sequence(lambda n: 100 + n)
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(5)"


class PressActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressActivity

    name = factory.Sequence(lambda n: f"テスト活動{n}")
    order = factory.Sequence(lambda n: 100 + n)
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(6)"


class PressClubMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PressClubMember

    name = factory.Sequence(lambda n: f"テスト社{n}")
    order = factory.Sequence(lambda n: 100 + n)
    responsible_division = factory.SubFactory(DivisionFactory, **DIVISION)
    source = "市政概要 5(6)"
