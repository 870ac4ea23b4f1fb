"""The success criteria of WCAG 2.1 at levels A and AA, as the checklist of the test result.

The 38 of WCAG 2.0 are those of JIS X 8341-3:2016 (the Japanese names are the JIS ones);
the 12 added by WCAG 2.1 carry the names of the WAIC translation. axe-core tags each rule
with the criteria it checks (``wcag111`` is 1.1.1), which ``criteria_of`` reads.
"""
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Criterion:
    number: str
    name: str
    level: str
    #: One of the 38 criteria of JIS X 8341-3:2016 (WCAG 2.0); False: added by WCAG 2.1.
    jis: bool = True


CRITERIA = [
    Criterion("1.1.1", _("非テキストコンテンツ"), "A"),
    Criterion("1.2.1", _("音声のみ及び映像のみ(収録済み)"), "A"),
    Criterion("1.2.2", _("キャプション(収録済み)"), "A"),
    Criterion("1.2.3", _("音声解説、又はメディアに対する代替(収録済み)"), "A"),
    Criterion("1.2.4", _("キャプション(ライブ)"), "AA"),
    Criterion("1.2.5", _("音声解説(収録済み)"), "AA"),
    Criterion("1.3.1", _("情報及び関係性"), "A"),
    Criterion("1.3.2", _("意味のある順序"), "A"),
    Criterion("1.3.3", _("感覚的な特徴"), "A"),
    Criterion("1.3.4", _("表示の向き"), "AA", jis=False),
    Criterion("1.3.5", _("入力目的の特定"), "AA", jis=False),
    Criterion("1.4.1", _("色の使用"), "A"),
    Criterion("1.4.2", _("音声の制御"), "A"),
    Criterion("1.4.3", _("コントラスト(最低限レベル)"), "AA"),
    Criterion("1.4.4", _("テキストのサイズ変更"), "AA"),
    Criterion("1.4.5", _("文字画像"), "AA"),
    Criterion("1.4.10", _("リフロー"), "AA", jis=False),
    Criterion("1.4.11", _("非テキストのコントラスト"), "AA", jis=False),
    Criterion("1.4.12", _("テキストの間隔"), "AA", jis=False),
    Criterion("1.4.13", _("ホバー又はフォーカスで表示されるコンテンツ"), "AA", jis=False),
    Criterion("2.1.1", _("キーボード"), "A"),
    Criterion("2.1.2", _("キーボードトラップなし"), "A"),
    Criterion("2.1.4", _("文字キーのショートカット"), "A", jis=False),
    Criterion("2.2.1", _("タイミング調整可能"), "A"),
    Criterion("2.2.2", _("一時停止、停止及び非表示"), "A"),
    Criterion("2.3.1", _("3回のせん(閃)光、又は閾値以下"), "A"),
    Criterion("2.4.1", _("ブロックスキップ"), "A"),
    Criterion("2.4.2", _("ページタイトル"), "A"),
    Criterion("2.4.3", _("フォーカス順序"), "A"),
    Criterion("2.4.4", _("リンクの目的(コンテキスト内)"), "A"),
    Criterion("2.4.5", _("複数の手段"), "AA"),
    Criterion("2.4.6", _("見出し及びラベル"), "AA"),
    Criterion("2.4.7", _("フォーカスの可視化"), "AA"),
    Criterion("2.5.1", _("ポインタのジェスチャ"), "A", jis=False),
    Criterion("2.5.2", _("ポインタのキャンセル"), "A", jis=False),
    Criterion("2.5.3", _("ラベルを含む名前 (name)"), "A", jis=False),
    Criterion("2.5.4", _("動きによる起動"), "A", jis=False),
    Criterion("3.1.1", _("ページの言語"), "A"),
    Criterion("3.1.2", _("一部分の言語"), "AA"),
    Criterion("3.2.1", _("フォーカス時"), "A"),
    Criterion("3.2.2", _("入力時"), "A"),
    Criterion("3.2.3", _("一貫したナビゲーション"), "AA"),
    Criterion("3.2.4", _("一貫した識別性"), "AA"),
    Criterion("3.3.1", _("エラーの特定"), "A"),
    Criterion("3.3.2", _("ラベル又は説明"), "A"),
    Criterion("3.3.3", _("エラー修正候補"), "AA"),
    Criterion("3.3.4", _("エラー回避(法的、金融及びデータ)"), "AA"),
    Criterion("4.1.1", _("構文解析"), "A"),
    Criterion("4.1.2", _("名前 (name) ・役割 (role) 及び値 (value)"), "A"),
    Criterion("4.1.3", _("ステータスメッセージ"), "AA", jis=False),
]

# axe-core's tag of one success criterion: "wcag" and its digits (wcag1410 is 1.4.10).
_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")


def criteria_of(tags):
    """The success criteria (``"1.4.3"``) that axe-core's rule ``tags`` name, in order."""
    numbers = [".".join(match.groups()) for match in map(_TAG.match, tags) if match]
    return list(dict.fromkeys(numbers))
