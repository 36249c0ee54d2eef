#!/usr/bin/env python3
"""Converts api/openapi.yaml to JSON and writes it as a C++ source defining kOpenApiJson."""
import json
import sys

import yaml

src, out = sys.argv[1], sys.argv[2]
with open(src, encoding="utf-8") as f:
    doc = yaml.safe_load(f)
text = json.dumps(doc, separators=(",", ":"), sort_keys=False)
chunks = [text[i:i + 8000] for i in range(0, len(text), 8000)]
with open(out, "w", encoding="utf-8") as f:
    f.write('// Generated from api/openapi.yaml by tools/embed_openapi.py; do not edit.\n')
    f.write('#include "app/application.h"\n\nnamespace steward::app {\n')
    f.write('const char* const kOpenApiJson =\n')
    for c in chunks:
        f.write('    R"openapi(' + c + ')openapi"\n')
    f.write(';\n}  // namespace steward::app\n')
