"""Settings precedence: defaults < aideals.toml < AIDEALS_* < flags; loud failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.settings import SAMPLE_PAGES, SAMPLE_SOURCE, Settings, SettingsError, load_settings


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_run_the_bundled_sample(tmp_path: Path) -> None:
    settings = load_settings(env={}, cwd=tmp_path)
    assert settings == Settings()
    assert settings.sources == (SAMPLE_SOURCE, SAMPLE_PAGES)


def test_file_then_env_then_flags(tmp_path: Path) -> None:
    config = write(
        tmp_path / "aideals.toml",
        'sources = ["in/articles.jsonl"]\ndata_dir = "out"\nbatch_size = 7\n'
        "[thresholds]\nmin_confidence = 0.6\n[schedule]\ncron = '5 4 * * *'\n",
    )
    from_file = load_settings(config, env={}, cwd=tmp_path)
    assert from_file.sources == (tmp_path / "in/articles.jsonl",)  # relative to the file
    assert (from_file.data_dir, from_file.batch_size) == (tmp_path / "out", 7)
    assert (from_file.min_confidence, from_file.schedule) == (0.6, "5 4 * * *")

    env = {"AIDEALS_BATCH_SIZE": "9", "AIDEALS_DATA_DIR": "/env/data"}
    from_env = load_settings(config, env=env, cwd=tmp_path)
    assert (from_env.batch_size, from_env.data_dir) == (9, Path("/env/data"))

    flags = load_settings(
        config, {"data_dir": Path("/flag"), "sources": None}, env=env, cwd=tmp_path
    )
    assert flags.data_dir == Path("/flag") and flags.sources == from_file.sources


def test_aideals_toml_in_the_working_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path / "aideals.toml", "batch_size = 3\n")
    assert load_settings(env={}, cwd=tmp_path).batch_size == 3


@pytest.mark.parametrize(
    ("toml", "env", "message"),
    [
        ("sources = []\n", {}, "no sources configured"),
        ("batch_sise = 3\n", {}, "unknown setting(s) batch_sise"),
        ("batch_size = 'many'\n", {}, "batch_size must be int"),
        ("", {"AIDEALS_MIN_CONFIDENCE": "high"}, "environment AIDEALS_MIN_CONFIDENCE"),
        ("", {"AIDEALS_MIN_CONFIDENCE": "2"}, "min_confidence must be within 0..1"),
        ("data_dir = \n", {}, "not valid TOML"),
    ],
)
def test_bad_values_fail_loudly(
    tmp_path: Path, toml: str, env: dict[str, str], message: str
) -> None:
    config = write(tmp_path / "aideals.toml", toml)
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(config, env=env, cwd=tmp_path)


def test_a_named_config_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="config file not found"):
        load_settings(tmp_path / "missing.toml", env={}, cwd=tmp_path)


def test_the_repository_config_is_valid() -> None:
    repo = Path(__file__).resolve().parents[2]
    settings = load_settings(repo / "aideals.toml", env={}, cwd=repo)
    assert settings.sources == (SAMPLE_SOURCE, SAMPLE_PAGES)


def test_web_sources_and_web_settings(tmp_path: Path) -> None:
    config = write(
        tmp_path / "aideals.toml",
        'sources = ["https://news.example/feed.xml", "local.jsonl"]\n'
        "[web]\nallow_private_hosts = true\nrequests_per_second = 2\ntimeout_seconds = 5\n",
    )
    settings = load_settings(config, env={}, cwd=tmp_path)
    assert settings.sources == ("https://news.example/feed.xml", tmp_path / "local.jsonl")
    assert settings.web_sources == ("https://news.example/feed.xml",)
    assert settings.file_sources == (tmp_path / "local.jsonl",)
    assert settings.allow_private_hosts and settings.requests_per_second == 2.0
    env = {"AIDEALS_SOURCES": "http://127.0.0.1:8080/feed.xml:data/a.jsonl:https://n.example/s.xml",
           "AIDEALS_ALLOW_PRIVATE_HOSTS": "false"}  # fmt: skip
    from_env = load_settings(config, env=env, cwd=tmp_path)
    assert from_env.sources == (
        "http://127.0.0.1:8080/feed.xml",
        Path("data/a.jsonl"),
        "https://n.example/s.xml",
    )
    assert not from_env.allow_private_hosts
    flagged = load_settings(None, {"allow_private_hosts": True}, env={}, cwd=tmp_path / "none")
    assert flagged.allow_private_hosts


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('sources = ["ftp://news.example/feed"]', "only http and https"),
        ("[web]\nallow_private_hosts = 'maybe'", "true or false"),
        ("[web]\nrequests_per_second = 0", "above 0"),
        ("[web]\nretries = -1", "not be negative"),
        ("[web]\nfollow_everything = true", "unknown setting"),
    ],
)
def test_bad_web_settings_fail_loudly(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(write(tmp_path / "aideals.toml", text), env={}, cwd=tmp_path)
