"""No models: the spreadsheets app keeps no tables of its own but a cache table.

The module exists because Django sends ``post_migrate`` only to apps with a models
module, and ``SpreadsheetsConfig.ready()`` listens to it to create the import preview's
cache table (``createcachetable``) on every ``migrate``.
"""
