"""The background tasks of spreadsheet imports and exports (django-tasks).

Each task takes a ``SpreadsheetJob``'s id, claims the job (a task delivered twice runs
once) and does its step (``spreadsheets.jobs``). Anything unexpected fails the job with a
Japanese message and nothing written, and is raised again for the worker's log.

The backend is ``settings.TASKS``: the database queue (``manage.py db_worker``) by default,
RQ when ``REDIS_URL`` is set (``manage.py rqworker default``), run at once in tests.
"""
import logging

from django_tasks import task

from core.database import is_busy_error

from . import jobs
from .models import JobStep

logger = logging.getLogger(__name__)


def _run(job_id, step, work):
    job = jobs.claim(job_id, step)
    if job is None:
        return
    try:
        work(job)
    except Exception as error:
        if not is_busy_error(error):
            logger.exception("spreadsheet job %s failed at step %s", job_id, step)
            jobs.fail(job_id)
            raise
        # Not the file nor the code: another write held the database past its timeout.
        logger.warning("spreadsheet job %s met a busy database at step %s", job_id, step)
        jobs.fail_busy(job_id, step)
    except BaseException:
        # SystemExit and KeyboardInterrupt too: the worker is stopping mid-job.
        logger.exception("spreadsheet job %s failed at step %s", job_id, step)
        jobs.fail(job_id)
        raise


@task()
def check_import(job_id):
    """Read an uploaded file and try every row (a dry run); store the preview."""
    _run(job_id, JobStep.CHECK, jobs.check_import)


@task()
def write_import(job_id):
    """Import a confirmed file, all or nothing."""
    _run(job_id, JobStep.WRITE, jobs.write_import)


@task()
def export_file(job_id):
    """Make an export file and keep it for its owner."""
    _run(job_id, JobStep.EXPORT, jobs.run_export)


TASKS = {JobStep.CHECK: check_import, JobStep.WRITE: write_import, JobStep.EXPORT: export_file}


def enqueue(job):
    """Hand ``job`` (saved, queued) to the worker for its step.

    Returns whether the queue took it; if it did not (Redis unreachable, say), the job is
    failed with a message saying the work could not start.
    """
    try:
        TASKS[job.step].enqueue(str(job.pk))
    except Exception:
        logger.exception("could not enqueue spreadsheet job %s", job.pk)
        jobs.fail(
            job.pk,
            "処理を開始できませんでした（処理の待ち行列に接続できません）。何も書き込んでいません。"
            "しばらくしてからやり直すか、システム管理者に連絡してください。",
        )
        job.refresh_from_db()
        return False
    return True
