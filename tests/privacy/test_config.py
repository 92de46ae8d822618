"""RETENTION_MONTHS: 24 by default, a whole number of months from 1 to 120, else one clear line."""

from __future__ import annotations

import pytest

from bot.config import SettingsError, load_settings

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def test_retention_defaults_to_24_months() -> None:
    assert load_settings(BASE, env_file=None).retention_months == 24
    assert load_settings({**BASE, "RETENTION_MONTHS": ""}, env_file=None).retention_months == 24
    assert load_settings({**BASE, "RETENTION_MONTHS": " 36 "}, env_file=None).retention_months == 36


@pytest.mark.parametrize("raw", ["0", "121", "-3", "2 år", "1.5", "tjugofyra"])
def test_bad_retention_fails_with_one_line_naming_it(raw: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({**BASE, "RETENTION_MONTHS": raw}, env_file=None)
    message = str(caught.value)
    assert "RETENTION_MONTHS" in message and "\n" not in message
