"""Run with the contract virtual environment's Python (it has PyYAML):

    seed_description.py OPENAPI OUTPUT ID...

Writes a copy of the description whose image-id parameter lists the given real ids as its
examples, so schemathesis's example and coverage phases request real images, not only unknown ids.
"""
import json
import sys

import yaml


def main(source, output, *ids):
    with open(source, encoding="utf-8") as file:
        document = yaml.safe_load(file)
    parameter = document["components"]["parameters"]["ImageID"]
    unknown = parameter.pop("example")
    examples = {f"real{index}": {"value": image_id} for index, image_id in enumerate(ids)}
    examples["unknown"] = {"value": unknown}
    parameter["examples"] = examples
    with open(output, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1)


if __name__ == "__main__":
    main(*sys.argv[1:])
