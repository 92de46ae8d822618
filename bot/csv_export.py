"""CSV files for organisers: bytes that Swedish Excel opens correctly, uploaded to their DM.

Why `;` and a BOM: Excel with Swedish regional settings uses `;` as its list separator (`,` is
the decimal comma), so a comma-separated file opened by double-click lands in one column. The
UTF-8 byte order mark is what makes Excel read UTF-8 (å ä ö) instead of the ANSI code page.
A `sep=;` first line is deliberately not used: with it Excel ignores the BOM. Every field is
quoted, so `;`, commas, quotes and line breaks inside answers stay within their cell in any
reader (LibreOffice and Numbers ask or detect the separator).
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.runtime import Runtime

DELIMITER = ";"
BOM = "\ufeff"
# A cell starting with one of these is read by Excel as a formula (CSV injection); user text
# never should be, so such a cell gets a leading apostrophe (OWASP's advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 (with BOM) CSV: `;`-separated, every field quoted, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(cell or "") for cell in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def dm_channel(runtime: Runtime, user_id: str) -> str:
    """The id of the app's DM with `user_id` (opened if need be)."""
    opened = runtime.client.conversations_open(users=user_id)
    return str(opened["channel"]["id"])


def upload_files(
    runtime: Runtime, channel: str, files: list[tuple[str, bytes, str | None]], comment: str | None
) -> None:
    """Upload (filename, data, title) files into `channel` as one message (files upload v2 flow).

    The title, when given, is what screen readers and the preview show (a chart's alt text);
    otherwise the file name. Raises slack_sdk's SlackClientError when Slack refuses.
    """
    uploads = [{"file": data, "filename": name, "title": title or name} for name, data, title in files]
    if comment:
        runtime.client.files_upload_v2(channel=channel, file_uploads=uploads, initial_comment=comment)
    else:
        runtime.client.files_upload_v2(channel=channel, file_uploads=uploads)


def upload_csv(runtime: Runtime, user_id: str, filename: str, data: bytes, comment: str) -> None:
    """Upload `data` as a file into the app's DM with `user_id` (files upload v2 flow).

    Raises slack_sdk's SlackClientError when Slack refuses; callers answer the organiser.
    """
    upload_files(runtime, dm_channel(runtime, user_id), [(filename, data, None)], comment)
