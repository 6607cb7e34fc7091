"""One Pagefind process in its service mode, driven as Pagefind's own Python and Node APIs drive it."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import threading
from typing import Any

NICE = 10  # Pagefind's priority under `mkdocs serve`, below the reader's browser and the server


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
        self.errors: list[str] = []
        self.said = b""  # what it wrote that is not a response (its own error output)
        self.lock = threading.Lock()
        self.ended = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        """Every response, as it comes (unread, they would fill the pipe and stop Pagefind)."""
        assert self.process.stdout is not None
        pieces: list[bytes] = []  # of the message read so far (the files of a bundle come as one: megabytes)
        while chunk := os.read(self.process.stdout.fileno(), 1 << 16):
            *ended, rest = chunk.split(b",")
            for end in ended:
                message = b"".join([*pieces, end])
                pieces = []
                try:
                    response = json.loads(base64.b64decode(message, validate=True))
                except ValueError:
                    self.said += message + b","
                    continue
                payload = response.get("payload") or {}
                if payload.get("type") == "Error":
                    self.errors.append(str(payload.get("message", payload))[:500])
                with self.lock:
                    waiting = self.waiting.pop(response.get("message_id"), None)
                if waiting is not None:
                    waiting.put(payload)
            if rest:
                pieces.append(rest)
        self.said += b"".join(pieces)
        with self.lock:  # it stopped: nobody waits for ever
            self.ended = True
            for waiting in self.waiting.values():
                waiting.put(None)
            self.waiting.clear()

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
