"""Write one output in a forked child process while this process writes the others.

Fork shares the finished claims table with the child copy-on-write: nothing is
pickled on the way in, and only the writer's small result (paths) comes back
through a pipe. A writer that fails sends its exception back, one that dies
(killed, out of memory) is named with its exit status: the parent never waits
on a child that is gone. A child also ends with its parent, so a run that is
killed leaves no writer behind to replace an output later; ended by SIGTERM,
it still removes its temporary file (:mod:`geo.output.atomic`).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")

CANCEL_GRACE_SECONDS = 10.0  # for a cancelled writer to remove its temporary file before it is killed


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class Forked(Generic[T]):
    """``function()`` running in a forked child; :meth:`result` waits for it and returns or raises what it did.

    ``waits``: the child is started before all it needs is known; ``function(receive)`` is then called,
    and ``receive()`` gives the child what the parent :meth:`send` s it (waiting for it).
    """

    def __init__(self, name: str, function: Callable[..., T], waits: bool = False):
        context = multiprocessing.get_context("fork")
        self.name = name
        self._receive, send = context.Pipe(duplex=False)
        self._inbox, self._outbox = context.Pipe(duplex=False) if waits else (None, None)
        self._process = context.Process(target=_child, args=(send, function, os.getpid(), self._inbox, self._outbox),
                                        name=f"strikemap: {name}", daemon=True)
        gc.freeze()  # the child's collections then leave the parent's objects, and their pages, alone
        try:
            self._process.start()
        finally:
            gc.unfreeze()
        send.close()  # the child holds the only sending end: when it dies, receiving ends instead of waiting forever
        if self._inbox is not None:
            self._inbox.close()

    def send(self, value) -> None:
        """Give the child (started with ``waits``) what it waits for."""
        try:
            self._outbox.send(value)
        except OSError:  # the child is gone: result() says how
            pass

    def result(self) -> T:
        try:
            ok, value = self._receive.recv()
        except (EOFError, OSError):
            self._process.join()
            raise RuntimeError(f"{self.name} was not written: the process writing it ended "
                               f"without a result (exit status {self._process.exitcode})") from None
        finally:
            self._receive.close()
        self._process.join()
        if self._outbox is not None:
            self._outbox.close()
        if ok:
            return value
        raise value

    def cancel(self) -> None:
        """End the child (it removes its temporary file) and wait for it."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(CANCEL_GRACE_SECONDS)
            if self._process.is_alive():
                self._process.kill()
        self._process.join()
        self._receive.close()
        if self._outbox is not None:
            self._outbox.close()


def _child(send: Connection, function: Callable[..., object], parent: int, inbox: Connection | None = None,
           outbox: Connection | None = None) -> None:
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    _end_with_parent(parent)
    _name_process("strikemap " + multiprocessing.current_process().name.removeprefix("strikemap: the "))
    if outbox is not None:
        outbox.close()  # the parent holds the only sending end: when it dies, the child stops waiting

    def receive():
        try:
            return inbox.recv()
        except (EOFError, OSError):  # the parent is gone, or gave up on this child
            raise RuntimeError("nothing was sent to the waiting child") from None

    try:
        outcome = (True, function(receive) if inbox is not None else function())
    except BaseException as exc:  # every failure goes back to the parent, none is printed here
        outcome = (False, _portable(exc))
    try:
        send.send(outcome)
    except OSError:  # the parent is gone: nobody to tell
        pass


def _exit_on_sigterm(signum: int, frame) -> None:
    raise SystemExit(128 + signum)  # unwinds: atomic writes remove their temporary files


def _end_with_parent(parent: int) -> None:
    """Have the kernel send SIGTERM to this child when its parent dies (Linux), or exit if it has already."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        raise SystemExit(1)


def _name_process(name: str) -> None:
    """Name this process (Linux; ``ps`` and ``/proc/PID/comm`` show the first 15 bytes): a writer
    forked before an extraction pool is told apart from the pool's workers."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(15, name.encode()[:15] + b"\0")  # 15: PR_SET_NAME
        except (OSError, AttributeError):
            pass


def _portable(exc: BaseException) -> BaseException:
    """The exception, if it survives the pipe, else a RuntimeError saying what it was; with the child's traceback as a note."""
    try:
        exc.add_note("".join(traceback.format_exception(exc)).rstrip())  # shown with --debug; Python >= 3.11
    except AttributeError:
        pass
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError(f"{type(exc).__name__}: {exc}")
