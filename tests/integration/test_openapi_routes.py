"""api/openapi.yaml describes exactly the routes the server registers.

Reads the C++ sources (no binary needed): every `r.Add(Method::kX, <pattern>, Access::...)` and
`router.Add(...)` call in server/**/*.cc, and compares the (method, path) pairs with the
operations of the OpenAPI document. Patterns are string literals or concatenations with two
known variables, which are resolved from the code too:

- `w` in tickets/api/ticket_routes.cc: `for (const char* what : {"statuses", ...})`, registered
  as `"/api/v1/" + w`;
- `base` in identity/api/identity_routes.cc: the last argument of each
  `RegisterGroupRoutes(r, s, GroupKind::kX, "/api/v1/...")` call.

A pattern that uses anything else fails the test, so that a new way of registering routes gets
taught here rather than silently skipped. Also checks that the document converts to JSON (the
build embeds it that way), that every $ref resolves, that path parameters are declared, and
that operationIds are unique.

Python standard library and PyYAML (python3-yaml, which the build needs anyway).
"""
import json
import pathlib
import re
import unittest

try:
    import yaml
except ImportError:  # pragma: no cover - the build itself needs python3-yaml
    yaml = None

ROOT = pathlib.Path(__file__).resolve().parents[2]
SERVER = ROOT / "server"
OPENAPI = ROOT / "api" / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head")

# r.Add(Method::kGet, <pattern expression>, Access::kPublic, ...) — the pattern may span lines.
ADD_RE = re.compile(r"\b(?:r|router)\.Add\(\s*Method::k(\w+)\s*,\s*(.+?),\s*Access::k\w+",
                    re.DOTALL)
STRING_RE = re.compile(r'"((?:[^"\\]|\\.)*)"')
CATALOG_LOOP_RE = re.compile(r"for\s*\(\s*const\s+char\s*\*\s*what\s*:\s*\{([^}]*)\}\s*\)")
GROUP_CALL_RE = re.compile(r'RegisterGroupRoutes\(\s*\w+\s*,\s*\w+\s*,\s*GroupKind::k\w+\s*,\s*'
                           r'"([^"]+)"\s*\)')


def _variables(source):
    """Values of the loop/parameter variables used in route patterns of one file."""
    values = {}
    loop = CATALOG_LOOP_RE.search(source)
    if loop:
        values["w"] = STRING_RE.findall(loop.group(1))
    bases = GROUP_CALL_RE.findall(source)
    if bases:
        values["base"] = bases
    return values


def _expand(expr, variables, where):
    """All strings a `"a" + var + "b"` expression can take."""
    results = [""]
    for term in (t.strip() for t in expr.split("+")):
        literal = STRING_RE.fullmatch(term)
        if literal:
            options = [literal.group(1)]
        elif re.fullmatch(r'(?:"[^"]*"\s*){2,}', term):  # adjacent literals: C++ joins them
            options = ["".join(STRING_RE.findall(term))]
        elif re.fullmatch(r"std::string\(\s*\"[^\"]*\"\s*\)", term):
            options = [STRING_RE.search(term).group(1)]
        elif term in variables:
            options = variables[term]
        else:
            raise AssertionError(
                f"{where}: cannot resolve route pattern term {term!r} in {expr!r}; "
                "teach tests/integration/test_openapi_routes.py about it")
        results = [r + o for r in results for o in options]
    return results


def registered_routes():
    routes = {}
    for path in sorted(SERVER.rglob("*.cc")):
        if path.name.endswith("_test.cc"):
            continue
        source = path.read_text(encoding="utf-8")
        variables = _variables(source)
        for match in ADD_RE.finditer(source):
            method = match.group(1).lower()
            where = f"{path.relative_to(ROOT)}:{source.count(chr(10), 0, match.start()) + 1}"
            for pattern in _expand(match.group(2), variables, where):
                routes.setdefault((method, pattern), where)
    return routes


def load_document():
    with open(OPENAPI, encoding="utf-8") as f:
        return yaml.safe_load(f)


def documented_routes(doc):
    out = set()
    for path, item in (doc.get("paths") or {}).items():
        for method in item:
            if method in HTTP_METHODS:
                out.add((method, path))
    return out


@unittest.skipIf(yaml is None, "PyYAML (python3-yaml) is not installed")
class OpenApiMatchesRoutes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = load_document()
        cls.routes = registered_routes()

    def test_sources_register_routes(self):
        # Guards the extraction itself: a regex that stops matching must not pass vacuously.
        self.assertGreater(len(self.routes), 50)
        for expected in [("get", "/healthz"), ("post", "/api/v1/session"),
                         ("get", "/api/v1/statuses"), ("get", "/api/v1/fields"),
                         ("post", "/api/v1/teams/{id}/members"),
                         ("delete", "/api/v1/organizations/{id}/members/{username}"),
                         ("post", "/api/v1/issues/{key}/transitions")]:
            self.assertIn(expected, self.routes)

    def test_every_route_is_documented_and_nothing_else(self):
        code = set(self.routes)
        documented = documented_routes(self.doc)
        undocumented = sorted(code - documented)
        phantom = sorted(documented - code)
        message = []
        if undocumented:
            message.append("registered in the code but missing from api/openapi.yaml:\n" +
                           "\n".join(f"  {m.upper()} {p}   ({self.routes[(m, p)]})"
                                     for m, p in undocumented))
        if phantom:
            message.append("in api/openapi.yaml but not registered by the code:\n" +
                           "\n".join(f"  {m.upper()} {p}" for m, p in phantom))
        self.assertFalse(message, "\n".join(message))

    def test_document_converts_to_json(self):
        # tools/embed_openapi.py embeds json.dumps(yaml.safe_load(...)): unquoted dates or
        # times would become Python objects that JSON cannot hold.
        text = json.dumps(self.doc)
        self.assertEqual(json.loads(text)["openapi"], "3.0.3")
        for item in self.doc["paths"].values():
            for method, op in item.items():
                if method in HTTP_METHODS:
                    for status in op.get("responses", {}):
                        self.assertIsInstance(status, str, f"quote the status code {status}")

    def test_refs_resolve(self):
        def resolve(ref):
            self.assertTrue(ref.startswith("#/"), ref)
            node = self.doc
            for part in ref[2:].split("/"):
                self.assertIn(part, node, f"dangling $ref {ref}")
                node = node[part]

        def walk(node):
            if isinstance(node, dict):
                if "$ref" in node:
                    resolve(node["$ref"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(self.doc)

    def test_operations_are_well_formed(self):
        ids = set()
        params = self.doc.get("components", {}).get("parameters", {})

        def param(p):
            if "$ref" in p:
                return params[p["$ref"].rsplit("/", 1)[1]]
            return p

        for path, item in self.doc["paths"].items():
            shared = [param(p) for p in item.get("parameters", [])]
            for method, op in item.items():
                if method not in HTTP_METHODS:
                    continue
                where = f"{method.upper()} {path}"
                self.assertIn("operationId", op, where)
                self.assertNotIn(op["operationId"], ids, f"duplicate operationId at {where}")
                ids.add(op["operationId"])
                self.assertTrue(op.get("responses"), where)
                declared = {p["name"] for p in shared + [param(p) for p in op.get("parameters", [])]
                            if p["in"] == "path"}
                self.assertEqual(set(re.findall(r"{(\w+)}", path)), declared,
                                 f"path parameters of {where}")


@unittest.skipIf(yaml is None, "PyYAML (python3-yaml) is not installed")
class OpenApiIsValid(unittest.TestCase):
    def test_with_openapi_spec_validator_when_installed(self):
        try:
            from openapi_spec_validator import validate
        except ImportError:
            self.skipTest("openapi-spec-validator is not installed")
        validate(load_document())


if __name__ == "__main__":
    unittest.main()
