"""Loggers muted while a library works, and given back as they were (desktop_app/quiet_logs.py)."""

from __future__ import annotations

import logging
import threading

import pytest

from desktop_app.quiet_logs import quiet_loggers

pytestmark = pytest.mark.no_database


def test_a_muted_logger_says_nothing_and_gets_its_level_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    logger = logging.getLogger("pa-test-library")
    logger.setLevel(logging.INFO)
    with caplog.at_level(logging.DEBUG), quiet_loggers("pa-test-library"):
        logger.error("a damaged file's contents")
    assert "damaged" not in caplog.text
    assert logger.level == logging.INFO


def test_nested_and_overlapping_blocks_restore_only_when_the_last_one_ends() -> None:
    first, second = logging.getLogger("pa-test-a"), logging.getLogger("pa-test-b")
    first.setLevel(logging.WARNING)
    second.setLevel(logging.DEBUG)
    with quiet_loggers("pa-test-a"):
        with quiet_loggers("pa-test-a", "pa-test-b"):
            assert first.level > logging.CRITICAL and second.level > logging.CRITICAL
        assert first.level > logging.CRITICAL  # still inside the outer block
        assert second.level == logging.DEBUG
    assert first.level == logging.WARNING


def test_a_failing_block_still_restores_the_level() -> None:
    logger = logging.getLogger("pa-test-raises")
    logger.setLevel(logging.NOTSET)
    with pytest.raises(ValueError), quiet_loggers("pa-test-raises"):
        raise ValueError("the library failed")
    assert logger.level == logging.NOTSET


def test_threads_muting_the_same_logger_leave_it_as_it_was() -> None:
    logger = logging.getLogger("pa-test-threads")
    logger.setLevel(logging.INFO)
    barrier = threading.Barrier(8)

    def work() -> None:
        barrier.wait()
        for _ in range(200):
            with quiet_loggers("pa-test-threads"):
                pass

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert logger.level == logging.INFO
