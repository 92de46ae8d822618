"""0040_networks moves a database filled by the release before networks into its first network,
with nothing lost: the old code fills it (in a subprocess, from git), the new code upgrades it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from storage.db import make_engine, make_session_factory, transaction, upgrade
from storage.models import Member, Organisation
from storage.networks import add_network
from storage.scope import scoped_info
from tests.storage.first_release_fill import dump

ROOT = Path(__file__).resolve().parents[2]
MIGRATION = "storage/migrations/versions/0040_networks.py"
FILL = Path(__file__).with_name("first_release_fill.py")
NEW_COLUMNS = {"network_id", "team_id"}


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True)  # noqa: S607
    return done.stdout.strip()


def _before_networks() -> str:
    """The newest commit holding the migration 0040 comes after, and not 0040 itself: the code
    whose databases 0040 upgrades."""
    text = (ROOT / MIGRATION).read_text()
    previous = re.search(r'^down_revision = "(\w+)"', text, re.M)
    assert previous is not None
    versions = ROOT / "storage/migrations/versions"
    path = next(p for p in versions.glob("*.py") if f'revision = "{previous.group(1)}"\n' in p.read_text())
    commit = _git("log", "-1", "--format=%H", "HEAD", "--", str(path.relative_to(ROOT)))
    if not commit or _git("ls-tree", commit, "--", MIGRATION):
        raise LookupError("no commit before networks")
    return commit


@pytest.fixture(scope="module")
def first_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """storage/ as it was just before networks came."""
    try:
        revision = _before_networks()
        archive = tmp_path_factory.mktemp("first") / "storage.tar"
        _git("archive", "--format=tar", "-o", str(archive), revision, "storage")
    except (OSError, subprocess.CalledProcessError, LookupError):
        pytest.skip("the git history with the release before networks is not here")
    target = archive.parent / "code"
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    assert not (target / MIGRATION).exists()
    return target


def test_a_first_release_database_moves_into_its_first_network(
    first_release: Path, empty_db_url: str
) -> None:
    env = {**os.environ, "PYTHONPATH": str(first_release)}
    filled = subprocess.run(
        [sys.executable, str(FILL), empty_db_url], cwd=first_release, env=env, check=True, capture_output=True
    )
    before = json.loads(filled.stdout)
    assert len(before["members"]) == 13 and len(before["nominations"]) == 3

    upgrade(empty_db_url, "0040")  # the migration under test (later ones add tables of their own)
    after = dump(empty_db_url)

    assert set(after) == set(before)
    for table, rows in before.items():
        kept = [{k: v for k, v in row.items() if k not in NEW_COLUMNS} for row in after[table]]
        assert kept == rows, table
        if rows and "network_id" in after[table][0]:
            assert {row["network_id"] for row in after[table]} == {1}, table
    assert [(n["id"], n["team_id"]) for n in after["network"]] == [(1, None)]

    # The uniqueness that was global is now per network: a second network may reuse the names.
    engine = make_engine(empty_db_url)
    with transaction(make_session_factory(engine)) as session:
        second = add_network(session, None, "Guldlänken")
    second_network = make_session_factory(engine, second.id)
    with transaction(second_network) as session:
        session.add(Member(slack_user_id="U000", organisation=Organisation(name="Malmö stad"), active=True))
    with pytest.raises(IntegrityError), transaction(second_network) as session:
        session.add(Member(slack_user_id="U000"))
    with transaction(second_network) as session:
        assert [m.network_id for m in session.query(Member)] == [second.id]
    with make_session_factory(engine, 1)() as session:
        assert session.query(Member).count() == 13
    assert scoped_info(1) == {"network_id": 1}
    engine.dispose()


def test_an_empty_database_migrates_without_inventing_a_network(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade(url)
    assert dump(url)["network"] == []
    shutil.rmtree(tmp_path, ignore_errors=True)
