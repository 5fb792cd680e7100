"""Contract fuzzing: schemathesis generates valid and malformed requests for every operation of
openapi.yaml (examples, boundary values, random data, and chains that follow the description's
links from an upload to its results and images) and sends them to the real stack on loopback.
Every answer must be documented (status, content type, headers, body schema), no answer may be a
server error, and image downloads must be images of the type they claim (hooks.py).

PEEK_CONTRACT_SECONDS (default 150) bounds the run; PEEK_CONTRACT_SEED replays a reported seed.
"""
import collections
import os
import re
import subprocess
import time

from contract_support import HERE, OPENAPI, venv_tool

SECONDS = int(os.environ.get("PEEK_CONTRACT_SECONDS", "150"))


def test_every_operation_answers_as_described_to_generated_and_malformed_requests(
        contract_venv, contract_stack, seeded_ids, tmp_path):
    description = tmp_path / "openapi.seeded.json"
    subprocess.run([str(venv_tool("python")), str(HERE / "seed_description.py"), str(OPENAPI), str(description),
                    seeded_ids["completed"], seeded_ids["failed"]], check=True, capture_output=True, timeout=60)
    command = [str(venv_tool("schemathesis")), "--no-color", "--config-file", str(HERE / "schemathesis.toml"),
               "run", str(description), "--url", contract_stack.base_url,
               "--checks", "all", "--max-time", str(SECONDS), "--workers", "2", "--request-timeout", "30",
               "--continue-on-failure", "--max-failures", "50",
               "--report", "junit", "--report-dir", str(tmp_path / "report")]
    if os.environ.get("PEEK_CONTRACT_SEED"):
        command += ["--seed", os.environ["PEEK_CONTRACT_SEED"]]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": str(HERE / "hooks.py"), "SCHEMATHESIS_TELEMETRY": "false"}
    # In the test's own folder: schemathesis keeps its state (.schemathesis/) in the working directory.
    result = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 600,
                            stdin=subprocess.DEVNULL, env=environment, cwd=tmp_path)
    output = result.stdout + result.stderr
    print(output[output.rfind("SUMMARY"):] if "SUMMARY" in output else output[-3000:])
    assert result.returncode == 0, f"schemathesis found contract violations:\n{output[-20000:]}"

    assert contract_stack.get("/api/health").status_code == 200, contract_stack.logs()
    time.sleep(2.5)  # nginx flushes its access log every 2 s
    answers = answers_by_route(contract_stack)
    for route, statuses in sorted(answers.items()):
        print(f"{route:28} {dict(sorted(statuses.items()))}")
    server_errors = {route: statuses for route, statuses in answers.items() if any(s >= 500 for s in statuses)}
    assert not server_errors, f"server errors were answered: {server_errors}\n{contract_stack.logs()}"
    # The seeded ids and the upload → results → image links reached real images.
    assert answers["GET /api/results/"][200] and answers["GET /api/results/"][202], answers
    assert answers["GET /api/image/ original"][200] and answers["GET /api/image/ annotated"][200], answers



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
        if target.startswith("/api/image/"):
            route = "/api/image/ " + target.rstrip("/").rsplit("/", 1)[-1]
        elif target.startswith("/api/results/"):
            route = "/api/results/"
        else:
            route = target
        counts[f"{method} {route}"][status] += 1
    return counts
