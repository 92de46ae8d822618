"""Settings: defaults, .env, and one clear line for every missing or malformed setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import SettingsError, load_database_url, load_settings

BASE = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def test_defaults_match_the_product() -> None:
    settings = load_settings(BASE, env_file=None)
    assert settings.database_url == "sqlite:///chefsnatverket.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.timezone == "Europe/Stockholm"
    assert settings.language == "sv"
    assert settings.run_scheduler is True
    assert settings.port == 3000
    assert settings.organisers == ()
    assert settings.slack_app_token is None


def test_values_are_read_and_normalised() -> None:
    settings = load_settings(
        {
            **BASE,
            "ORGANISERS": "U111, W222 ,",
            "SLACK_API_URL": "http://127.0.0.1:9999/api",
            "RUN_SCHEDULER": "false",
            "PORT": "8080",
            "BOT_LANGUAGE": "en",
            "DATABASE_URL": "postgres://u:p@127.0.0.1/db",
        },
        env_file=None,
    )
    assert settings.organisers == ("U111", "W222")
    assert settings.slack_api_url == "http://127.0.0.1:9999/api/"
    assert settings.run_scheduler is False
    assert settings.port == 8080
    assert settings.language == "en"


def test_env_file_is_read_and_environment_wins(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("SLACK_BOT_TOKEN=xoxb-from-file\nSLACK_SIGNING_SECRET=file\nPORT=4000\n")
    settings = load_settings({"PORT": "5000"}, env_file=env_file)
    assert settings.slack_bot_token == "xoxb-from-file"
    assert settings.port == 5000


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({**BASE, "SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN"),
        ({**BASE, "SLACK_APP_TOKEN": "nope"}, "SLACK_APP_TOKEN"),
        ({**BASE, "DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({**BASE, "SLACK_API_URL": "slack.com"}, "SLACK_API_URL"),
        ({**BASE, "ORGANISERS": "anna"}, "ORGANISERS"),
        ({**BASE, "BOT_TIMEZONE": "Mars/Olympus"}, "BOT_TIMEZONE"),
        ({**BASE, "BOT_LANGUAGE": "fi"}, "BOT_LANGUAGE"),
        ({**BASE, "RUN_SCHEDULER": "kanske"}, "RUN_SCHEDULER"),
        ({**BASE, "PORT": "http"}, "PORT"),
        ({**BASE, "PORT": "70000"}, "PORT"),
    ],
)
def test_bad_settings_fail_with_one_line_naming_them(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(env, env_file=None)
    message = str(err.value)
    assert named in message
    assert "\n" not in message


def test_secrets_are_not_in_repr() -> None:
    settings = load_settings({**BASE, "SLACK_APP_TOKEN": "xapp-secret"}, env_file=None)
    text = repr(settings)
    assert "xoxb-1" not in text and "s3cret" not in text and "xapp-secret" not in text


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({**BASE, "DATABASE_URL": "sqlite:////nonexistent/dir/x.db"}, "DATABASE_URL"),
        ({**BASE, "DATABASE_URL": "sqlite://"}, "DATABASE_URL"),
        ({**BASE, "DATABASE_URL": "sqlite:///:memory:"}, "DATABASE_URL"),
        ({**BASE, "HOST": "not a host"}, "HOST"),
        ({**BASE, "GRACE_HOURS": "nan"}, "GRACE_HOURS"),
        ({**BASE, "GRACE_HOURS": "-5"}, "GRACE_HOURS"),
        ({**BASE, "GRACE_HOURS": "inf"}, "GRACE_HOURS"),
        ({**BASE, "SLACK_BOT_TOKEN": "xoxb-..."}, "SLACK_BOT_TOKEN"),
        ({**BASE, "SLACK_SIGNING_SECRET": "..."}, "SLACK_SIGNING_SECRET"),
        ({**BASE, "ORGANISERS": "U0123ABCD"}, "ORGANISERS"),
        ({**BASE, "LISTENER_THREADS": "0"}, "LISTENER_THREADS"),
        ({**BASE, "WEB_THREADS": "many"}, "WEB_THREADS"),
    ],
)
def test_first_run_mistakes_fail_with_one_line_naming_them(env: dict[str, str], named: str) -> None:
    with pytest.raises(SettingsError) as err:
        load_settings(env, env_file=None)
    assert named in str(err.value)
    assert "\n" not in str(err.value)


def test_an_unedited_copy_of_env_sample_is_refused(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text((Path(__file__).parents[1] / ".env.sample").read_text())
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN is still the placeholder"):
        load_settings({}, env_file=env_file)


def test_empty_settings_mean_their_defaults() -> None:
    settings = load_settings(
        {**BASE, "RUN_SCHEDULER": "", "HOST": "", "GRACE_HOURS": " ", "WEB_THREADS": ""}, env_file=None
    )
    assert settings.run_scheduler is True
    assert settings.host == "0.0.0.0"
    assert settings.grace_hours == 24.0
    assert settings.web_threads == 16
    assert load_settings({**BASE, "HOST": "localhost", "GRACE_HOURS": "0"}, env_file=None).grace_hours == 0


def test_db_upgrade_settings_need_no_slack_token(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert load_database_url({"DATABASE_URL": url}, env_file=None) == url
    assert load_database_url({}, env_file=None) == "sqlite:///chefsnatverket.db"
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        load_database_url({"DATABASE_URL": "sqlite://"}, env_file=None)
