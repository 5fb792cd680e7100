"""Run with the contract virtual environment's Python (it has PyYAML):

    seed_description.py OPENAPI OUTPUT [PARAMETER=]VALUE...

Writes a copy of the description whose parameters list the given real values as their examples
(a bare VALUE is an image id, for the ImageID parameter; PARAMETER=VALUE names another of
components/parameters, such as AlbumID or ShareToken), so schemathesis's example and coverage
phases request real objects, not only unknown ones.
"""
import collections
import json
import sys

import yaml


def main(source, output, *seeds):
    with open(source, encoding="utf-8") as file:
        document = yaml.safe_load(file)
    values = collections.defaultdict(list)
    for seed in seeds:
        name, _, value = seed.rpartition("=")
        values[name or "ImageID"].append(value)
    for name, real in values.items():
        parameter = document["components"]["parameters"][name]
        unknown = parameter.pop("example")
        examples = {f"real{index}": {"value": value} for index, value in enumerate(real)}
        examples["unknown"] = {"value": unknown}
        parameter["examples"] = examples
    with open(output, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:])
