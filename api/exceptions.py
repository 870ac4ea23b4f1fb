"""The API's error answers (the settings' ``EXCEPTION_HANDLER``): REST framework's, as JSON.

REST framework also marks the request's transaction for rollback on every error answer
(404, 405, 429 …). The API only reads and runs outside any request transaction
(``core.views.ReadOnlyPageMixin``), so there is nothing of its own to roll back; the mark
would only fall on a transaction around the whole request (a test's), failing whatever
that goes on to do. The handler leaves every transaction as it found it.
"""
from django.db import connections, transaction
from rest_framework.views import exception_handler as rest_framework_handler


def exception_handler(exc, context):
    """REST framework's answer to ``exc``; no transaction is marked for rollback."""
    marked = {
        connection.alias: connection.needs_rollback
        for connection in connections.all()
        if connection.in_atomic_block
    }
    response = rest_framework_handler(exc, context)
    for alias, needs_rollback in marked.items():
        transaction.set_rollback(needs_rollback, using=alias)
    return response
