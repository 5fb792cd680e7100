"""openapi.yaml itself: valid OpenAPI 3.0, examples that match their schemas, served by nginx at
/api/openapi.yaml, naming every API location of the nginx site, and saying who may call each
operation."""
import json
import re
import subprocess

from contract_support import HERE, OPENAPI, venv_tool



# The routes of owners, albums and share links (SPEC §10, issue 12).
OWNER_PATHS = {"/api/users", "/api/session", "/api/tokens", "/api/tokens/{token_id}", "/api/albums",
               "/api/albums/{album_id}", "/api/albums/{album_id}/photos", "/api/albums/{album_id}/photos/{image_id}",
               "/api/albums/{album_id}/cover/{image_id}", "/api/albums/{album_id}/download",
               "/api/albums/{album_id}/shares", "/api/albums/{album_id}/shares/{share_id}", "/api/shared/{token}",
               "/api/shared/{token}/unlock", "/api/shared/{token}/images/{image_id}/{kind}",
               "/api/shared/{token}/download", "/api/images/{id}"}
# The routes of models (SPEC §11, issue 13): all for logged-in owners.
MODEL_PATHS = {"/api/models", "/api/models/{model_id}", "/api/models/{model_id}/versions",
               "/api/models/{model_id}/versions/{version_id}", "/api/models/{model_id}/versions/{version_id}/jobs",
               "/api/jobs", "/api/jobs/{job_id}", "/api/jobs/{job_id}/outputs/{name}"}
WRITES = {"post", "put", "patch", "delete"}
LOGIN = [{"cookieAuth": []}, {"bearerAuth": []}]
LOGIN_WRITE = [{"cookieAuth": [], "csrfToken": []}, {"bearerAuth": []}]


def document():
    """openapi.yaml as data, read by the contract environment's PyYAML."""
    to_json = "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)"
    result = subprocess.run([str(venv_tool("python")), "-c", to_json, str(OPENAPI)],
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def documented_paths():
    return re.findall(r"^  (/api/\S+):$", OPENAPI.read_text(), flags=re.MULTILINE)


def test_the_description_is_valid_openapi_and_its_examples_match_their_schemas(contract_venv):
    result = subprocess.run([str(venv_tool("python")), str(HERE / "check_examples.py"), str(OPENAPI)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nginx_serves_the_description_byte_for_byte_as_yaml(contract_stack):
    response = contract_stack.get("/api/openapi.yaml")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/yaml"
    assert response.content == OPENAPI.read_bytes()


def routes(kind, location, path):
    """Whether nginx's `location KIND LOCATION` hands `path` (an OpenAPI path, {id} for an id) over."""
    if kind == "=":
        return path == location
    if kind == "~":
        # A `[^/]+` segment of the location stands for one {parameter} of the path.
        return re.match(location.replace("[^/]+", r"\{\w+\}"), path) is not None
    return path.startswith(location)


def test_every_api_location_of_the_nginx_site_is_described_and_every_described_path_is_routed(contract_stack):
    # The site as rendered for the running stack (the functions' locations come from their declarations).
    site = (contract_stack.data_dir / "run" / "peek-site.conf").read_text()
    # The locations that hand requests to a function or a file; those that only `return` are not routes.
    locations = [(kind or "prefix", location) for kind, location, body
                 in re.findall(r"location\s+(=|\^~|~)?\s*\^?(/api/\S*)\s*\{([^}]*)\}", site)
                 if "fastcgi_pass" in body or "alias" in body]
    paths = documented_paths()
    assert {"/api/health", "/api/analyze", "/api/results/{id}", "/api/image/{id}/original",
            "/api/image/{id}/annotated", "/api/image/{id}/thumbnail", "/api/image/{id}/web",
            "/api/image/{id}/t/{options}", "/api/transform/{options}", "/api/openapi.yaml",
            *OWNER_PATHS, *MODEL_PATHS} == set(paths)
    for kind, location in locations:
        described = [path for path in paths if routes(kind, location, path)]
        assert described, f"nginx routes `location {kind} {location}` but openapi.yaml describes no path under it"
    for path in paths:
        assert any(routes(kind, location, path) for kind, location in locations), \
            f"openapi.yaml describes {path} but no nginx location routes it"


def test_every_operation_says_who_may_call_it(contract_venv):
    """Owner routes name the session cookie (with the CSRF header on writes) and the Bearer token;
    the public ones say they need nothing; every refusal the credentials may cause is described."""
    paths = document()["paths"]
    public = {"/api/users", "/api/shared/{token}", "/api/shared/{token}/unlock",
              "/api/shared/{token}/images/{image_id}/{kind}", "/api/shared/{token}/download"}
    for path, item in paths.items():
        for method, operation in item.items():
            label = f"{method.upper()} {path}"
            security = operation.get("security")
            if path not in OWNER_PATHS | MODEL_PATHS and path != "/api/analyze" and not path.startswith(("/api/image/", "/api/results/")):
                assert security is None, f"{label} is a service route: no credentials"
                continue
            assert security is not None, f"{label} says nothing of credentials"
            if path in public or (path == "/api/session" and method == "post"):
                assert {} in security, f"{label} is public"
                continue
            if path == "/api/images/{id}":
                assert security == [{"deleteToken": []}, *LOGIN_WRITE], label
            elif path in ("/api/analyze",) or path.startswith(("/api/image/", "/api/results/")) or \
                    (path == "/api/session" and method == "get"):
                assert {} in security and any("bearerAuth" in entry for entry in security), label
            elif path == "/api/session" and method == "delete":  # logging out without a session ends nothing
                assert security == [{}, *LOGIN_WRITE], label
            else:
                assert security == (LOGIN_WRITE if method in WRITES else LOGIN), label
                assert "401" in operation["responses"], f"{label} describes no 401"
            if method in WRITES and any("csrfToken" in entry for entry in security):
                assert "403" in operation["responses"], f"{label} describes no 403 (CSRF)"
