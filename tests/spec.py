"""webui/openapi.json as JSON Schema validators, for checking what the appliance sends."""
import json

import jsonschema

from earmark import webui_build

SPEC = json.loads((webui_build.WEBUI / 'openapi.json').read_text())


def _jsonschema(node):
    """OpenAPI 3.0 schema -> JSON Schema (draft 7): `nullable` becomes a "null" type."""
    if isinstance(node, list):
        return [_jsonschema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _jsonschema(v) for k, v in node.items() if k != 'nullable'}
    if node.get('nullable') and 'type' in out:
        out['type'] = [out['type'], 'null']
    return out


COMPONENTS = _jsonschema(SPEC['components'])


def validator(schema):
    return jsonschema.Draft7Validator(dict(_jsonschema(schema), components=COMPONENTS))


def schema(name):
    return validator({'$ref': '#/components/schemas/' + name})


def check(name, value):
    """Raises jsonschema.ValidationError unless value is a valid components/schemas/<name>."""
    schema(name).validate(value)
    return value
