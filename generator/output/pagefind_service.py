"""A `pagefind --service` process, spoken to directly: search records in, index files out.

The protocol is the one Pagefind's Python and Node wrappers speak: each message is
base64 of a JSON object, ended by a comma, on the service's stdin; each answer likewise
on its stdout, carrying the message's id. The service handles messages one at a time,
in order. One process makes many indexes, one after another (NewIndex, AddRecord...,
GetFiles, DeleteIndex): at 10,000 stories that is 32 shards, and 32 process starts were
~2 s of CPU.

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


class Service:
    """One `pagefind --service` process, making one index after another (NewIndex, its
    records, GetFiles, DeleteIndex): starting the process costs ~0.06 s, and a site has
    up to 64 shards. Not for use by two threads at once."""

    def __init__(self, *, nice: bool = False) -> None:
        command = [str(executable()), "--service"]
        if nice and shutil.which("nice"):
            command = ["nice", "-n", "10", *command]
        try:
            self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=subprocess.DEVNULL)
        except OSError as error:
            raise ServiceError(f"cannot start Pagefind: {error}") from error
        assert isinstance(self._process.stdout, io.BufferedReader)  # a pipe with the default buffering
        self._answers = _answers(self._process.stdout)
        self._sent = 0

    def _send(self, payload: dict) -> int:
        assert self._process.stdin is not None
        self._sent += 1
        self._process.stdin.write(_encode(self._sent, payload))
        return self._sent

    def _answer(self, message_id: int) -> dict:
        """-> the payload of the answer to one message (those before it passed over)."""
        for answer in self._answers:
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error":
                raise ServiceError(str(payload.get("message", "unknown error")))
            if answer.get("message_id") == message_id:
                return payload
        raise ServiceError(f"Pagefind stopped before it answered (exit code {self._process.poll()})")

    def _ask(self, payload: dict) -> dict:
        try:
            message_id = self._send(payload)
            self._process.stdin.flush()  # type: ignore[union-attr]
        except (OSError, ValueError) as error:  # the service died: its answers say how
            raise ServiceError(f"Pagefind stopped before it answered (exit code {self._process.poll()}): "
                               f"{error}") from error
        return self._answer(message_id)

    def index(self, records: Iterable[dict], *, config: dict,
              cancel: threading.Event | None = None) -> dict[str, bytes]:
        """AddRecord payloads (url, content, language, meta, filters, sort), index config
        -> the bundle's files {path inside the bundle: bytes}. Raises ServiceError."""
        index_id = self._ask({"type": "NewIndex", "config": config})["index_id"]
        messages = []
        for record in records:
            if cancel is not None and cancel.is_set():
                raise ServiceError("cancelled")
            self._sent += 1
            messages.append(_encode(self._sent, {"type": "AddRecord", "index_id": index_id, **record}))
        self._sent += 1
        messages.append(_encode(self._sent, {"type": "GetFiles", "index_id": index_id}))
        # One write of every message, from a thread while this one reads the answers (so
        # no pipe fills up): few hand-overs of the GIL, which a busy thread elsewhere in
        # this process (a render) holds 5 ms at a time.
        blob = b"".join(messages)
        failure: list[BaseException] = []

        def write() -> None:
            try:
                self._process.stdin.write(blob)  # type: ignore[union-attr]
                self._process.stdin.flush()  # type: ignore[union-attr]
            except (OSError, ValueError) as error:  # the service died: the reader sees EOF
                failure.append(error)

        writer = threading.Thread(target=write, name="pagefind-records", daemon=True)
        writer.start()
        try:
            files = self._files()
        finally:
            writer.join()
        if files is None:
            detail = f": {failure[0]}" if failure else ""
            raise ServiceError(f"Pagefind stopped before it answered (exit code {self._process.poll()}){detail}")
        self._ask({"type": "DeleteIndex", "index_id": index_id})
        return files

    def _files(self) -> dict[str, bytes] | None:
        """Answers as they come -> the files of the GetFiles answer (None if the service ends first)."""
        for answer in self._answers:
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error":
                raise ServiceError(str(payload.get("message", "unknown error")))
            if payload.get("type") == "GetFiles":
                return {item["path"]: base64.b64decode(item["content"]) for item in payload["files"]}
        return None

    def close(self) -> None:
        """Close the service's stdin (it exits at EOF; it writes nothing itself) and reap it."""
        process = self._process
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
