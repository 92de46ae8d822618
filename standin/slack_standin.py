"""A local stand-in for the Slack Web API, served over real HTTP on loopback.

Point the app's client at it::

    with SlackStandIn() as standin:
        client = WebClient(token="xoxb-test", base_url=standin.url)
        client.chat_postMessage(channel="C0ADMIN", text="hi")
        assert standin.messages_to("C0ADMIN")[0].params["text"] == "hi"

It is a real ``ThreadingHTTPServer`` rather than a mock so that the app's
actual HTTP stack (slack_sdk's urllib client, retry handlers, time-outs,
connection handling) is exercised exactly as in production.

Besides ``/api/<method>`` it serves two helper routes:

* ``/upload/<file_id>`` -- the ``upload_url`` handed out by
  ``files.getUploadURLExternal``; recorded as method ``UPLOAD`` ("upload").
* ``/hooks/<tag>`` -- a ``response_url`` target (see ``response_url()``);
  recorded as method ``RESPONSE_URL`` ("response_url").

Both pseudo-methods take part in fault injection like any API method.
"""

from standin.blockkit import err as _err
from standin.blockkit import validate_blocks
from standin.server import SlackStandIn
from standin.state import (
    APP_ID,
    BOT_ID,
    BOT_USER_ID,
    DEFAULT_CHANNELS,
    DEFAULT_USERS,
    RESPONSE_URL,
    RESPONSE_URL_TTL,
    RESPONSE_URL_USES,
    TEAM_DOMAIN,
    TEAM_ID,
    TEAM_NAME,
    TRIGGER_TTL,
    UPLOAD,
    Call,
    _Answer,
    manifest_scopes,
    message_fingerprint,
)

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_USER_ID",
    "DEFAULT_CHANNELS",
    "DEFAULT_USERS",
    "RESPONSE_URL",
    "RESPONSE_URL_TTL",
    "RESPONSE_URL_USES",
    "TEAM_DOMAIN",
    "TEAM_ID",
    "TEAM_NAME",
    "TRIGGER_TTL",
    "UPLOAD",
    "Call",
    "SlackStandIn",
    "_Answer",
    "_err",
    "manifest_scopes",
    "message_fingerprint",
    "validate_blocks",
]
