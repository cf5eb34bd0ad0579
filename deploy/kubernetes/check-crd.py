#!/usr/bin/env python3
"""Validates the OpenLibertyApplication in deploy/kubernetes/mall.yaml against the operator's CRD schema, offline.

    python3 deploy/kubernetes/check-crd.py CRD.yaml [MANIFEST.yaml]

CRD.yaml: bundle/manifests/apps.openliberty.io_openlibertyapplications.yaml of OpenLiberty/open-liberty-operator.
Kubernetes prunes unknown fields silently, so this check is stricter: an object schema that lists its properties
refuses any other (a misspelt field fails here instead of vanishing in the cluster). Needs PyYAML and jsonschema.
"""
import sys

import jsonschema
import yaml


def strict(schema):
    if isinstance(schema, dict):
        if ("properties" in schema and "additionalProperties" not in schema
                and not schema.get("x-kubernetes-preserve-unknown-fields")):
            schema["additionalProperties"] = False
        for value in schema.values():
            strict(value)
    elif isinstance(schema, list):
        for value in schema:
            strict(value)
    return schema


def main(crd_path, manifest_path="deploy/kubernetes/mall.yaml"):
    crd = yaml.safe_load(open(crd_path))
    schemas = {v["name"]: v["schema"]["openAPIV3Schema"] for v in crd["spec"]["versions"]}
    group = crd["spec"]["group"]
    failures = 0
    for document in yaml.safe_load_all(open(manifest_path)):
        if not document or document.get("kind") != crd["spec"]["names"]["kind"]:
            continue
        version = document["apiVersion"].split("/")[1]
        if document["apiVersion"].split("/")[0] != group or version not in schemas:
            print(f"{document['apiVersion']}: not a version of {group} ({', '.join(schemas)})")
            failures += 1
            continue
        schema = strict(schemas[version])
        schema["properties"]["metadata"] = {"type": "object"}
        errors = list(jsonschema.Draft7Validator(schema).iter_errors(document))
        for error in errors:
            print(f"{document['metadata']['name']}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        failures += len(errors)
        if not errors:
            print(f"{document['metadata']['name']}: valid {document['apiVersion']} {document['kind']}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
