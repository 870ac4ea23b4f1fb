"""The latest accessibility test result: the file the browser suite writes, the page reads.

``make a11y-report`` runs the browser suite (tests/browser) with ``PORTAL_A11Y_REPORT``
naming the file; the suite hands every axe-core run of its crawl of the public pages and
the outcome of its own checks (``CHECKS``) to ``build_report`` and writes the result with
``write_report``. The page reads it with ``load_report``; a file that is missing or not
in this format gives ``ReportUnavailable`` with a message for the reader.
"""
import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .criteria import CRITERIA, criteria_of

#: The version of the file's layout; a file of another version is not read.
FORMAT = 1


@dataclass(frozen=True)
class Check:
    """A check of the browser suite beyond axe-core, and the success criteria it tests."""

    label: str
    criteria: tuple


#: The browser suite's own checks; a test marked ``@pytest.mark.wcag_check("<key>")``
#: reports its outcome under its key.
CHECKS = {
    "reflow": Check(_("幅320px・390px・768px・1280pxで横にスクロールしない"), ("1.4.10",)),
    "keyboard": Check(
        _("Tabキーで、本文へのリンクから読む順にフォーカスが進み、フォーカスした箇所が見える"),
        ("2.1.1", "2.4.1", "2.4.3", "2.4.7"),
    ),
}


class ReportUnavailable(Exception):
    """The result file cannot be read; ``message`` says so to the page's reader."""

    message = _("最新の試験結果を読み込めませんでした。しばらくしてから再度ご覧ください。")


def build_report(runs, checks, *, tested_at, runner, browser):
    """The result file's content (a dict for JSON).

    ``runs``: ``(path, width, results)`` for each axe-core run, ``results`` its JSON answer;
    ``checks``: ``{key of CHECKS: "passed" | "failed"}``; ``tested_at``: an aware datetime.
    """
    rules, pages = {}, {}
    for path, width, results in runs:
        for kind in ("violations", "passes", "incomplete", "inapplicable"):
            for rule in results[kind]:
                entry = rules.setdefault(rule["id"], {"id": rule["id"], "criteria": criteria_of(rule["tags"]), "applied": False})
                entry["applied"] = entry["applied"] or kind != "inapplicable"
        pages.setdefault(path, {"path": path, "widths": {}})["widths"][str(width)] = {
            "violations": [
                {"rule": rule["id"], "criteria": criteria_of(rule["tags"]), "impact": rule["impact"], "nodes": len(rule["nodes"])}
                for rule in results["violations"]
            ],
            "incomplete": sum(len(rule["nodes"]) for rule in results["incomplete"]),
        }
    engine = runs[0][2]["testEngine"] if runs else {"version": ""}
    return {
        "format": FORMAT,
        "tested_at": tested_at.isoformat(timespec="seconds"),
        "tool": {"axe_core": engine["version"], "runner": runner, "browser": browser},
        "tags": runs[0][2]["toolOptions"]["runOnly"]["values"] if runs else [],
        "widths": sorted({width for _, width, _ in runs}),
        "rules": sorted(rules.values(), key=lambda rule: rule["id"]),
        "pages": list(pages.values()),
        "checks": [{"key": key, "outcome": outcome} for key, outcome in sorted(checks.items())],
    }


def write_report(path, document):
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


@dataclass
class WidthResult:
    """One page at one window width: axe-core's violations (rule, criteria, elements)."""

    width: int
    violations: list
    #: Elements axe-core could not decide on (its "needs review").
    incomplete: int

    @property
    def count(self):
        """How many elements violate a rule."""
        return sum(violation["nodes"] for violation in self.violations)


@dataclass
class PageResult:
    path: str
    #: A ``WidthResult`` per width, in the order of the report's widths.
    widths: list

    @property
    def count(self):
        return sum(result.count for result in self.widths)

    @property
    def rules(self):
        return sorted({violation["rule"] for result in self.widths for violation in result.violations})


@dataclass
class ChecklistRow:
    criterion: object
    #: "violation", "passed", "not_applicable" (no element the rules check) or "not_tested".
    result: str
    rules: list = field(default_factory=list)
    checks: list = field(default_factory=list)


@dataclass
class Report:
    tested_at: datetime.datetime
    axe_core: str
    runner: str
    browser: str
    tags: list
    widths: list
    pages: list
    checklist: list

    @property
    def tested_on(self):
        """The day of the test, in Japan."""
        return timezone.localtime(self.tested_at).date()

    @property
    def count(self):
        """How many elements violate a rule, over every page and width."""
        return sum(page.count for page in self.pages)


def load_report(path):
    """The report in the file at ``path``; ``ReportUnavailable`` when there is none to read."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        if document["format"] != FORMAT:
            raise ValueError(document["format"])
        return _read(document)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ReportUnavailable from error


def _read(document):
    widths = [int(width) for width in document["widths"]]
    pages = [
        PageResult(
            path=str(page["path"]),
            widths=[
                WidthResult(width, list(page["widths"][str(width)]["violations"]), int(page["widths"][str(width)]["incomplete"]))
                for width in widths
                if str(width) in page["widths"]
            ],
        )
        for page in document["pages"]
    ]
    tested_at = datetime.datetime.fromisoformat(document["tested_at"])
    tool = document["tool"]
    return Report(
        tested_at=tested_at,
        axe_core=str(tool["axe_core"]),
        runner=str(tool["runner"]),
        browser=str(tool["browser"]),
        tags=[str(tag) for tag in document["tags"]],
        widths=widths,
        pages=pages,
        checklist=_checklist(document["rules"], pages, document["checks"]),
    )


def _checklist(rules, pages, checks):
    violated = {}
    for page in pages:
        for result in page.widths:
            for violation in result.violations:
                for number in violation["criteria"]:
                    violated[number] = violated.get(number, 0) + violation["nodes"]
    rows = []
    for criterion in CRITERIA:
        its_rules = [rule for rule in rules if criterion.number in rule["criteria"]]
        its_checks = [
            {"label": CHECKS[check["key"]].label, "outcome": check["outcome"]}
            for check in checks
            if check["key"] in CHECKS and criterion.number in CHECKS[check["key"]].criteria
        ]
        if violated.get(criterion.number) or any(check["outcome"] != "passed" for check in its_checks):
            result = "violation"
        elif its_checks or any(rule["applied"] for rule in its_rules):
            result = "passed"
        elif its_rules:
            result = "not_applicable"
        else:
            result = "not_tested"
        rows.append(ChecklistRow(criterion, result, [rule["id"] for rule in its_rules], its_checks))
    return rows
