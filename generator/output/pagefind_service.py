"""A `pagefind --service` process, spoken to directly: search records in, index files out.

The protocol is the one Pagefind's Python and Node wrappers speak: each message is
base64 of a JSON object, ended by a comma, on the service's stdin; each answer likewise
on its stdout, carrying the message's id. The service handles messages one at a time,
in order.

Why not the `pagefind` package's own wrapper (it is what the service is for):
- its reader sleeps 0.1 s before reading each answer, so 10,000 records cost 1,000 s;
- its `write_files` is answered before the files are on disk (Pagefind 1.5.2 queues
  tokio writes and acknowledges before flushing them; fixed upstream after 1.5.2 in
  Pagefind/pagefind#1272), and its `close()` then sends SIGTERM: an empty or truncated
  pagefind-entry.json, about once in ten builds. Here the service never writes: its
  files come back in the answer to GetFiles (in memory, like every other output file),
  and the service is ended by closing its stdin, after every answer has been read.
"""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path


class ServiceError(Exception):
    """Pagefind could not be started, or answered a message with an error."""


def executable() -> Path:
    """-> the Pagefind binary the `pagefind` package would run; ServiceError without one."""
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise ServiceError("the pagefind package is not installed") from error
    found = get_executable()
    if found is None:
        raise ServiceError("no Pagefind binary found (install pagefind[bin])")
    return found


def _encode(message_id: int, payload: dict) -> bytes:
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


def _answers(stream: io.BufferedReader) -> Iterator[dict]:
    """The service's stdout -> its answers, one decoded JSON object each, until EOF."""
    buffer = bytearray()
    while chunk := stream.read1(1 << 20):
        buffer += chunk
        while (end := buffer.find(b",")) >= 0:
            answer = json.loads(base64.b64decode(bytes(buffer[:end])))
            del buffer[:end + 1]
            if answer is not None:
                yield answer


def index_files(records: Iterable[dict], *, config: dict, nice: bool = False,
                cancel: threading.Event | None = None) -> dict[str, bytes]:
    """AddRecord payloads (url, content, language, meta, filters, sort), index config
    -> the bundle's files {path inside the bundle: bytes}. Raises ServiceError."""
    command = [str(executable()), "--service"]
    if nice and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
    except OSError as error:
        raise ServiceError(f"cannot start Pagefind: {error}") from error
    failure: list[BaseException] = []

    def write() -> None:
        try:
            assert process.stdin is not None
            process.stdin.write(_encode(1, {"type": "NewIndex", "config": config}))
            count = 1
            for record in records:
                if cancel is not None and cancel.is_set():
                    break
                count += 1
                process.stdin.write(_encode(count, {"type": "AddRecord", "index_id": 0, **record}))
            count += 1
            process.stdin.write(_encode(count, {"type": "GetFiles", "index_id": 0}))
            process.stdin.flush()
        except (OSError, ValueError) as error:  # the service died: the reader sees EOF
            failure.append(error)

    writer = threading.Thread(target=write, name="pagefind-records", daemon=True)
    writer.start()
    try:
        assert process.stdout is not None
        files = _read(_answers(process.stdout))
    finally:
        writer.join()
        _end(process)
    if cancel is not None and cancel.is_set():
        raise ServiceError("cancelled")
    if files is None:
        detail = f": {failure[0]}" if failure else ""
        raise ServiceError(f"Pagefind stopped before it answered (exit code {process.returncode}){detail}")
    return files


def _read(answers: Iterator[dict]) -> dict[str, bytes] | None:
    """Answers as they come -> the files of the GetFiles answer (None if the service ends first)."""
    for answer in answers:
        payload = answer.get("payload") or {}
        if payload.get("type") == "Error":
            raise ServiceError(str(payload.get("message", "unknown error")))
        if payload.get("type") == "GetFiles":
            return {item["path"]: base64.b64decode(item["content"]) for item in payload["files"]}
    return None


def _end(process: subprocess.Popen) -> None:
    """Close the service's stdin (it exits at EOF; it writes nothing itself) and reap it."""
    try:
        if process.stdin is not None:
            process.stdin.close()
    except OSError:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()
