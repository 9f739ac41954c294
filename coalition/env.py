"""Parsing of settings taken from the environment (12-factor), kept apart so tests can call it."""

from __future__ import annotations

from pathlib import Path

import dj_database_url


class ConfigError(Exception):
    """A setting from the environment is missing or malformed; the message names the fix."""


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def parse_bool(name: str, value: str | None, *, default: bool) -> bool:
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ConfigError(f"{name}={value!r} is not a yes/no value; use 1/0, true/false, yes/no or on/off.")


def parse_positive_int(name: str, value: str | None, *, default: int) -> int:
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        number = 0
    if number < 1:
        raise ConfigError(f"{name}={value!r} is not a positive whole number.")
    return number


MIN_SECRET_KEY_LENGTH = 50


def check_secret_key(key: str) -> str:
    """Refuse a key short enough to guess: it signs sessions, password-reset links and CSRF tokens."""
    if len(key) < MIN_SECRET_KEY_LENGTH:
        raise ConfigError(
            f"SECRET_KEY is too short ({len(key)} characters); use {MIN_SECRET_KEY_LENGTH} or more random "
            "characters, for example from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    return key


def parse_list(value: str | None, *, default: list[str]) -> list[str]:
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


SUPPORTED_ENGINES = {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}


def documents_storage(environ) -> dict:
    """Where uploaded files (partnership documents) live: the file system under MEDIA_ROOT, or a
    private S3-compatible bucket when DOCUMENTS_S3_BUCKET is set (docs/deployment.md)."""
    if not environ.get("DOCUMENTS_S3_BUCKET"):
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ["DOCUMENTS_S3_BUCKET"],
            "endpoint_url": environ.get("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("DOCUMENTS_S3_REGION") or None,
            "access_key": environ.get("DOCUMENTS_S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("DOCUMENTS_S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("DOCUMENTS_S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }


def parse_database_url(url: str | None, *, base_dir: Path) -> dict:
    """Return a Django DATABASES entry for `url`, or the embedded SQLite file when unset."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(base_dir / "db.sqlite3")}
    if "://" not in url:
        raise ConfigError(
            f"DATABASE_URL={url!r} is malformed: expected scheme://..., "
            "for example postgres://user@127.0.0.1:5432/coalition or sqlite:///db.sqlite3."
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad input
        raise ConfigError(f"DATABASE_URL={url!r} is malformed: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine not in SUPPORTED_ENGINES:
        raise ConfigError(
            f"DATABASE_URL={url!r} names an unsupported database ({engine or 'unknown scheme'}); "
            "use postgres:// or sqlite://."
        )
    if engine == "django.db.backends.postgresql" and not config.get("NAME"):
        raise ConfigError(f"DATABASE_URL={url!r} is malformed: it names no database after the host.")
    if engine == "django.db.backends.sqlite3":
        # SQLite connections are cheap and a file cannot "go away": keep Django's defaults.
        config["CONN_MAX_AGE"] = 0
        config["CONN_HEALTH_CHECKS"] = False
    return config


LOCAL_CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def parse_cache_url(url: str | None) -> dict:
    """A Django CACHES entry for `url`: unset (or locmem://) keeps a cache per process;
    redis://host:port/db (or rediss:// with TLS) shares one between every worker and server,
    so that network measures are computed once per change and API throttling counts every
    request, whichever worker answers it."""
    if not url or url.strip() == "locmem://":
        return dict(LOCAL_CACHE)
    url = url.strip()
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme in {"redis", "rediss"} and len(url) > len(scheme) + 3:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "coalition",
        }
    raise ConfigError(
        f"CACHE_URL={url!r} is not supported: use redis://host:6379/0 (or rediss:// with TLS) for a "
        "cache shared by every worker, or leave it unset for a cache per process."
    )
