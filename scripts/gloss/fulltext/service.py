"""One Pagefind process in its service mode, driven as Pagefind's own Python and Node APIs drive it."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import re
import subprocess
import threading
from collections.abc import Callable
from typing import Any

NICE = 10  # Pagefind's priority under `mkdocs serve`, below the reader's browser and the server
HEAD = 64  # base64 characters that hold a response's message id
_ID = re.compile(rb'\{"message_id":(\d+)')
# One file of a GetFiles answer, as Pagefind (serde) writes it: its path inside the bundle, its content in base64.
_FILE = re.compile(rb'\{"path":"((?:[^"\\]|\\.)*)","content":"([A-Za-z0-9+/=]*)"\}')
Sink = Callable[[str, bytes], None]  # where a handed-over file goes: its path inside the bundle, its content


class _Files:
    """A GetFiles answer read as it comes, each file handed to ``sink`` as soon as it is whole: at
    10,000 terms a bundle's files are megabytes in one response, and two parts' answers held whole
    (then decoded) took 40 MB more at the build's peak.  An answer not written as Pagefind writes
    it (other fields, another order) is read whole at its end instead."""

    def __init__(self, sink: Sink) -> None:
        self.sink, self.pending, self.data, self.head, self.count = sink, b"", bytearray(), b"", 0
        self.failed = ""  # why a file could not be written (the rest are read, not written)

    def _give(self, name: str, content: bytes) -> None:
        if not self.failed:
            try:
                self.sink(name, content)
            except OSError as error:
                self.failed = f"could not write {name}: {error}"

    def feed(self, piece: bytes) -> None:
        self.pending += piece
        usable = len(self.pending) // 4 * 4
        self.data += base64.b64decode(self.pending[:usable])
        self.pending = self.pending[usable:]
        if len(self.head) < 100 and not self.count:  # where the answer says what it is
            self.head = bytes(self.data[:100])
        if b'"type":"GetFiles"' not in self.head:
            return  # an error, or another form: read whole at the end
        taken = 0
        for match in _FILE.finditer(self.data):
            self._give(json.loads(b'"' + match.group(1) + b'"'), base64.b64decode(match.group(2)))
            taken, self.count = match.end(), self.count + 1
        del self.data[:taken]

    def finish(self) -> dict[str, Any]:
        """The answer: ``{"type": "GetFiles", "files": count}`` once its files went to the sink."""
        if self.count:
            return (
                {"type": "Error", "message": self.failed} if self.failed else {"type": "GetFiles", "files": self.count}
            )
        try:
            payload = json.loads(bytes(self.data) + base64.b64decode(self.pending)).get("payload") or {}
        except (ValueError, AttributeError):
            return {"type": "Error", "message": "an answer that could not be read"}
        if payload.get("type") == "GetFiles":
            given = payload.get("files") or []
            for file in given:
                self._give(str(file["path"]), base64.b64decode(file["content"]))
            return (
                {"type": "Error", "message": self.failed} if self.failed else {"type": "GetFiles", "files": len(given)}
            )
        return dict(payload)


class Service:
    """One Pagefind process in its service mode (what its Python and Node APIs drive): requests as
    base64 JSON on its stdin, each ended by a comma, and responses the same way on its stdout."""

    def __init__(self, command: list[str], background: bool) -> None:
        self.process = subprocess.Popen(
            [*command, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        if background and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it may have stopped already
                os.setpriority(os.PRIO_PROCESS, self.process.pid, NICE)
        self.sent = 0
        self.waiting: dict[int, queue.SimpleQueue[dict[str, Any] | None]] = {}
        self.sinks: dict[int, Sink] = {}  # message id -> where the files of its answer go (``get_files``)
        self.errors: list[str] = []
        self.said = b""  # what it wrote that is not a response (its own error output)
        self.lock = threading.Lock()
        self.ended = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        """Every response, as it comes (unread, they would fill the pipe and stop Pagefind); the answer
        to a ``get_files`` is handed to its sink file by file as it comes (``_Files``)."""
        assert self.process.stdout is not None
        pieces: list[bytes] = []  # of the message read so far
        size = 0  # its length
        streaming: tuple[int, _Files] | None = None  # (message id, reader) of a GetFiles answer
        while chunk := os.read(self.process.stdout.fileno(), 1 << 16):
            *ended, rest = chunk.split(b",")
            for end in [*ended, None]:
                piece = rest if end is None else end
                if streaming is not None:
                    streaming[1].feed(piece)
                else:
                    pieces.append(piece)
                    size += len(piece)
                    if size >= HEAD and size - len(piece) < HEAD:  # its first bytes are in: looked at once
                        streaming = self._stream(b"".join(pieces))
                        pieces = [] if streaming is not None else pieces
                if end is None:
                    break
                if streaming is not None:
                    self._answer(streaming[0], streaming[1].finish())
                else:
                    self._message(b"".join(pieces))
                pieces, size, streaming = [], 0, None
        self.said += b"".join(pieces)
        with self.lock:  # it stopped: nobody waits for ever
            self.ended = True
            for waiting in self.waiting.values():
                waiting.put(None)
            self.waiting.clear()

    def _stream(self, head: bytes) -> tuple[int, _Files] | None:
        """A message whose id has a sink (``get_files``), once its first bytes are in: read as it comes."""
        if not self.sinks:
            return None
        try:
            found = _ID.match(base64.b64decode(head[:HEAD], validate=True))
        except ValueError:
            return None
        with self.lock:
            sink = self.sinks.pop(int(found.group(1)), None) if found else None
        if found is None or sink is None:
            return None
        files = _Files(sink)
        files.feed(head)
        return int(found.group(1)), files

    def _message(self, message: bytes) -> None:
        try:
            response = json.loads(base64.b64decode(message, validate=True))
        except ValueError:
            self.said += message + b","
            return
        self._answer(response.get("message_id"), response.get("payload") or {})

    def _answer(self, message_id: Any, payload: dict[str, Any]) -> None:
        if payload.get("type") == "Error":
            self.errors.append(str(payload.get("message", payload))[:500])
        with self.lock:
            waiting = self.waiting.pop(message_id, None)
        if waiting is not None:
            waiting.put(payload)

    def get_files(self, index_id: int, sink: Sink) -> queue.SimpleQueue[dict[str, Any] | None] | None:
        """Ask for an index's files: each goes to ``sink`` as it comes; the answer says how many."""
        with self.lock:
            self.sinks[self.sent + 1] = sink
        return self.send({"type": "GetFiles", "index_id": index_id}, answer=True)

    def send(self, payload: dict[str, Any], answer: bool = False) -> queue.SimpleQueue[dict[str, Any] | None] | None:
        self.sent += 1
        waiting: queue.SimpleQueue[dict[str, Any] | None] | None = None
        if answer:
            waiting = queue.SimpleQueue()
            with self.lock:
                if self.ended:
                    waiting.put(None)
                    return waiting
                self.waiting[self.sent] = waiting
        assert self.process.stdin is not None
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode()
        try:
            self.process.stdin.write(base64.b64encode(message) + b",")
            if answer:
                self.process.stdin.flush()
        except OSError:  # it stopped (``close`` says what it said)
            if waiting is not None:
                with self.lock:
                    self.waiting.pop(self.sent, None)
                waiting.put(None)
        return waiting

    def close(self) -> list[str]:
        """Stop it; what went wrong, in its words."""
        with contextlib.suppress(OSError):
            assert self.process.stdin is not None
            self.process.stdin.close()
        self.process.wait()
        self.reader.join()
        assert self.process.stdout is not None
        self.process.stdout.close()
        said = self.said.decode(errors="replace").strip()
        return self.errors + ([said[-500:]] if said else [])
