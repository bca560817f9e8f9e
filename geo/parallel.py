"""Per-file work spread over processes: a local pool, or an existing Dask cluster.

Results come back in input order whatever finishes first, so the outputs do not
depend on how many processes did the work. A process that dies (the kernel's
out-of-memory killer, a crash inside a C library on a hostile file, a worker
lost with its machine) costs no file: the files it may have held are read again,
each alone, and a file whose process dies again is reported as not read, with
the reason, while every other file is read.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
#: The work on one file; it must report its own failures in what it returns, not raise.
Work = Callable[[str], T]
#: What to return for a file whose process died, given the file and how the process ended.
Lost = Callable[[str, str], T]
#: Told of a process that died while other files were in its hands: (the first of them, what happened).
Notice = Callable[[str, str], None]

_MAX_CHUNK = 64  # files per task: larger chunks cost little to send, but a lost process loses more work


def chunk_size(n_files: int, processes: int) -> int:
    """Files per task: about eight tasks a process, so processes finish together, at most 64."""
    return max(1, min(_MAX_CHUNK, n_files // (processes * 8) or 1))


def _context():
    # Forked workers share the parent's loaded gazetteer instead of loading their own.
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)


#: What :func:`local_results` yields first when asked to begin at once: the pool is at work.
BEGUN = object()


def local_results(work: Work, files: Sequence[str], jobs: int, lost: Lost, notice: Notice | None = None,
                  begin: bool = False) -> Iterator[T]:
    """``work`` on each file in a pool of ``jobs`` processes, the results in input order.

    ``begin``: the first item is :data:`BEGUN`, yielded as soon as every file is handed to
    the pool, so that a caller can set the pool to work and do other things meanwhile.

    When a pool process dies, the pool is lost with every task not yet returned.
    The files of the earliest of those tasks, as many as the pool runs and
    queues at once (two per process, plus one), are read again, each in a
    process of its own; then a new pool goes on. A file that kills every process
    reading it is among them, or breaks the next pool in turn and is then.
    """
    context, chunk = _context(), chunk_size(len(files), jobs)
    start = 0
    while start < len(files):
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                results = pool.map(work, files[start:], chunksize=chunk)
                if begin:
                    begin = False
                    yield BEGUN
                for result in results:
                    yield result
                    start += 1
        except BrokenProcessPool:
            if begin:  # broken before it began: the files are read again, from here on
                begin = False
                yield BEGUN
            held, died = files[start:start + chunk * (2 * jobs + 1)], 0
            for path in held:
                result, how = _alone(work, path, context)
                died += how is not None
                yield result if how is None else lost(path, how)
            if notice and not died:
                notice(held[0], f"a worker process died while it held this file or one of the {len(held) - 1} after it; "
                                "each was read again in a process of its own, and all were read")
            start += len(held)
    if begin:  # no file to read
        yield BEGUN


def _alone(work: Work, path: str, context) -> tuple[T | None, str | None]:
    """(the result, None), or (None, how the process ended) when it died first."""
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send, args=(work, path, send), daemon=True)
    child.start()
    send.close()  # the child holds the only sending end: its death ends the pipe
    try:
        return receive.recv(), None
    except EOFError:
        pass
    finally:
        receive.close()
        child.join()
    return None, ended(child.exitcode)


def _send(work: Work, path: str, send) -> None:
    send.send(work(path))
    send.close()


def ended(exitcode: int | None) -> str:
    """How a child process ended, in words, from its exit code."""
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return f"it was killed ({name}), most often by the system for want of memory"
        return f"it crashed ({name})"
    return f"it exited with status {exitcode} before returning a result"


def dask_results(work: Work, files: Sequence[str], scheduler: str, lost: Lost) -> Iterator[T]:
    """``work`` on each file on an existing Dask cluster, the results in input order.

    Files go in chunks (one task per file would make the scheduler's overhead
    rival the work), and only two chunks per worker thread are in flight at a
    time, so neither the client nor the workers hold more than that whatever
    the archive's size. Dask itself runs a lost worker's tasks again elsewhere;
    a chunk that kills worker after worker (``KilledWorker``) is run again one
    file per task, one task at a time, and a file that does so alone is
    reported as not read.
    """
    try:
        from distributed import Client
        from distributed.scheduler import KilledWorker
    except ImportError as exc:
        raise RuntimeError("--engine dask needs dask.distributed: python -m pip install 'dask[distributed]'") from exc
    with Client(scheduler) as client:
        slots = max(1, sum(client.nthreads().values()))
        chunk = chunk_size(len(files), slots)
        chunks = (list(files[i:i + chunk]) for i in range(0, len(files), chunk))
        yield from _in_order(client, work, chunks, 2 * slots, lost, KilledWorker)


def _in_order(client, work: Work, chunks: Iterator[list[str]], window: int, lost: Lost, killed: type) -> Iterator[T]:
    """The results of ``work`` on each chunk's files, in order, ``window`` chunks in flight."""
    in_flight = deque((c, client.submit(_work_all, work, c, pure=False)) for c in islice(chunks, window))
    while in_flight:
        paths, future = in_flight.popleft()
        for more in islice(chunks, 1):
            in_flight.append((more, client.submit(_work_all, work, more, pure=False)))
        try:
            results = future.result()
        except killed as exc:  # run again a file a task, or report the file that alone kills its workers
            # One file in flight at a time: a worker that dies takes every task it
            # holds with it, so an innocent file sent beside the killer could die
            # with it often enough for the scheduler to give up on it too.
            results = (_in_order(client, work, ([p] for p in paths), 1, lost, killed) if len(paths) > 1
                       else [lost(paths[0], _killed(exc))])
        finally:
            future.release()
        yield from results


def _work_all(work: Work, paths: list[str]) -> list[T]:
    return [work(path) for path in paths]


def _killed(exc: Exception) -> str:
    return f"each Dask worker that read it died, until the scheduler gave up ({type(exc).__name__})"
