"""No models: roles keeps its rules in ``permissions.py``.

The module exists because Django sends ``post_migrate`` only to apps with a models
module, and ``RolesConfig.ready()`` listens to it to create the ``import_<model>`` and
``export_<model>`` permissions on every ``migrate``.
"""
