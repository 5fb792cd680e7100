"""Contract fuzzing: schemathesis generates valid and malformed requests for every operation of
openapi.yaml (examples, boundary values, random data, and chains that follow the description's
links from an upload to its results and images) and sends them to the real stack on loopback.
Every answer must be documented (status, content type, headers, body schema), no answer may be a
server error, and image downloads must be images of the type they claim (hooks.py).

It runs twice: without credentials over every operation (the owners' routes must then refuse
with 401, the public ones answer), and as an owner with an API token over the owners' and the
images' operations, with a second owner as peer (`object_level_authorization`: she must not
receive the first one's objects; `ignored_auth`: without or with wrong credentials the owners'
routes must refuse).

PEEK_CONTRACT_SECONDS (default 150) and PEEK_CONTRACT_OWNER_SECONDS (default 90) bound the runs;
PEEK_CONTRACT_SEED replays a reported seed.
"""
import collections
import json
import os
import re
import subprocess
import time

import requests

from contract_support import HERE, OPENAPI, venv_tool

SECONDS = int(os.environ.get("PEEK_CONTRACT_SECONDS", "150"))
OWNER_SECONDS = int(os.environ.get("PEEK_CONTRACT_OWNER_SECONDS", "90"))
OWNER_TAGS = ["accounts", "albums", "shares", "images"]


def seeded_description(tmp_path, *seeds):
    description = tmp_path / "openapi.seeded.json"
    subprocess.run([str(venv_tool("python")), str(HERE / "seed_description.py"), str(OPENAPI), str(description),
                    *seeds], check=True, capture_output=True, timeout=60)
    return description


def run_schemathesis(stack, description, tmp_path, seconds, config=HERE / "schemathesis.toml", arguments=(),
                     environment=None):
    # One worker: Debian 12's Python 3.11.2 can fail ast.parse when two threads parse at once
    # ("AST constructor recursion depth mismatch", CPython gh-106905), which hypothesis does when
    # it describes the filtered strategies of the owners' patterned parameters.
    command = [str(venv_tool("schemathesis")), "--no-color", "--config-file", str(config),
               "run", str(description), "--url", stack.base_url,
               "--checks", "all", "--max-time", str(seconds), "--workers", "1", "--request-timeout", "30",
               "--continue-on-failure", "--max-failures", "50",
               "--report", "junit", "--report-dir", str(tmp_path / "report"), *arguments]
    if os.environ.get("PEEK_CONTRACT_SEED"):
        command += ["--seed", os.environ["PEEK_CONTRACT_SEED"]]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": str(HERE / "hooks.py"), "SCHEMATHESIS_TELEMETRY": "false",
                   **(environment or {})}
    # In the test's own folder: schemathesis keeps its state (.schemathesis/) in the working directory.
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 600,
                            stdin=subprocess.DEVNULL, env=environment, cwd=tmp_path)
    output = result.stdout + result.stderr
    print(output[output.rfind("SUMMARY"):] if "SUMMARY" in output else output[-3000:])
    assert result.returncode == 0, f"schemathesis found contract violations:\n{output[-20000:]}"

    assert stack.get("/api/health").status_code == 200, stack.logs()
    time.sleep(2.5)  # nginx flushes its access log every 2 s
    answers = answers_by_route(stack)
    for route, statuses in sorted(answers.items()):
        print(f"{route:44} {dict(sorted(statuses.items()))}")
    server_errors = {route: statuses for route, statuses in answers.items() if any(s >= 500 for s in statuses)}
    assert not server_errors, f"server errors were answered: {server_errors}\n{stack.logs()}"
    return answers


def test_every_operation_answers_as_described_to_generated_and_malformed_requests(
        contract_venv, contract_stack, seeded_ids, owners, tmp_path):
    alice = owners["alice"]
    description = seeded_description(
        tmp_path, seeded_ids["completed"], seeded_ids["failed"], alice["photo"],
        f"AlbumID={alice['album']}", f"PhotoID={alice['photo']}", f"ShareToken={alice['share']}",
        f"ShareToken={alice['locked_share']}", f"ShareID={alice['share_id']}", f"TokenID={alice['token_id']}")
    answers = run_schemathesis(contract_stack, description, tmp_path, SECONDS)
    # The seeded ids and the upload → results → image links reached real images.
    assert answers["GET /api/results/"][200] and answers["GET /api/results/"][202], answers
    assert answers["GET /api/image/ original"][200] and answers["GET /api/image/ annotated"][200], answers
    # Without credentials the owners' routes refused, and the seeded share links answered.
    assert answers["GET /api/albums"][401] and not answers["GET /api/albums"][200], answers
    assert answers["GET /api/shared/{token}"][200] and answers["GET /api/shared/{token}"][401], answers


def test_the_owners_operations_answer_as_described_to_an_owner_and_keep_her_objects_from_a_peer(
        contract_venv, contract_stack, seeded_ids, owners, tmp_path):
    alice, mallory = owners["alice"], owners["mallory"]
    description = seeded_description(
        tmp_path, seeded_ids["completed"], alice["photo"],
        f"AlbumID={alice['album']}", f"PhotoID={alice['photo']}", f"ShareToken={alice['share']}",
        f"ShareToken={alice['locked_share']}", f"ShareID={alice['share_id']}")
    identities = tmp_path / "identities.json"
    identities.write_text(json.dumps({"auth": [
        {"name": name, "fixedHeaders": [{"name": "Authorization", "value": f"Bearer {owners[name]['token']}"}]}
        for name in ("alice", "mallory")]}))
    config = tmp_path / "schemathesis.toml"
    config.write_text((HERE / "schemathesis.toml").read_text() + f"""
# The owner the run authenticates as, and the peer who must not receive her objects.
[auth.wfc]
path = "{identities}"
user = "alice"
peers = ["alice", "mallory"]
""")
    arguments = [argument for tag in OWNER_TAGS for argument in ("--include-tag", tag)]
    answers = run_schemathesis(contract_stack, description, tmp_path, OWNER_SECONDS, config=config,
                               arguments=arguments, environment={
                                   "PEEK_CONTRACT_PROTECTED_TOKENS": f"{alice['token_id']} {mallory['token_id']}",
                                   "PEEK_CONTRACT_DATABASE": str(contract_stack.data_dir / "peek.sqlite")})
    # Authenticated, the owners' routes were reached and answered with their objects.
    for route, status in [("GET /api/albums", 200), ("POST /api/albums", 201), ("GET /api/tokens", 200),
                          ("GET /api/albums/{id}", 200), ("GET /api/albums/{id}/photos", 200),
                          ("POST /api/albums/{id}/shares", 201)]:
        assert answers[route][status], (route, status, dict(answers[route]))
    for name in ("alice", "mallory"):
        session = requests.get(contract_stack.url("/api/session"), timeout=30,
                               headers={"Authorization": f"Bearer {owners[name]['token']}"})
        assert session.status_code == 200 and session.json()["user"]["username"] == name, session.text


def route_of(target):
    """A request target as a route: image ids and option lists, object ids and share tokens folded."""
    if target.startswith("/api/image/"):
        return "/api/image/ " + target.rstrip("/").rsplit("/", 1)[-1]
    if target.startswith("/api/results/"):
        return "/api/results/"
    target = re.sub(r"^/api/shared/[^/]+", "/api/shared/{token}", target)
    target = re.sub(r"^/api/shared/\{token\}/images/[^/]+/", "/api/shared/{token}/images/{id}/", target)
    return re.sub(r"/[A-Za-z0-9_-]{22}(?=/|$)", "/{id}", target)


def answers_by_route(stack):
    """Status counts per method and route from nginx's access log: every answer of the run,
    including those no check looked at."""
    counts = collections.defaultdict(collections.Counter)
    log = stack.data_dir / "log" / "nginx-access.log"
    for line in log.read_text(errors="replace").splitlines():
        match = re.search(r'"(\S+) (\S+)[^"]*" (\d{3}) ', line)
        if not match:
            continue
        method, target, status = match.group(1), match.group(2).split("?")[0], int(match.group(3))
        counts[f"{method} {route_of(target)}"][status] += 1
    return counts
