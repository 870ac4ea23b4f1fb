from django.apps import AppConfig


class SpreadsheetsConfig(AppConfig):
    """Spreadsheet files (CSV, TSV, XLSX): reading, import rules, admin screens, background
    jobs, commands."""

    name = "spreadsheets"
    verbose_name = "表計算ファイル"
