#!/usr/bin/python3
# Reads kiosk/deploy/kiosk.toml.example and stellwerk-kiosk.env.example as an administrator's copy
# of them would be read: the TOML must parse, use only keys the client knows, with values it
# accepts (docs/configuration.md), leave the token out of the file (it belongs in the
# EnvironmentFile), and the environment file must set STELLWERK_KIOSK_TOKEN. Run by Debian's
# interpreter (tomllib: Python 3.11). Usage: check_config_examples.py DEPLOY_DIR
import re
import sys
import tomllib
from pathlib import Path

deploy = Path(sys.argv[1])
problems = []

with open(deploy / "kiosk.toml.example", "rb") as file:
    config = tomllib.load(file)

top_level = {"language", "theme", "scale", "server", "data", "pins", "kiosk"}
kiosk_keys = {"token", "idle_seconds", "facility_pin", "speech"}
problems += [f"unknown key '{key}'" for key in config.keys() - top_level]
if config.get("language") not in ("de", "en"):
    problems.append("language must be \"de\" or \"en\"")
kiosk = config.get("kiosk", {})
problems += [f"unknown key 'kiosk.{key}'" for key in kiosk.keys() - kiosk_keys]
if "token" in kiosk:
    problems.append("kiosk.token is set: the example keeps it in the EnvironmentFile")
idle = kiosk.get("idle_seconds")
if not isinstance(idle, int) or isinstance(idle, bool) or not 30 <= idle <= 3600:
    problems.append("kiosk.idle_seconds must be a whole number from 30 to 3600")
if not re.fullmatch(r"[0-9]{4,12}", str(kiosk.get("facility_pin", ""))) or not isinstance(kiosk.get("facility_pin"), str):
    problems.append("kiosk.facility_pin must be a string of 4 to 12 digits")
if not isinstance(kiosk.get("speech"), bool):
    problems.append("kiosk.speech must be true or false")

environment = (deploy / "stellwerk-kiosk.env.example").read_text()
if not re.search(r"^STELLWERK_KIOSK_TOKEN=\S+$", environment, re.MULTILINE):
    problems.append("stellwerk-kiosk.env.example does not set STELLWERK_KIOSK_TOKEN")

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
