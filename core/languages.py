"""Which fields of a record have an English version, and their names (django-modeltranslation).

The registrations are in each app's ``translation.py``. A registered field ``name`` has
two columns, ``name_ja`` and ``name_en``; ``name`` itself reads the active language's
value (the Japanese one when the English is empty) and writes the active language's. The
admin and the spreadsheets show ``name`` (Japanese: staff pages are Japanese) and
``name_en`` (「都市名(英語)」) from these helpers, so the registration is the one place
that decides which fields have English.
"""
import re

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import conditional_escape, format_html
from django.utils import translation
from django.utils.translation import get_language
from django.utils.safestring import mark_safe
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

JAPANESE = "ja"
ENGLISH = "en"


def translated_fields(model) -> tuple[str, ...]:
    """The names of ``model``'s fields that have language versions, in field order."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return ()
    return tuple(
        field.name for field in model._meta.concrete_fields if field.name in options.all_fields
    )


def english_field(name: str) -> str:
    """``name`` → ``name_en``: the English version's field."""
    return build_localized_fieldname(name, ENGLISH)


def japanese_field(name: str) -> str:
    """``name`` → ``name_ja``: the Japanese version's field (what ``name`` shows staff)."""
    return build_localized_fieldname(name, JAPANESE)


def in_page_language(path: str):
    """An expression reading the translated field ``path`` (``"city__name"``) as the page
    shows it: its English version on English pages, the Japanese one when that is empty.

    For ``values()`` and aggregates, which read columns, not modeltranslation's fields.
    """
    japanese = F(japanese_field(path))
    if get_language() != ENGLISH:
        return japanese
    return Coalesce(NullIf(F(english_field(path)), Value("")), japanese, output_field=CharField())


def with_english_fields(model, names) -> list[str]:
    """``names`` with each translated field's English version right after it.

    ``["name", "slug"]`` → ``["name", "name_en", "slug"]`` for a model whose ``name`` is
    registered. Names already listed are not repeated.
    """
    translated = set(translated_fields(model))
    result = []
    for name in names:
        result.append(name)
        if name in translated and english_field(name) not in names:
            result.append(english_field(name))
    return result


def english_page() -> bool:
    """Whether the active language is English (an ``/en/`` page). Everything else — the
    Japanese pages, the admin, commands with no active language — reads in Japanese."""
    return (get_language() or "").startswith("en")


def relax_language_versions():
    """Language versions are never unique on their own: only the field itself is.

    django-modeltranslation copies a field's ``unique`` and its unique constraints to
    each version (``name_en``), so two records without an English name yet — or a
    history table with two rows of one record — would clash. The record is still found
    by the field itself (its natural key). Nor has an English version a default: the
    field's default is Japanese (交流の一覧の見出し 「最近の主な交流」), and a new record would
    show it on English pages instead of falling back. Called once, when the apps are ready
    (``CoreConfig.ready``), after the registrations and before the audit trail copies the
    fields into each history model.
    """
    for model in translator.get_registered_models():
        options = translator.get_options_for_model(model)
        for fields in options.all_fields.values():
            for field in fields:
                field._unique = False
                field._field_options_kwargs = {**getattr(field, "_field_options_kwargs", {}), "unique": False}
                if field.language != JAPANESE and field.translated_field.has_default():
                    field.default = None
                    field._field_options_kwargs["default"] = None
        versions = {field.name for fields in options.all_fields.values() for field in fields}
        kept = [
            constraint
            for constraint in model._meta.constraints
            if not versions & set(getattr(constraint, "fields", ()))
        ]
        if len(kept) != len(model._meta.constraints):
            model._meta.constraints = kept
            model._meta.original_attrs["constraints"] = kept


#: The document numbers its items ア, イ, ウ … (the gojūon order); English pages use a, b, c ….
ITEM_LETTERS = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ"


def english_item_letter(letter: str) -> str:
    """``ア`` → ``a``, ``イ`` → ``b`` …; a letter outside the list is returned as it is."""
    index = ITEM_LETTERS.find(letter) if len(letter) == 1 else -1
    if index < 0 or index >= 26:
        return letter
    return chr(ord("a") + index)


# Japanese script: kana, kanji, the ideographic space and punctuation, full-width forms.
_JAPANESE = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# A run of Japanese, with the digits and brackets inside it (国際課による登録(令和8年12月2日)).
_JAPANESE_RUN = re.compile(rf"[{_JAPANESE}](?:[{_JAPANESE}()0-9]*[{_JAPANESE})])?")


def japanese_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into its runs: ``[(run, is Japanese), …]`` (``mark_japanese_runs``'s runs)."""
    runs, end = [], 0
    for match in _JAPANESE_RUN.finditer(text):
        if match.start() > end:
            runs.append((text[end:match.start()], False))
        runs.append((match.group(0), True))
        end = match.end()
    if end < len(text):
        runs.append((text[end:], False))
    return runs


def readable_code_name(name: str) -> str:
    """An English label made of a code name: ``population_note`` → ``Population note``,
    ``AffiliationMilestone`` → ``Affiliation milestone``."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").split()
    return " ".join(words).capitalize()


def label_in_language(japanese: str, code_name: str) -> str:
    """A Japanese label (a model's or field's ``verbose_name``) in the active language:
    itself on Japanese pages; on English pages its English in ``locale/en``, else a label
    made of ``code_name`` (never Japanese on an English page)."""
    if not english_page():
        return japanese
    english = translation.gettext(japanese)
    return english if english != japanese else readable_code_name(code_name)


def model_label(model) -> str:
    """The name of a kind of record in the active language: 交流の記録, ``Exchange activities``."""
    return label_in_language(str(model._meta.verbose_name), model.__name__)


def mark_japanese_runs(text):
    """``text`` escaped, each run of Japanese in it inside ``<span lang="ja">``.

    For English text that keeps a Japanese name or title: screen readers read each part
    in its language. ``「熊本市震災復興計画について」`` stays readable, only marked.
    """
    text = str(text or "")
    parts, end = [], 0
    for match in _JAPANESE_RUN.finditer(text):
        parts.append(conditional_escape(text[end:match.start()]))
        parts.append(format_html('<span lang="ja">{}</span>', match.group(0)))
        end = match.end()
    parts.append(conditional_escape(text[end:]))
    return mark_safe("".join(parts))
