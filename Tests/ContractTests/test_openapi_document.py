"""openapi.yaml itself: valid OpenAPI 3.0, examples that match their schemas, served by nginx at
/api/openapi.yaml, and naming every API location of the nginx site."""
import re
import subprocess

from contract_support import HERE, OPENAPI, venv_tool



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
        return re.match(location.replace("[^/]+", "{id}").replace("\\.", "."), path) is not None
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
            "/api/image/{id}/t/{options}", "/api/transform/{options}", "/api/openapi.yaml"} == set(paths)
    for kind, location in locations:
        described = [path for path in paths if routes(kind, location, path)]
        assert described, f"nginx routes `location {kind} {location}` but openapi.yaml describes no path under it"
    for path in paths:
        assert any(routes(kind, location, path) for kind, location in locations), \
            f"openapi.yaml describes {path} but no nginx location routes it"
