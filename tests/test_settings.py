"""Settings come from the environment; bad values stop start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coalition.env import ConfigError, parse_bool, parse_cache_url, parse_database_url, parse_list, parse_positive_int

BASE = Path(__file__).resolve().parent.parent


def test_unset_database_url_means_the_embedded_sqlite_file(tmp_path):
    config = parse_database_url(None, base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_postgres_url_uses_psycopg2_with_persistent_health_checked_connections(tmp_path):
    config = parse_database_url("postgres://ct:secret@db.internal:5433/coalition", base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["HOST"], config["PORT"]) == ("coalition", "ct", "db.internal", 5433)
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    "url, words",
    [
        ("not-a-url", "expected scheme://"),
        ("mysqlx://u@h/db", "malformed"),
        ("postgres://u@host:notaport/db", "malformed"),
        ("postgres://u@host:5432", "names no database"),
        ("oracle://u:p@h:1521/db", "unsupported database"),
    ],
)
def test_malformed_database_url_is_refused_with_a_message_naming_it(tmp_path, url, words):
    with pytest.raises(ConfigError) as excinfo:
        parse_database_url(url, base_dir=tmp_path)
    assert "DATABASE_URL" in str(excinfo.value)
    assert words in str(excinfo.value)


@pytest.mark.parametrize("value, expected", [("1", True), ("yes", True), ("off", False), ("", False), (None, False)])
def test_boolean_settings_accept_the_usual_words(value, expected):
    assert parse_bool("DEBUG", value, default=False) is expected


def test_boolean_setting_with_a_typo_is_refused():
    with pytest.raises(ConfigError, match="DEBUG='ture'"):
        parse_bool("DEBUG", "ture", default=False)


def test_unset_cache_url_keeps_a_cache_per_process():
    assert parse_cache_url(None)["BACKEND"].endswith("LocMemCache")
    assert parse_cache_url("locmem://")["BACKEND"].endswith("LocMemCache")


def test_redis_cache_url_gives_the_shared_redis_cache():
    config = parse_cache_url("redis://cache.internal:6379/2")
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == "redis://cache.internal:6379/2"
    assert parse_cache_url("rediss://cache.internal:6380/0")["LOCATION"].startswith("rediss://")


@pytest.mark.parametrize("url", ["memcached://127.0.0.1:11211", "redis://", "127.0.0.1:6379"])
def test_unsupported_cache_url_is_refused_with_a_message_naming_it(url):
    with pytest.raises(ConfigError, match="CACHE_URL=") as excinfo:
        parse_cache_url(url)
    assert "redis://" in str(excinfo.value)


def test_redis_cache_is_shared_between_workers():
    """Two cache objects built from the same CACHE_URL (two worker processes) see one value:
    what makes a network computed by one worker serve every other."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set (CI sets it to a running Redis)")
    from django.core.cache.backends.redis import RedisCache

    config = parse_cache_url(url)
    first, second = (RedisCache(config["LOCATION"], {"KEY_PREFIX": config["KEY_PREFIX"]}) for _ in range(2))
    first.delete("shared-probe")
    assert second.get("shared-probe") is None
    first.set("shared-probe", {"nodes": [1, 2]}, 30)
    assert second.get("shared-probe") == {"nodes": [1, 2]}
    second.delete("shared-probe")
    assert first.get("shared-probe") is None


def test_start_up_with_an_unsupported_cache_url_prints_one_clear_line():
    result = _start({"DEBUG": "1", "CACHE_URL": "memcached://127.0.0.1:11211"})
    assert result.returncode != 0
    assert "Configuration error: CACHE_URL=" in result.stderr
    assert "Traceback" not in result.stderr


def test_allowed_hosts_list_is_comma_separated():
    assert parse_list(" a.example.org, b.example.org ,", default=[]) == ["a.example.org", "b.example.org"]


def _start(env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = "coalition.settings"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_start_up_with_a_malformed_database_url_prints_one_clear_line():
    result = _start({"DEBUG": "1", "DATABASE_URL": "postgres//oops"})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: DATABASE_URL='postgres//oops' is malformed")


def test_start_up_without_secret_key_is_refused_when_debug_is_off():
    result = _start({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_up_in_debug_uses_a_development_key():
    assert _start({"DEBUG": "1"}).returncode == 0


def test_a_migrations_check_runs_without_a_secret_key_but_serving_does_not():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE, env=env, capture_output=True, text=True, timeout=120
        )

    checked = manage("makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0, checked.stderr
    refused = manage("check")
    assert refused.returncode != 0
    assert "SECRET_KEY is not set" in refused.stderr


def test_start_up_with_a_short_secret_key_is_refused_in_one_line_when_debug_is_off():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(DEBUG="0", SECRET_KEY="s" * 49, ALLOWED_HOSTS="example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: SECRET_KEY is too short (49 characters)"), lines[0]
    assert "secrets.token_urlsafe(50)" in lines[0]


def test_a_long_enough_secret_key_starts_and_a_migrations_check_needs_no_real_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(DEBUG="0", ALLOWED_HOSTS="example.org")

    def manage(key, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE,
            env={**env, "SECRET_KEY": key},
            capture_output=True,
            text=True,
            timeout=120,
        )

    started = manage("s" * 50, "check")
    assert started.returncode == 0, started.stderr
    checked = manage("ci", "makemigrations", "--check", "--dry-run")
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("value, expected", [(None, 90), ("", 90), ("30", 30), (" 365 ", 365)])
def test_token_lifetime_takes_a_positive_number_of_days(value, expected):
    assert parse_positive_int("API_TOKEN_LIFETIME_DAYS", value, default=90) == expected


@pytest.mark.parametrize("value", ["0", "-5", "ninety", "1.5"])
def test_a_token_lifetime_that_is_not_a_positive_number_is_refused(value):
    with pytest.raises(ConfigError, match="API_TOKEN_LIFETIME_DAYS="):
        parse_positive_int("API_TOKEN_LIFETIME_DAYS", value, default=90)
