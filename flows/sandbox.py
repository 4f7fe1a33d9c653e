"""Per-file time and memory limits: files are read in a child process that the batch task watches.

A parser that loops on a malformed file, or a file that would take all the memory, costs that file
alone: the child is killed (or dies), the file is recorded as quarantined with the limit it broke,
and a fresh child reads the rest of the batch. The child lives as long as the worker that started it,
so its NLP pipeline is loaded once, not once per file.

Memory is watched as the child's resident memory above what it held when ready, polled every tenth
of a second. An address-space limit of several times that is the backstop for a faster spike: the
allocation then fails inside the parser, which records the file as unreadable.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from flows.discover import SourceFile
from flows.process import FileLimits, process_file, quarantined
from nlp.pipeline import swedish
from nlp.privacy import Pseudonymizer, load_or_create_key
from warehouse.model import DocumentRecord

_POLL_SECONDS = 0.1
_BACKSTOP_FACTOR = 4
_PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


def _address_space_bytes() -> int:
    """This process's virtual memory (VmSize), the base its address-space backstop is added to."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _resident_bytes(pid: int) -> int:
    """A process's resident memory; 0 once it is gone."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def _serve(connection: Connection, root: str, key_file: str, limits: FileLimits) -> None:
    """The child: read files named by the parent until it sends None or goes away."""
    pseudonymizer = Pseudonymizer(load_or_create_key(Path(key_file)))
    swedish()  # the spaCy pipeline, loaded before the memory limit is set
    if limits.memory_mb:
        ceiling = _address_space_bytes() + _BACKSTOP_FACTOR * limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    connection.send("ready")
    while True:
        try:
            source = connection.recv()
        except EOFError:
            return
        if source is None:
            return
        try:
            record = process_file(Path(root), source, pseudonymizer, limits)
        except MemoryError:
            record = quarantined(source, pseudonymizer, limits.memory_error())
        connection.send(record)


@dataclass
class _Child:
    process: BaseProcess
    connection: Connection
    ready_bytes: int  # resident memory when ready: the base of the memory limit


class Sandbox:
    """Reads files one at a time in a watched child process, within `limits`."""

    def __init__(self, root: str, key_file: str, limits: FileLimits) -> None:
        self.root, self.key_file, self.limits = root, key_file, limits
        self._pseudonymizer = Pseudonymizer(load_or_create_key(Path(key_file)))
        self._child: _Child | None = None

    def process(self, source: SourceFile) -> DocumentRecord:
        child = self._child or self._start()
        try:
            child.connection.send(source)
        except OSError:  # the child went away between files: start another
            self._stop()
            child = self._start()
            child.connection.send(source)
        deadline = time.monotonic() + self.limits.seconds
        memory = self.limits.memory_mb * 1024 * 1024
        while True:
            if child.connection.poll(_POLL_SECONDS):
                try:
                    return child.connection.recv()
                except EOFError:
                    error = self.limits.crash_error(self._stop())
                    break
            if memory and _resident_bytes(child.process.pid) - child.ready_bytes > memory:
                self._stop()
                error = self.limits.memory_error()
                break
            if time.monotonic() > deadline:
                self._stop()
                error = self.limits.time_error()
                break
        return quarantined(source, self._pseudonymizer, error)

    def close(self) -> None:
        if self._child is not None:
            try:
                self._child.connection.send(None)
                self._child.process.join(timeout=5)
            except OSError:
                pass
            self._stop()

    def _start(self) -> _Child:
        context = multiprocessing.get_context("spawn")
        parent_end, child_end = context.Pipe()
        process = context.Process(
            target=_serve, args=(child_end, self.root, self.key_file, self.limits), daemon=True
        )
        process.start()
        child_end.close()
        try:
            parent_end.recv()
        except EOFError as error:
            raise RuntimeError(
                f"the file reader process died at start (exit code {process.exitcode})"
            ) from error
        self._child = _Child(process, parent_end, _resident_bytes(process.pid))
        return self._child

    def _stop(self) -> int | None:
        """Stop the child; its exit code."""
        if self._child is None:
            return None
        if self._child.process.is_alive():
            self._child.process.kill()
        self._child.process.join()
        self._child.connection.close()
        code = self._child.process.exitcode
        self._child = None
        return code


_local = threading.local()  # a Dask worker may run tasks in several threads: one sandbox each


def sandbox_for(root: str, key_file: str, limits: FileLimits) -> Sandbox:
    """This worker thread's sandbox for a run's settings, started once and reused by its batches."""
    key = (root, key_file, limits)
    current: tuple[tuple[str, str, FileLimits], Sandbox] | None = getattr(_local, "sandbox", None)
    if current is None or current[0] != key:
        if current is not None:
            current[1].close()
        if multiprocessing.current_process().daemon:
            raise RuntimeError(
                "the file readers run in child processes, which a daemonic worker process cannot start; "
                "start Dask workers with DASK_DISTRIBUTED__WORKER__DAEMON=False"
            )
        current = (key, Sandbox(root, key_file, limits))
        _local.sandbox = current
    return current[1]
