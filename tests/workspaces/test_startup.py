"""`python -m bot` in OAuth mode with a key that cannot read the stored tokens: one line, no
traceback, no serving."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store import Installation

from bot.workspaces.crypto import TokenCipher
from bot.workspaces.store import EncryptedInstallationStore
from standin.workspaces import CLIENT_ID, CLIENT_SECRET
from storage.db import make_engine, upgrade
from tests.conftest import SECRET
from tests.e2e.process import ROOT, _env, _free_port
from tests.workspaces.conftest import KEY, STATE_SECRET

pytestmark = pytest.mark.e2e


def test_a_wrong_key_stops_the_server_with_one_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    upgrade(url)
    engine = make_engine(url)
    other = TokenCipher(Fernet.generate_key().decode())
    EncryptedInstallationStore(CLIENT_ID, engine, other).save(
        Installation(
            app_id="A0APP", team_id="T0B", user_id="U0INSTALL", bot_token="xoxb-T0B-secret", bot_id="B1"
        )
    )
    engine.dispose()
    proc = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=_env(
            PYTHONPATH=str(ROOT),
            DATABASE_URL=url,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_CLIENT_ID=CLIENT_ID,
            SLACK_CLIENT_SECRET=CLIENT_SECRET,
            SLACK_STATE_SECRET=STATE_SECRET,
            TOKEN_ENCRYPTION_KEY=KEY,
            SLACK_API_URL="http://127.0.0.1:9/api/",
            RUN_SCHEDULER="false",
            PORT=str(_free_port()),
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "TOKEN_ENCRYPTION_KEY" in lines[0], proc.stderr
    assert "xoxb-T0B-secret" not in proc.stderr + proc.stdout and KEY not in proc.stderr
