"""Bytes to text: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252 with a warning; line ends to "\\n"."""

from __future__ import annotations

import codecs

from ..model import Issue


def decode(data: bytes, path: str) -> tuple[str | None, list[Issue]]:
    """Bytes to text with "\\n" line ends; (None, [why]) when the bytes are no text."""
    issues: list[Issue] = []
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        offset = data.index(b"\x00")
        return None, [Issue(path, 0, f"binary file (NUL byte at offset {offset}), not a note: skipped")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            return None, [Issue(path, 0, f"not valid UTF-16 at byte offset {error.start}: skipped")]
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None, [
                    Issue(
                        path,
                        0,
                        f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) "
                        "and not Windows-1252 either: skipped; save the note as UTF-8",
                    )
                ]
            issues.append(
                Issue(
                    path,
                    0,
                    f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                    "read as Windows-1252 (Latin-1); save the note as UTF-8 to silence this",
                )
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, issues
