"""Run with the contract virtual environment's Python:  check_examples.py OPENAPI

Validates the description (OpenAPI 3.0 rules, openapi-spec-validator) and then every example in
it against the schema it illustrates, which the spec validator does not do. Prints one line per
problem and exits 1 when there is any.
"""
import sys

import yaml
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate


def resolved(document, node):
    while isinstance(node, dict) and "$ref" in node:
        path = node["$ref"].lstrip("#/").split("/")
        node = document
        for part in path:
            node = node[part]
    return node


def examples_of(media):
    if "example" in media:
        yield "example", media["example"]
    for name, example in media.get("examples", {}).items():
        yield name, example["value"]


def main(path):
    with open(path, encoding="utf-8") as file:
        document = yaml.safe_load(file)
    validate(document)
    problems = []
    for route, item in document["paths"].items():
        for method, operation in item.items():
            places = []
            for status, response in operation.get("responses", {}).items():
                for media_type, media in resolved(document, response).get("content", {}).items():
                    places.append((f"{method.upper()} {route} {status} {media_type}", media))
            for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
                places.append((f"{method.upper()} {route} request {media_type}", media))
            for parameter in operation.get("parameters", []):
                parameter = resolved(document, parameter)
                places.append((f"{method.upper()} {route} parameter {parameter['name']}", parameter))
            for place, media in places:
                if "schema" not in media:
                    continue
                # The schema's $refs point into the document's components.
                validator = OAS30Validator({**media["schema"], "components": document["components"]})
                for name, value in examples_of(media):
                    for error in validator.iter_errors(value):
                        problems.append(f"{place} {name}: {error.message} at {list(error.absolute_path)}")
    for problem in problems:
        print(problem)
    print(f"{path}: valid OpenAPI; {'no' if not problems else len(problems)} example problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
