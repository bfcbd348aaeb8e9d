"""deploy/: the several-workers compose file, its Caddyfile and the systemd template agree with each other and
with the single-process files (offline checks; `docker compose config` and `caddy validate` need the tools)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def workers() -> dict[str, dict[str, Any]]:
    compose = yaml.safe_load((DEPLOY / "compose.workers.yaml").read_text())
    return {name: svc for name, svc in compose["services"].items() if name.startswith("worker")}


def hardening(unit: str) -> list[str]:
    lines = (DEPLOY / unit).read_text().split("# Hardening", 1)[1].split("[Install]", 1)[0].splitlines()
    return [line for line in lines[1:] if line.strip()]


def test_three_webhook_workers_share_database_and_secret_each_on_its_own_port() -> None:
    found = workers()
    assert len(found) == 3
    envs = [svc["environment"] for svc in found.values()]
    assert len({env["PORT"] for env in envs}) == 3
    for env in envs:
        assert env["WEBHOOK_LISTEN"] == "0.0.0.0"
        assert env["WEBHOOK_URL"].endswith("/telegram")  # the path the workers listen on (bot/cli_run.py)
    for key in ("DATABASE_URL", "WEBHOOK_SECRET", "WEBHOOK_URL"):
        assert len({env[key] for env in envs}) == 1
    assert all(env["DATABASE_URL"].startswith("postgresql://") for env in envs)
    for svc in found.values():
        assert svc["depends_on"]["postgres"]["condition"] == "service_healthy"
        assert svc["read_only"] is True and svc["cap_drop"] == ["ALL"]
        assert "ports" not in svc  # only Caddy is published


def test_caddy_balances_the_webhook_path_over_every_worker() -> None:
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    upstreams = re.search(r"handle /telegram \{\s*reverse_proxy ([^{]+)\{", caddyfile)
    assert upstreams is not None
    expected = {f"{name}:{svc['environment']['PORT']}" for name, svc in workers().items()}
    assert set(upstreams.group(1).split()) == expected
    assert "lb_policy round_robin" in caddyfile
    assert re.search(r"^\s*log\b", caddyfile, re.M) is None  # an access log would record the secret header


def test_template_unit_takes_its_port_from_the_instance_and_keeps_the_hardening() -> None:
    template = (DEPLOY / "wegweiser@.service").read_text()
    exec_start = next(line for line in template.splitlines() if line.startswith("ExecStart="))
    assert "PORT=%i" in exec_start and "WEBHOOK_LISTEN=127.0.0.1" in exec_start
    assert "Restart=on-failure" in template and "EnvironmentFile=/etc/wegweiser/env" in template
    assert hardening("wegweiser@.service") == hardening("wegweiser.service")
