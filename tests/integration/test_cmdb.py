"""The CMDB (issue 5, "Assets"): object schemas, object type trees with attribute inheritance,
typed attributes (validation of every type, uniqueness, cardinality), objects with keys, labels,
references, history and attachments (uploads, downloads, the 20 MB limit, bad file names); AQL
semantics checked against expected sets, AQL errors with exact positions and hostile queries; the reference graph (cycles); deleting referenced objects (409,
then cascade); who may do what (customers 403, agents edit objects only); and the ticket side on
the demo data: object fields on issues, JQL over them with aqlFunction(), connected issues,
connectedTickets() in AQL, the form's object picker with placeholders and the incident priority
matrix. Import and export are in test_cmdb_import.py.

Demo servers. Every class except CmdbDemoTest builds its own schema with a class-unique key, so
only CmdbDemoTest depends on the demo's CMDB counts."""

import hashlib
import json
import os
import unittest
import urllib.parse

from steward_harness import StewardTestCase, make_png, multipart

CMDB = "/api/v1/cmdb"
OBJECTS = CMDB + "/objects"
ERROR_POSITION_KEYS = ("offset", "line", "column", "length")
MIB = 1024 * 1024


def aql_quote(text):
    """An AQL string literal: a backslash takes the next character as it is."""
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


class CmdbMixin:
    """Small helpers over the CMDB API (administrator client unless told)."""

    @classmethod
    def admin(cls):
        return cls.as_user("admin")

    @classmethod
    def must(cls, r, status=201):
        if r.status != status:
            raise AssertionError("expected HTTP %s, got %r" % (status, r))
        return r.json

    @classmethod
    def new_schema(cls, key, name=None, description=None):
        body = {"key": key, "name": name or "Schema " + key}
        if description is not None:
            body["description"] = description
        return cls.must(cls.admin().post(CMDB + "/schemas", body))

    @classmethod
    def new_type(cls, schema, name, **kw):
        body = {"name": name}
        body.update(kw)
        return cls.must(cls.admin().post("%s/schemas/%s/objecttypes" % (CMDB, schema), body))

    @classmethod
    def new_attr(cls, type_id, name, type_, **kw):
        body = {"name": name, "type": type_}
        body.update(kw)
        return cls.must(cls.admin().post("%s/objecttypes/%d/attributes" % (CMDB, type_id), body))

    @classmethod
    def new_object(cls, type_id, attributes, client=None):
        return cls.must((client or cls.admin()).post(
            OBJECTS, {"objectTypeId": type_id, "attributes": attributes}))

    def find(self, aql=None, client=None, **params):
        q = dict(params)
        if aql is not None:
            q["aql"] = aql
        return (client or self.as_user("alana")).get(
            OBJECTS + ("?" + urllib.parse.urlencode(q) if q else ""))

    def labels(self, aql, client=None, **params):
        """The labels of every object matching `aql` (in the answer's order)."""
        params.setdefault("limit", 500)
        r = self.find(aql, client, **params)
        self.assertStatus(r, 200, "AQL %r" % (aql if len(aql) < 200 else aql[:200] + "..."))
        self.assertLessEqual(len(r.json["objects"]), r.json["total"])
        return [o["label"] for o in r.json["objects"]]

    def get_object(self, key, client=None):
        r = (client or self.as_user("alana")).get("%s/%s" % (OBJECTS, key))
        self.assertStatus(r, 200)
        return r.json

    def assertAqlError(self, resp, code, offset=None, length=None, line=1, column=None):
        err = self.assertError(resp, 400, code)
        pos = err.get("position")
        self.assertIsInstance(pos, dict, "no error.position in %r" % resp)
        for k in ERROR_POSITION_KEYS:
            self.assertIsInstance(pos.get(k), int, "position.%s missing in %r" % (k, resp))
        if offset is not None:
            self.assertEqual(pos["offset"], offset, "offset in %r" % resp)
            if column is None and line == 1:
                column = offset + 1  # columns count from 1
        if length is not None:
            self.assertEqual(pos["length"], length, "length in %r" % resp)
        self.assertEqual(pos["line"], line, "line in %r" % resp)
        if column is not None:
            self.assertEqual(pos["column"], column, "column in %r" % resp)
        return err

    def assertHealthy(self):
        self.assertStatus(self.anon().get("/healthz"), 200)
        self.assertTrue(self.server.alive())

    def db_count(self, table):
        db = self.server.db()
        try:
            return db.execute("SELECT count(*) FROM " + table).fetchone()[0]
        finally:
            db.close()


# ---------------------------------------------------------------------------------------------
class CmdbSchemaTest(CmdbMixin, StewardTestCase):
    """Schemas, object types (trees, inheritance, abstract types) and attributes."""
    DEMO = True

    def test_schema_lifecycle(self):
        admin = self.admin()
        created = self.new_schema("SCA", "Schema lifecycle", "first description")
        self.assertEqual({k: created[k] for k in ("key", "name", "description", "objectCount",
                                                  "objectTypeCount")},
                         {"key": "SCA", "name": "Schema lifecycle",
                          "description": "first description", "objectCount": 0,
                          "objectTypeCount": 0})
        self.assertIsInstance(created["id"], int)
        listed = {s["key"]: s for s in admin.get(CMDB + "/schemas").json["schemas"]}
        self.assertIn("SCA", listed)
        self.assertEqual(listed["SCA"]["id"], created["id"])
        self.assertEqual(listed["SCA"]["objectCount"], 0)
        for s in listed.values():
            self.assertEqual(set(s), {"id", "key", "name", "description", "objectCount",
                                      "objectTypeCount"})
        got = self.as_user("paul").get(CMDB + "/schemas/SCA")
        self.assertStatus(got, 200)
        self.assertEqual(got.json["objectTypes"], [])
        self.assertEqual(got.json["name"], "Schema lifecycle")
        r = admin.request("PUT", CMDB + "/schemas/SCA", {"name": "Renamed schema",
                                                         "description": "second"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["key"], r.json["name"], r.json["description"]),
                         ("SCA", "Renamed schema", "second"))
        self.assertEqual(admin.get(CMDB + "/schemas/SCA").json["name"], "Renamed schema")
        # A schema with object types cannot go; an empty one can.
        t = self.new_type("SCA", "Only type")
        self.assertEqual(admin.get(CMDB + "/schemas/SCA").json["objectTypeCount"], 1)
        self.assertError(admin.delete(CMDB + "/schemas/SCA"), 409, "cmdb.schemaNotEmpty")
        self.assertStatus(admin.delete("%s/objecttypes/%d" % (CMDB, t["id"])), 204)
        self.assertStatus(admin.delete(CMDB + "/schemas/SCA"), 204)
        self.assertError(admin.get(CMDB + "/schemas/SCA"), 404, "cmdb.schemaNotFound")
        self.assertNotIn("SCA", [s["key"] for s in admin.get(CMDB + "/schemas").json["schemas"]])
        self.assertError(admin.delete(CMDB + "/schemas/SCA"), 404, "cmdb.schemaNotFound")
        self.assertError(admin.request("PUT", CMDB + "/schemas/NOPE", {"name": "x"}), 404,
                         "cmdb.schemaNotFound")

    def test_schema_keys(self):
        admin = self.admin()
        for n, key in enumerate(["AB", "A123456789", "Z9"]):
            with self.subTest(key=key):
                r = admin.post(CMDB + "/schemas", {"key": key, "name": "Good key %d" % n})
                self.assertStatus(r, 201)
                self.assertEqual(r.json["key"], key)
        for n, key in enumerate(["A", "ABCDEFGHIJK", "1AB", "ab", "Ab", "A-B", "A B", " AB",
                                 "\u00c4B", "AB_", ""]):
            with self.subTest(key=key):
                self.assertError(admin.post(CMDB + "/schemas", {"key": key,
                                                                "name": "Bad key %d" % n}),
                                 400, "cmdb.badKey", field="key")
        self.assertError(admin.post(CMDB + "/schemas", {"key": "AB", "name": "Another name"}),
                         409, "cmdb.schemaExists")
        self.assertError(admin.post(CMDB + "/schemas", {"key": 12, "name": "x"}), 400,
                         "http.wrongType", field="key")
        self.assertError(admin.post(CMDB + "/schemas", {"name": "no key"}), 400,
                         "http.missingField", field="key")

    def test_object_type_tree_and_counts(self):
        self.new_schema("SCT", "Type tree")
        admin = self.admin()
        root = self.new_type("SCT", "Hardware", description="All hardware", icon="cpu",
                             abstract=True, inheritAttributes=True)
        self.assertEqual({k: root[k] for k in ("schemaKey", "name", "description", "icon",
                                               "parentId", "abstract", "inheritAttributes",
                                               "objectCount")},
                         {"schemaKey": "SCT", "name": "Hardware", "description": "All hardware",
                          "icon": "cpu", "parentId": None, "abstract": True,
                          "inheritAttributes": True, "objectCount": 0})
        router = self.new_type("SCT", "Router", parentId=root["id"])
        switch = self.new_type("SCT", "Switch", parentId=root["id"])
        other = self.new_type("SCT", "Location")
        self.assertEqual(router["parentId"], root["id"])
        self.assertIs(router["abstract"], False)
        for i in range(3):
            self.new_object(router["id"], {"Name": "r%d" % i})
        self.new_object(switch["id"], {"Name": "s0"})
        got = admin.get(CMDB + "/schemas/SCT").json
        self.assertEqual(got["objectCount"], 4)
        self.assertEqual(got["objectTypeCount"], 4)
        tree = {t["name"]: t for t in got["objectTypes"]}
        self.assertEqual(set(tree), {"Hardware", "Location"})
        hw = tree["Hardware"]
        self.assertEqual((hw["objectCount"], hw["totalCount"], hw["abstract"]), (0, 4, True))
        kids = {c["name"]: c for c in hw["children"]}
        self.assertEqual(set(kids), {"Router", "Switch"})
        self.assertEqual((kids["Router"]["objectCount"], kids["Router"]["totalCount"],
                          kids["Router"]["parentId"], kids["Router"]["children"]),
                         (3, 3, root["id"], []))
        self.assertEqual(kids["Switch"]["totalCount"], 1)
        self.assertEqual((tree["Location"]["totalCount"], tree["Location"]["children"]), (0, []))
        for node in (hw, kids["Router"], tree["Location"]):
            for k in ("id", "name", "description", "icon", "parentId", "abstract",
                      "inheritAttributes", "objectCount", "totalCount", "children"):
                self.assertIn(k, node)
        listed = [s for s in admin.get(CMDB + "/schemas").json["schemas"] if s["key"] == "SCT"]
        self.assertEqual((listed[0]["objectCount"], listed[0]["objectTypeCount"]), (4, 4))
        self.assertEqual(admin.get("%s/objecttypes/%d" % (CMDB, router["id"])).json["objectCount"],
                         3)
        # Updates.
        r = admin.request("PUT", "%s/objecttypes/%d" % (CMDB, other["id"]),
                          {"name": "Site", "description": "Where things are", "icon": "map"})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["name"], r.json["description"], r.json["icon"]),
                         ("Site", "Where things are", "map"))
        self.assertEqual(admin.get("%s/objecttypes/%d" % (CMDB, other["id"])).json["name"], "Site")
        # Duplicate names, unknown parents and schemas.
        self.assertError(admin.post(CMDB + "/schemas/SCT/objecttypes", {"name": "Router"}), 409,
                         "cmdb.objectTypeExists")
        self.assertError(admin.post(CMDB + "/schemas/SCT/objecttypes",
                                    {"name": "Orphan", "parentId": 987654}), 400,
                         "cmdb.badParent")
        self.assertError(admin.post(CMDB + "/schemas/NOPE/objecttypes", {"name": "X"}), 404,
                         "cmdb.schemaNotFound")
        self.assertError(admin.get(CMDB + "/objecttypes/987654"), 404,
                         "cmdb.objectTypeNotFound")

    def test_object_type_delete_conflicts(self):
        self.new_schema("SCD", "Deletions")
        admin = self.admin()
        parent = self.new_type("SCD", "Parent", inheritAttributes=True)
        child = self.new_type("SCD", "Child", parentId=parent["id"])
        target = self.new_type("SCD", "Target")
        holder = self.new_type("SCD", "Holder")
        self.new_attr(holder["id"], "Points at", "reference", referenceObjectTypeId=target["id"])
        with_objects = self.new_type("SCD", "Filled")
        obj = self.new_object(with_objects["id"], {"Name": "the one"})

        def url(t):
            return "%s/objecttypes/%d" % (CMDB, t["id"])
        self.assertError(admin.delete(url(parent)), 409, "cmdb.typeHasChildren")
        self.assertError(admin.delete(url(with_objects)), 409, "cmdb.typeHasObjects")
        self.assertError(admin.delete(url(target)), 409, "cmdb.typeReferenced")
        # Each conflict goes away with its cause.
        self.assertStatus(admin.delete(url(child)), 204)
        self.assertStatus(admin.delete(url(parent)), 204)
        self.assertStatus(admin.delete("%s/%s" % (OBJECTS, obj["key"])), 204)
        self.assertStatus(admin.delete(url(with_objects)), 204)
        self.assertStatus(admin.delete(url(holder)), 204)
        self.assertStatus(admin.delete(url(target)), 204)
        for t in (parent, child, target, holder, with_objects):
            self.assertError(admin.get(url(t)), 404, "cmdb.objectTypeNotFound")
        self.assertEqual(admin.get(CMDB + "/schemas/SCD").json["objectTypes"], [])
        self.assertError(admin.delete(url(target)), 404, "cmdb.objectTypeNotFound")

    def test_every_type_gets_a_name_label(self):
        self.new_schema("SCN", "Names")
        t = self.new_type("SCN", "Plain")
        self.assertEqual(len(t["attributes"]), 1)
        name = t["attributes"][0]
        self.assertEqual({k: name[k] for k in ("objectTypeId", "name", "type", "required",
                                               "unique", "label", "options", "minCardinality",
                                               "maxCardinality", "referenceObjectTypeId",
                                               "referenceObjectType", "referenceKind",
                                               "inheritedFrom")},
                         {"objectTypeId": t["id"], "name": "Name", "type": "text",
                          "required": True, "unique": False, "label": True, "options": [],
                          "minCardinality": 0, "maxCardinality": 1,
                          "referenceObjectTypeId": None, "referenceObjectType": None,
                          "referenceKind": None, "inheritedFrom": None})
        for k in ("id", "description", "position"):
            self.assertIn(k, name)
        # A child of a type that does not pass its attributes on has its own Name.
        own = self.new_type("SCN", "Own child", parentId=t["id"])
        self.assertEqual([(a["name"], a["objectTypeId"], a["inheritedFrom"])
                          for a in own["attributes"]], [("Name", own["id"], None)])

    def test_inheritance(self):
        self.new_schema("SCI", "Inheritance")
        admin = self.admin()
        hw = self.new_type("SCI", "Hardware", abstract=True, inheritAttributes=True)
        vendor = self.new_attr(hw["id"], "Vendor", "text")
        router = self.new_type("SCI", "Router", parentId=hw["id"])
        # The child shows the parent's attributes (its Name too) as inherited.
        self.assertEqual([(a["name"], a["inheritedFrom"], a["objectTypeId"])
                          for a in router["attributes"]],
                         [("Name", "Hardware", hw["id"]), ("Vendor", "Hardware", hw["id"])])
        ports = self.new_attr(router["id"], "Ports", "integer")
        self.assertIsNone(ports["inheritedFrom"])
        # An attribute added to the parent later reaches the child.
        self.new_attr(hw["id"], "Serial", "text", unique=True)
        got = admin.get("%s/objecttypes/%d" % (CMDB, router["id"])).json
        self.assertEqual([(a["name"], a["inheritedFrom"]) for a in got["attributes"]],
                         [("Name", "Hardware"), ("Vendor", "Hardware"), ("Serial", "Hardware"),
                          ("Ports", None)])
        parent_view = admin.get("%s/objecttypes/%d" % (CMDB, hw["id"])).json
        self.assertEqual([(a["name"], a["inheritedFrom"]) for a in parent_view["attributes"]],
                         [("Name", None), ("Vendor", None), ("Serial", None)])
        # A child cannot shadow an inherited attribute, nor a parent a child's.
        self.assertError(admin.post("%s/objecttypes/%d/attributes" % (CMDB, router["id"]),
                                    {"name": "vendor", "type": "text"}), 409,
                         "cmdb.attributeExists")
        self.assertError(admin.post("%s/objecttypes/%d/attributes" % (CMDB, hw["id"]),
                                    {"name": "Ports", "type": "integer"}), 409,
                         "cmdb.attributeExists")
        # The abstract parent refuses objects; the child takes the inherited values.
        self.assertError(admin.post(OBJECTS, {"objectTypeId": hw["id"],
                                              "attributes": {"Name": "generic"}}),
                         400, "cmdb.abstractType")
        obj = self.new_object(router["id"], {"Name": "edge-1", "Vendor": "Acme", "Ports": 48,
                                             "Serial": "SN-1"})
        self.assertEqual(obj["attributes"], {"Name": "edge-1", "Vendor": "Acme", "Serial": "SN-1",
                                             "Ports": 48})
        self.assertEqual(obj["objectType"], {"id": router["id"], "name": "Router"})
        # Inherited uniqueness holds across the children.
        switch = self.new_type("SCI", "Switch", parentId=hw["id"])
        self.assertError(admin.post(OBJECTS, {"objectTypeId": switch["id"],
                                              "attributes": {"Name": "sw", "Serial": "SN-1"}}),
                         409, "cmdb.notUnique")
        self.assertEqual(vendor["objectTypeId"], hw["id"])
        # objectTypeAndChildren and objectType over the tree.
        self.new_object(switch["id"], {"Name": "core-sw"})
        self.assertCountEqual(self.labels('objectType IN objectTypeAndChildren("Hardware")'),
                              ["edge-1", "core-sw"])
        self.assertEqual(self.labels('objectType = "Hardware"', schema="SCI"), [])
        self.assertEqual(self.labels('objectType = Router'), ["edge-1"])
        self.assertCountEqual(self.labels("Vendor IS EMPTY", schema="SCI"), ["core-sw"])

    def test_attribute_definitions(self):
        self.new_schema("SCB", "Attributes")
        admin = self.admin()
        t = self.new_type("SCB", "Thing")
        other = self.new_type("SCB", "Other")
        url = "%s/objecttypes/%d/attributes" % (CMDB, t["id"])
        sel = self.new_attr(t["id"], "Colour", "select", options=["Red", "Green"],
                            description="paint")
        self.assertEqual((sel["type"], sel["options"], sel["description"], sel["required"],
                          sel["unique"], sel["label"]),
                         ("select", ["Red", "Green"], "paint", False, False, False))
        ref = self.new_attr(t["id"], "Friends", "reference", referenceObjectType="Other",
                            maxCardinality=-1, referenceKind="knows")
        self.assertEqual((ref["referenceObjectTypeId"], ref["referenceObjectType"],
                          ref["referenceKind"], ref["maxCardinality"]),
                         (other["id"], "Other", "knows", -1))
        ref2 = self.new_attr(t["id"], "Best friend", "reference",
                             referenceObjectTypeId=other["id"])
        self.assertEqual((ref2["referenceObjectType"], ref2["maxCardinality"]), ("Other", 1))
        num = self.new_attr(t["id"], "Count", "integer", required=True, unique=True)
        self.assertEqual((num["required"], num["unique"]), (True, True))
        positions = [a["position"] for a in
                     admin.get("%s/objecttypes/%d" % (CMDB, t["id"])).json["attributes"]]
        self.assertEqual(positions, sorted(positions))
        bad = [
            ({"name": "Blob", "type": "blob"}, 400, "cmdb.badAttribute"),
            ({"name": "Choice", "type": "select"}, 400, "cmdb.badAttribute"),
            ({"name": "Choice", "type": "select", "options": []}, 400, "cmdb.badAttribute"),
            ({"name": "Phase", "type": "status"}, 400, "cmdb.badAttribute"),
            ({"name": "Link", "type": "reference"}, 400, "cmdb.badAttribute"),
            ({"name": "Link", "type": "reference", "referenceObjectTypeId": 987654}, 400,
             "cmdb.badAttribute"),
            ({"name": "Link", "type": "reference", "referenceObjectType": "Nope"}, 400,
             "cmdb.badAttribute"),
            ({"name": "Key", "type": "text"}, 400, "cmdb.badAttribute"),
            ({"name": "Label", "type": "text"}, 400, "cmdb.badAttribute"),
            ({"name": "objectType", "type": "text"}, 400, "cmdb.badAttribute"),
            ({"name": "created", "type": "datetime"}, 400, "cmdb.badAttribute"),
            ({"name": "Tags", "type": "text", "minCardinality": 3, "maxCardinality": 2}, 400,
             "cmdb.badAttribute"),
            ({"name": "Tags", "type": "text", "maxCardinality": 0}, 400, "cmdb.badAttribute"),
            ({"name": "Tags", "type": "text", "maxCardinality": -2}, 400, "cmdb.badAttribute"),
            ({"name": "Colour", "type": "text"}, 409, "cmdb.attributeExists"),
            ({"name": "name", "type": "text"}, 409, "cmdb.attributeExists"),
        ]
        for body, status, code in bad:
            with self.subTest(body=body):
                self.assertError(admin.post(url, body), status, code)
        r = admin.post(url, {"name": "   ", "type": "text"})
        self.assertStatus(r, 400)
        self.assertIn(r.error["code"], ("cmdb.badAttribute", "http.emptyField"))
        self.assertError(admin.post("%s/objecttypes/987654/attributes" % CMDB,
                                    {"name": "X", "type": "text"}), 404,
                         "cmdb.objectTypeNotFound")
        # A required attribute cannot join a type that has objects; an optional one can.
        self.new_object(other["id"], {"Name": "pal"})
        self.assertError(admin.post("%s/objecttypes/%d/attributes" % (CMDB, other["id"]),
                                    {"name": "Must", "type": "text", "required": True}), 409,
                         "cmdb.typeHasObjects")
        self.new_attr(other["id"], "May", "text")

    def test_attribute_update_and_delete(self):
        self.new_schema("SCU", "Attribute updates")
        admin = self.admin()
        t = self.new_type("SCU", "Thing")
        label = t["attributes"][0]
        colour = self.new_attr(t["id"], "Colour", "select", options=["Red", "Green"])
        note = self.new_attr(t["id"], "Note", "text")
        obj = self.new_object(t["id"], {"Name": "first", "Colour": "Red", "Note": "hello"})

        def aurl(a):
            return "%s/attributes/%d" % (CMDB, a["id"])
        # The server keeps the model it compiled this with: the rename below must replace it.
        self.assertEqual(self.labels('Colour = red', schema="SCU"), ["first"])
        r = admin.request("PUT", aurl(colour), {"name": "Paint", "description": "the colour",
                                                "options": ["Red", "Green", "Blue"]})
        self.assertStatus(r, 200)
        self.assertEqual((r.json["name"], r.json["description"], r.json["options"], r.json["type"]),
                         ("Paint", "the colour", ["Red", "Green", "Blue"], "select"))
        got = self.get_object(obj["key"])
        self.assertEqual(got["attributes"]["Paint"], "Red")
        self.assertNotIn("Colour", got["attributes"])
        self.assertEqual(self.labels('Paint = red', schema="SCU"), ["first"])
        self.assertAqlError(self.find("Colour = red", schema="SCU"), "aql.unknownAttribute", 0, 6)
        # The type cannot change.
        self.assertError(admin.request("PUT", aurl(note), {"type": "integer"}), 400,
                         "cmdb.badAttribute")
        self.assertError(admin.request("PUT", aurl(note), {"name": "Key"}), 400,
                         "cmdb.badAttribute")
        self.assertError(admin.request("PUT", aurl(note), {"name": "Paint"}), 409,
                         "cmdb.attributeExists")
        # The label attribute cannot be deleted; another attribute can, with its values.
        self.assertError(admin.delete(aurl(label)), 409, "cmdb.labelAttribute")
        self.assertStatus(admin.delete(aurl(note)), 204)
        got = self.get_object(obj["key"])
        self.assertNotIn("Note", got["attributes"])
        self.assertEqual(got["attributes"]["Name"], "first")
        self.assertError(admin.delete(aurl(note)), 404, "cmdb.attributeNotFound")
        self.assertError(admin.request("PUT", aurl(note), {"name": "x"}), 404,
                         "cmdb.attributeNotFound")
        self.assertAqlError(self.find("Note = hello", schema="SCU"), "aql.unknownAttribute", 0, 4)


# ---------------------------------------------------------------------------------------------
class CmdbObjectTest(CmdbMixin, StewardTestCase):
    """Objects: every attribute type's values, required/unique/cardinality, update, history,
    deletion with references, the graph and hostile bodies."""
    DEMO = True
    SCHEMA = "OBJ"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_schema(cls.SCHEMA, "Objects")
        cls.other = cls.new_type(cls.SCHEMA, "Peer")
        cls.peer = cls.new_object(cls.other["id"], {"Name": "peer one"})
        cls.peer2 = cls.new_object(cls.other["id"], {"Name": "peer two"})
        t = cls.new_type(cls.SCHEMA, "Thing")
        cls.type_id = t["id"]
        for name, type_, extra in [
                ("Text", "text", {}), ("Notes", "textarea", {}), ("Count", "integer", {}),
                ("Ratio", "float", {}), ("Flag", "boolean", {}), ("Day", "date", {}),
                ("Moment", "datetime", {}), ("Site", "url", {}), ("Mail", "email", {}),
                ("Colour", "select", {"options": ["Red", "Green"]}),
                ("State", "status", {"options": ["Active", "Retired"]}),
                ("Owner", "user", {}), ("Team", "team", {}),
                ("Peer", "reference", {"referenceObjectTypeId": cls.other["id"]}),
                ("Peers", "reference", {"referenceObjectTypeId": cls.other["id"],
                                        "maxCardinality": -1, "referenceKind": "knows"}),
                ("Tags", "text", {"maxCardinality": 3}),
                ("Pair", "text", {"minCardinality": 2, "maxCardinality": -1}),
                ("Serial", "text", {"unique": True}),
                ("Slot", "integer", {"unique": True})]:
            cls.new_attr(t["id"], name, type_, **extra)
        cls.chain = cls.new_type(cls.SCHEMA, "Node")
        cls.new_attr(cls.chain["id"], "Next", "reference", referenceObjectTypeId=cls.chain["id"],
                     maxCardinality=-1, referenceKind="feeds")
        cls.n = 0

    def create(self, attributes, client=None):
        return (client or self.admin()).post(OBJECTS, {"objectTypeId": self.type_id,
                                                       "attributes": attributes})

    def unique_name(self, base="thing"):
        type(self).n += 1
        return "%s %d" % (base, type(self).n)

    def test_create_read_and_shape(self):
        r = self.create({"Name": "full", "Text": "x", "Notes": "line 1\nline 2", "Count": 5,
                         "Ratio": 1.5, "Flag": True, "Day": "2025-01-02",
                         "Moment": "2025-01-02T03:04:05Z", "Site": "https://example.com/a?b=1",
                         "Mail": "ops@example.com", "Colour": "green", "State": "RETIRED",
                         "Owner": "alana", "Team": "platform support", "Peer": "peer one",
                         "Peers": [self.peer2["key"], "peer one"], "Tags": ["a", "b"],
                         "Pair": ["x", "y"]})
        self.assertStatus(r, 201)
        o = r.json
        self.assertRegex(o["key"], r"^OBJ-\d+$")
        self.assertEqual(o["label"], "full")
        self.assertEqual(o["objectType"], {"id": self.type_id, "name": "Thing"})
        self.assertEqual((o["schema"]["key"], o["schema"]["name"]), ("OBJ", "Objects"))
        self.assertRegex(o["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
        self.assertEqual(o["created"], o["updated"])
        a = o["attributes"]
        self.assertEqual(a["Name"], "full")
        self.assertEqual(a["Text"], "x")
        self.assertEqual(a["Notes"], "line 1\nline 2")
        self.assertEqual(a["Count"], 5)
        self.assertEqual(a["Ratio"], 1.5)
        self.assertIs(a["Flag"], True)
        self.assertEqual(a["Day"], "2025-01-02")
        self.assertRegex(a["Moment"], r"^2025-01-02T03:04:05(\.000)?Z$")
        self.assertEqual(a["Site"], "https://example.com/a?b=1")
        self.assertEqual(a["Mail"], "ops@example.com")
        self.assertEqual(a["Colour"], "Green")  # the option's own spelling
        self.assertEqual(a["State"], "Retired")
        self.assertEqual(a["Owner"], {"username": "alana", "displayName": "Alana Grant"})
        self.assertEqual(a["Team"]["name"], "Platform Support")
        self.assertIsInstance(a["Team"]["id"], int)
        self.assertEqual(a["Peer"], {"key": self.peer["key"], "label": "peer one",
                                     "objectType": "Peer"})
        self.assertEqual(a["Peers"], [{"key": self.peer2["key"], "label": "peer two",
                                       "objectType": "Peer"},
                                      {"key": self.peer["key"], "label": "peer one",
                                       "objectType": "Peer"}])
        self.assertEqual(a["Tags"], ["a", "b"])
        self.assertEqual(a["Pair"], ["x", "y"])
        self.assertIsNone(a["Serial"])
        self.assertEqual(o["references"]["inbound"], [])
        self.assertCountEqual([(x["attribute"], x["referenceKind"], x["object"]["key"])
                               for x in o["references"]["outbound"]],
                              [("Peer", "references", self.peer["key"]),
                               ("Peers", "knows", self.peer2["key"]),
                               ("Peers", "knows", self.peer["key"])])
        got = self.get_object(o["key"], self.as_user("paul"))
        self.assertEqual(got["attributes"], a)
        self.assertEqual(self.get_object(o["key"].lower())["key"], o["key"])
        peer = self.get_object(self.peer["key"])
        self.assertIn(("Peer", o["key"]), [(x["attribute"], x["object"]["key"])
                                           for x in peer["references"]["inbound"]])
        # Attributes without values: null, or [] for the multi-valued ones.
        bare = self.create({"Name": "bare"}).json["attributes"]
        self.assertEqual(bare["Peers"], [])
        self.assertEqual(bare["Tags"], [])
        self.assertIsNone(bare["Count"])
        self.assertIsNone(bare["Peer"])
        self.assertIsNone(bare["Owner"])
        # Keys count up within the schema.
        k1 = int(o["key"].split("-")[1])
        k2 = int(self.create({"Name": "after"}).json["key"].split("-")[1])
        self.assertGreater(k2, k1)
        self.assertError(self.admin().get(OBJECTS + "/OBJ-999999"), 404, "cmdb.objectNotFound")
        self.assertError(self.admin().get(OBJECTS + "/nonsense"), 404, "cmdb.objectNotFound")

    def test_attribute_values_by_type(self):
        cases = {
            "Text": (["plain", "", "\u00fcnicode \u2713"], [5, True, {"a": 1}, ["a", "b"]]),
            "Notes": (["a\nb"], [5, False]),
            "Count": ([0, 42, -7, 2147483647, -2147483648],
                      [2147483648, -2147483649, 1.5, "12", "abc", True, [1, 2]]),
            "Ratio": ([0.25, -3, 1e10], ["1.5", True, "abc"]),
            "Flag": ([True, False], ["true", 1, "yes", "false"]),
            "Day": (["2024-02-29", "1999-12-31"],
                    ["2023-02-29", "2024-13-01", "2024/01/01", "yesterday", "24-1-1", 20240101,
                     "2024-01-01T10:00:00Z x"]),
            "Moment": (["2025-01-02T03:04:05Z", "2025-06-30T23:59:59+02:00"],
                       ["2025-01-02T25:00:00Z", "noon", 5, "2025-13-02T00:00:00Z"]),
            "Site": (["https://example.com", "http://intranet.example.org/path?x=1"],
                     ["ftp://example.com", "example.com", "javascript:alert(1)", "https://",
                      "http://exa mple.com", 7]),
            "Mail": (["ops@example.com", "first.last+tag@sub.example.co.uk"],
                     ["ops", "ops@", "@example.com", "ops@example", "a b@example.com", 1]),
            "Colour": (["Red", "green", "RED"], ["Purple", "", 1, True]),
            "State": (["Active", "retired"], ["Gone", 0]),
            "Owner": (["alana", "paul"], ["nobody.at.all", 5, True]),
            "Team": (["Platform Support", "network support"], ["No such team"]),
            "Peer": ([self.peer["key"], "peer two", self.peer["key"].lower()],
                     ["OBJ-999999", "nobody by that label", 12]),
        }
        expected = {
            ("Colour", "green"): "Green", ("Colour", "RED"): "Red",
            ("State", "retired"): "Retired",
            ("Moment", "2025-01-02T03:04:05Z"): "2025-01-02T03:04:05.000Z",
            ("Moment", "2025-06-30T23:59:59+02:00"): "2025-06-30T21:59:59.000Z",
            ("Owner", "alana"): {"username": "alana", "displayName": "Alana Grant"},
            ("Team", "network support"): "Network Support",
            ("Team", "Platform Support"): "Platform Support",
            ("Peer", "peer two"): self.peer2["key"],
            ("Peer", self.peer["key"]): self.peer["key"],
            ("Peer", self.peer["key"].lower()): self.peer["key"],
        }
        for attr, (good, bad) in cases.items():
            for value in good:
                with self.subTest(attr=attr, good=value):
                    r = self.create({"Name": self.unique_name(), attr: value})
                    self.assertStatus(r, 201)
                    got = r.json["attributes"][attr]
                    want = expected.get((attr, value), value)
                    if attr == "Team":
                        got = got["name"]
                    elif attr == "Peer":
                        got = got["key"]
                    elif attr == "Owner" and value == "paul":
                        got = got["username"]
                    elif attr == "Text" and value == "":
                        # An empty text is kept as "" or as no value.
                        self.assertIn(got, (None, ""))
                        continue
                    self.assertEqual(got, want)
            for value in bad:
                with self.subTest(attr=attr, bad=value):
                    r = self.create({"Name": self.unique_name("bad"), attr: value})
                    self.assertError(r, 400, "cmdb.badValue", field="attributes." + attr)

    def test_required_unknown_and_abstract(self):
        admin = self.admin()
        self.assertError(self.create({"Text": "no name"}), 400, "cmdb.required",
                         field="attributes.Name")
        self.assertError(self.create({"Name": None}), 400, "cmdb.required",
                         field="attributes.Name")
        self.assertError(self.create({"Name": "x", "Bogus": 1}), 400, "cmdb.unknownAttribute",
                         field="attributes.Bogus")
        self.assertError(admin.post(OBJECTS, {"objectTypeId": 987654,
                                              "attributes": {"Name": "x"}}), 400,
                         "cmdb.objectTypeNotFound")
        self.assertError(admin.post(OBJECTS, {"attributes": {"Name": "x"}}), 400,
                         "http.missingField")
        self.assertError(admin.post(OBJECTS, {"objectTypeId": "Thing",
                                              "attributes": {"Name": "x"}}), 400,
                         "http.wrongType", field="objectTypeId")
        self.assertError(admin.post(OBJECTS, {"objectTypeId": self.type_id,
                                              "attributes": ["Name", "x"]}), 400, "http.badJson")
        self.assertError(admin.post(OBJECTS, {"objectTypeId": self.type_id,
                                              "attributes": {"Name": "x"}, "extra": 1}), 400,
                         "http.unknownField")
        # A required attribute of our own.
        t = self.new_type(self.SCHEMA, "Strict")
        self.new_attr(t["id"], "Must", "integer", required=True)
        self.assertError(admin.post(OBJECTS, {"objectTypeId": t["id"],
                                              "attributes": {"Name": "s"}}), 400,
                         "cmdb.required", field="attributes.Must")
        ok = self.new_object(t["id"], {"Name": "s", "Must": 1})
        self.assertError(admin.patch("%s/%s" % (OBJECTS, ok["key"]),
                                     {"attributes": {"Must": None}}), 400, "cmdb.required")
        abstract = self.new_type(self.SCHEMA, "Abstract", abstract=True)
        self.assertError(admin.post(OBJECTS, {"objectTypeId": abstract["id"],
                                              "attributes": {"Name": "x"}}), 400,
                         "cmdb.abstractType")

    def test_uniqueness(self):
        admin = self.admin()
        a = self.create({"Name": "u-a", "Serial": "SER-1", "Slot": 7}).json
        self.assertError(self.create({"Name": "u-b", "Serial": "SER-1"}), 409, "cmdb.notUnique",
                         field="attributes.Serial")
        self.assertError(self.create({"Name": "u-b", "Slot": 7}), 409, "cmdb.notUnique",
                         field="attributes.Slot")
        b = self.create({"Name": "u-b", "Serial": "SER-2", "Slot": 8}).json
        self.assertError(admin.patch("%s/%s" % (OBJECTS, b["key"]),
                                     {"attributes": {"Serial": "SER-1"}}), 409, "cmdb.notUnique")
        self.assertEqual(self.get_object(b["key"])["attributes"]["Serial"], "SER-2")
        # An object keeps its own value; a freed value can be taken.
        self.assertStatus(admin.patch("%s/%s" % (OBJECTS, a["key"]),
                                      {"attributes": {"Serial": "SER-1", "Text": "t"}}), 200)
        self.assertStatus(admin.patch("%s/%s" % (OBJECTS, a["key"]),
                                      {"attributes": {"Serial": None}}), 200)
        r = admin.patch("%s/%s" % (OBJECTS, b["key"]), {"attributes": {"Serial": "SER-1"}})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["attributes"]["Serial"], "SER-1")
        # Labels need not be unique.
        self.assertStatus(self.create({"Name": "u-b"}), 201)

    def test_cardinality(self):
        self.assertError(self.create({"Name": "c", "Tags": ["a", "b", "c", "d"]}), 400,
                         "cmdb.badValue", field="attributes.Tags")
        r = self.create({"Name": "c", "Tags": ["a", "b", "c"]})
        self.assertStatus(r, 201)
        self.assertEqual(r.json["attributes"]["Tags"], ["a", "b", "c"])
        self.assertError(self.create({"Name": "c", "Pair": ["only"]}), 400, "cmdb.badValue",
                         field="attributes.Pair")
        self.assertEqual(self.create({"Name": "c", "Pair": ["x", "y", "z"]}).json
                         ["attributes"]["Pair"], ["x", "y", "z"])
        # Single-valued attributes take one value.
        for attr, values in (("Text", ["a", "b"]), ("Peer", ["peer one", "peer two"]),
                             ("Count", [1, 2])):
            with self.subTest(attr=attr):
                self.assertError(self.create({"Name": "c", attr: values}), 400, "cmdb.badValue",
                                 field="attributes." + attr)
        # Unlimited references; a bad element spoils the whole value.
        r = self.create({"Name": "c", "Peers": ["peer one", "peer two"]})
        self.assertEqual(len(r.json["attributes"]["Peers"]), 2)
        self.assertError(self.create({"Name": "c", "Peers": ["peer one", "OBJ-999999"]}), 400,
                         "cmdb.badValue", field="attributes.Peers")

    def test_ambiguous_reference_label(self):
        twin_type = self.new_type(self.SCHEMA, "Twin")
        holder = self.new_type(self.SCHEMA, "Twin holder")
        self.new_attr(holder["id"], "Twin", "reference", referenceObjectTypeId=twin_type["id"])
        t1 = self.new_object(twin_type["id"], {"Name": "same"})
        self.new_object(twin_type["id"], {"Name": "same"})
        r = self.admin().post(OBJECTS, {"objectTypeId": holder["id"],
                                        "attributes": {"Name": "h", "Twin": "same"}})
        self.assertStatus(r, 400)
        self.assertEqual(r.error["field"], "attributes.Twin")
        # The key is never ambiguous.
        ok = self.new_object(holder["id"], {"Name": "h", "Twin": t1["key"]})
        self.assertEqual(ok["attributes"]["Twin"]["key"], t1["key"])

    def test_patch_and_history(self):
        paul = self.as_user("paul")
        o = self.create({"Name": "hist", "Text": "one", "Count": 1, "Tags": ["a"]}, paul).json
        key = o["key"]
        h = paul.get("%s/%s/history" % (OBJECTS, key))
        self.assertStatus(h, 200)
        self.assertEqual(len(h.json["history"]), 1)
        first = h.json["history"][0]
        self.assertEqual((first["attribute"], first["from"], first["to"]),
                         ("object", None, "created"))
        self.assertEqual(first["author"], {"username": "paul", "displayName": first["author"]
                                           ["displayName"]})
        self.assertTrue(first["author"]["displayName"])
        for k in ("id", "created"):
            self.assertIn(k, first)
        r = self.admin().patch("%s/%s" % (OBJECTS, key),
                               {"attributes": {"Count": 2, "Text": None, "Name": "hist renamed"}})
        self.assertStatus(r, 200)
        a = r.json["attributes"]
        self.assertEqual((a["Count"], a["Text"], a["Name"], a["Tags"]),
                         (2, None, "hist renamed", ["a"]))  # Tags untouched
        self.assertEqual(r.json["label"], "hist renamed")
        self.assertGreaterEqual(r.json["updated"], o["updated"])
        r = self.as_user("alana").patch("%s/%s" % (OBJECTS, key),
                                         {"attributes": {"Tags": ["a", "b"]}})
        self.assertStatus(r, 200)
        hist = paul.get("%s/%s/history" % (OBJECTS, key)).json["history"]
        ids = [e["id"] for e in hist]
        self.assertEqual(ids, sorted(ids, reverse=True), "newest first")
        self.assertEqual(hist[-1]["attribute"], "object")
        changes = [(e["attribute"], e["from"], e["to"], e["author"]["username"])
                   for e in hist[:-1]]
        self.assertEqual(changes[0][0], "Tags")
        self.assertEqual(changes[0][3], "alana")
        self.assertCountEqual(changes[1:], [("Count", "1", "2", "admin"),
                                            ("Text", "one", None, "admin"),
                                            ("Name", "hist", "hist renamed", "admin")])
        self.assertIsNotNone(changes[0][2])
        self.assertIn("b", changes[0][2])
        # Bad patches change nothing.
        before = self.get_object(key)
        for body, status, code in (
                ({"attributes": {"Count": "many"}}, 400, "cmdb.badValue"),
                ({"attributes": {"Nope": 1}}, 400, "cmdb.unknownAttribute"),
                ({"attributes": {"Name": None}}, 400, "cmdb.required"),
                ({"attributes": {"Count": 3, "Colour": "Purple"}}, 400, "cmdb.badValue"),
                ({"attributes": []}, 400, "http.badJson"),
                ({"objectTypeId": 1}, 400, "http.unknownField")):
            with self.subTest(body=body):
                self.assertError(self.admin().patch("%s/%s" % (OBJECTS, key), body), status, code)
        self.assertEqual(self.get_object(key), before)
        self.assertEqual(len(paul.get("%s/%s/history" % (OBJECTS, key)).json["history"]),
                         len(hist))
        self.assertError(self.admin().patch(OBJECTS + "/OBJ-999999", {"attributes": {}}), 404,
                         "cmdb.objectNotFound")
        self.assertError(paul.get(OBJECTS + "/OBJ-999999/history"), 404, "cmdb.objectNotFound")

    def test_delete_referenced_object_and_cascade(self):
        admin = self.admin()
        target = self.new_object(self.other["id"], {"Name": "doomed"})
        keep = self.new_object(self.other["id"], {"Name": "kept"})
        h1 = self.create({"Name": "holder 1", "Peer": target["key"]}).json
        h2 = self.create({"Name": "holder 2",
                          "Peers": [keep["key"], target["key"]]}).json
        r = admin.delete("%s/%s" % (OBJECTS, target["key"]))
        err = self.assertError(r, 409, "cmdb.referenced")
        self.assertIn(h1["key"], err["message"])
        self.assertEqual(self.get_object(target["key"])["label"], "doomed")
        self.assertError(admin.delete("%s/%s?cascade=maybe" % (OBJECTS, target["key"])), 400,
                         "http.badParameter")
        self.assertStatus(self.as_user("mitch").delete(
            "%s/%s?cascade=true" % (OBJECTS, target["key"])), 204)
        self.assertError(admin.get("%s/%s" % (OBJECTS, target["key"])), 404,
                         "cmdb.objectNotFound")
        self.assertError(admin.get("%s/%s/history" % (OBJECTS, target["key"])), 404,
                         "cmdb.objectNotFound")
        g1 = self.get_object(h1["key"])
        self.assertIsNone(g1["attributes"]["Peer"])
        self.assertEqual(g1["references"]["outbound"], [])
        g2 = self.get_object(h2["key"])
        self.assertEqual([p["key"] for p in g2["attributes"]["Peers"]], [keep["key"]])
        for holder, attr in ((h1, "Peer"), (h2, "Peers")):
            hist = admin.get("%s/%s/history" % (OBJECTS, holder["key"])).json["history"]
            latest = hist[0]
            self.assertEqual((latest["attribute"], latest["from"], latest["to"],
                              latest["author"]["username"]),
                             (attr, target["key"] + " (deleted)", None, "mitch"))
        self.assertEqual(self.labels('Key = "%s"' % target["key"]), [])
        # An unreferenced object goes at once; a second delete is 404.
        self.assertStatus(admin.delete("%s/%s" % (OBJECTS, h1["key"])), 204)
        self.assertError(admin.delete("%s/%s" % (OBJECTS, h1["key"])), 404,
                         "cmdb.objectNotFound")

    # -- the graph --------------------------------------------------------------------------
    def triangle(self):
        """A -feeds-> B -feeds-> C -feeds-> A, plus D -feeds-> A and A -feeds-> E, all fresh."""
        tid = self.chain["id"]
        objs = {n: self.new_object(tid, {"Name": self.unique_name("node " + n)})
                for n in "ABCDE"}
        key = {n: o["key"] for n, o in objs.items()}
        admin = self.admin()
        for src, dst in (("A", ["B", "E"]), ("B", ["C"]), ("C", ["A"]), ("D", ["A"])):
            self.assertStatus(admin.patch("%s/%s" % (OBJECTS, key[src]),
                                          {"attributes": {"Next": [key[d] for d in dst]}}), 200)
        edges = {(key[s], key[d]) for s, ds in (("A", "BE"), ("B", "C"), ("C", "A"), ("D", "A"))
                 for d in ds}
        return key, edges

    def graph(self, key, expect=200, **params):
        r = self.as_user("alana").get("%s/%s/graph%s" % (
            OBJECTS, key, "?" + urllib.parse.urlencode(params) if params else ""))
        self.assertStatus(r, expect)
        return r.json

    def check_graph(self, g, root):
        self.assertEqual(g["root"], root)
        keys = [n["key"] for n in g["nodes"]]
        self.assertEqual(len(keys), len(set(keys)), "each node once: %r" % keys)
        self.assertEqual(g["nodes"][0]["key"], root)
        self.assertEqual(g["nodes"][0]["depth"], 0)
        pairs = [(e["from"], e["to"]) for e in g["edges"]]
        self.assertEqual(len(pairs), len(set(pairs)), "each edge once")
        for e in g["edges"]:
            self.assertIn(e["from"], keys)
            self.assertIn(e["to"], keys)
            self.assertEqual((e["attribute"], e["referenceKind"]), ("Next", "feeds"))
        self.assertIs(g["truncated"], False)
        return {n["key"]: n["depth"] for n in g["nodes"]}, set(pairs)

    def test_graph_cycles_terminate(self):
        key, all_edges = self.triangle()
        A, B, C, D, E = (key[n] for n in "ABCDE")
        depths, edges = self.check_graph(self.graph(A, depth=5), A)
        self.assertEqual(depths, {A: 0, B: 1, C: 1, D: 1, E: 1})
        self.assertEqual(edges, all_edges)
        for n in self.graph(A, depth=5)["nodes"]:
            self.assertEqual(set(n), {"key", "label", "objectType", "depth"})
            self.assertEqual(n["objectType"], "Node")
        # Outbound only: A → B → C (→ A again, not repeated), A → E.
        depths, edges = self.check_graph(self.graph(A, depth=5, direction="outbound"), A)
        self.assertEqual(depths, {A: 0, B: 1, E: 1, C: 2})
        self.assertEqual(edges, {(A, B), (A, E), (B, C), (C, A)})
        depths, edges = self.check_graph(self.graph(A, depth=1, direction="outbound"), A)
        self.assertEqual(depths, {A: 0, B: 1, E: 1})
        self.assertEqual(edges, {(A, B), (A, E)})
        # Inbound only: who feeds A (C, D), then who feeds those (B); and the inbound references
        # of the deepest level (B) from nodes already shown (A → B), as another hop would see.
        depths, edges = self.check_graph(self.graph(A, depth=2, direction="inbound"), A)
        self.assertEqual(depths, {A: 0, C: 1, D: 1, B: 2})
        self.assertEqual(edges, {(C, A), (D, A), (B, C), (A, B)})
        # From B outbound the cycle comes back round to B's ancestors.
        depths, edges = self.check_graph(self.graph(B, depth=5, direction="outbound"), B)
        self.assertEqual(depths, {B: 0, C: 1, A: 2, E: 3})
        self.assertEqual(edges, {(B, C), (C, A), (A, B), (A, E)})
        # The default depth and direction reach at least the neighbours both ways.
        depths, edges = self.check_graph(self.graph(E), E)
        self.assertEqual(depths[A], 1)
        self.assertIn((A, E), edges)
        depths, edges = self.check_graph(self.graph(B), B)
        self.assertEqual((depths[A], depths[C]), (1, 1))

    def test_graph_edges_between_returned_nodes(self):
        # Every reference between two nodes of the answer is an edge of it, whatever the depth.
        key, all_edges = self.triangle()
        A = key["A"]
        for depth in range(1, 6):
            with self.subTest(depth=depth):
                depths, edges = self.check_graph(self.graph(A, depth=depth), A)
                expected = {(s, d) for s, d in all_edges if s in depths and d in depths}
                self.assertEqual(edges, expected)

    def test_graph_self_reference_and_errors(self):
        o = self.new_object(self.chain["id"], {"Name": self.unique_name("selfie")})
        self.assertStatus(self.admin().patch("%s/%s" % (OBJECTS, o["key"]),
                                             {"attributes": {"Next": [o["key"]]}}), 200)
        depths, edges = self.check_graph(self.graph(o["key"], depth=5), o["key"])
        self.assertEqual(depths, {o["key"]: 0})
        self.assertEqual(edges, {(o["key"], o["key"])})
        lone = self.new_object(self.chain["id"], {"Name": self.unique_name("lonely")})
        g = self.graph(lone["key"], depth=3)
        self.assertEqual(([n["key"] for n in g["nodes"]], g["edges"]), ([lone["key"]], []))
        alana = self.as_user("alana")
        for params in ("depth=0", "depth=6", "depth=-1", "depth=two", "direction=sideways",
                       "direction="):
            with self.subTest(params=params):
                self.assertError(alana.get("%s/%s/graph?%s" % (OBJECTS, o["key"], params)), 400,
                                 "http.badParameter")
        self.assertError(alana.get(OBJECTS + "/OBJ-999999/graph"), 404, "cmdb.objectNotFound")
        # A reference to itself does not block deletion.
        self.assertStatus(self.admin().delete("%s/%s" % (OBJECTS, o["key"])), 204)

    # -- hostile bodies ---------------------------------------------------------------------
    def test_hostile_values_are_stored_verbatim(self):
        nasty = ["Robert'); DROP TABLE cmdb_objects;--", "x' OR '1'='1", "100% _done_ \\",
                 "<script>alert(1)</script>", "\u202eevil", "\"quoted\" name",
                 "tab\there", "\u00e9t\u00e9 \U0001F600"]
        keys = {}
        for value in nasty:
            with self.subTest(value=value):
                r = self.create({"Name": value, "Text": value})
                self.assertStatus(r, 201)
                self.assertEqual(r.json["label"], value)
                self.assertEqual(r.json["attributes"]["Text"], value)
                keys[value] = r.json["key"]
        for value in nasty:
            with self.subTest(search=value):
                quoted = aql_quote(value)
                self.assertEqual(self.labels("Name == %s" % quoted, schema=self.SCHEMA), [value])
                self.assertIn(value, self.labels("Text LIKE %s" % quoted, schema=self.SCHEMA))
        # LIKE wildcards in the value are literal characters.
        self.assertEqual(self.labels('Name LIKE "% _done_"', schema=self.SCHEMA),
                         ["100% _done_ \\"])
        self.assertCountEqual(self.labels('Name LIKE "_"', schema=self.SCHEMA),
                              ["100% _done_ \\", "Robert'); DROP TABLE cmdb_objects;--"])
        # A NUL character is refused or kept, never cut off.
        r = self.create({"Name": "nul\u0000byte"})
        if r.status == 201:
            self.assertEqual(self.get_object(r.json["key"])["label"], "nul\u0000byte")
        else:
            self.assertError(r, 400, "cmdb.badValue")
        self.assertGreater(self.db_count("cmdb_objects"), 0)
        self.assertHealthy()

    def test_malformed_bodies(self):
        admin = self.admin()
        for path, method in ((OBJECTS, "POST"), (OBJECTS + "/" + self.peer["key"], "PATCH"),
                             (CMDB + "/schemas", "POST"),
                             ("%s/objecttypes/%d/attributes" % (CMDB, self.type_id), "POST"),
                             (CMDB + "/schemas/%s/objecttypes" % self.SCHEMA, "POST")):
            for body, code in (('{"objectTypeId": ', "http.malformedJson"),
                               ("{'a': 1}", "http.malformedJson"),
                               ("not json", "http.malformedJson"),
                               ("[1, 2]", "http.expectedObject"),
                               ('"text"', "http.expectedObject"),
                               ("", "http.emptyBody")):
                with self.subTest(path=path, body=body):
                    self.assertError(admin.request(method, path, body=body,
                                                   content_type="application/json"), 400, code)
        before = self.db_count("cmdb_objects")
        deep = '{"objectTypeId": %d, "attributes": {"Name": %s}}' % (
            self.type_id, "[" * 5000 + "]" * 5000)
        r = admin.request("POST", OBJECTS, body=deep, content_type="application/json")
        self.assertEqual(r.status, 400, r)
        huge = {"objectTypeId": self.type_id,
                "attributes": {"Name": "big", "Tags": ["t%d" % i for i in range(5000)]}}
        self.assertError(admin.post(OBJECTS, huge), 400, "cmdb.badValue")
        self.assertError(self.create({"Name": "x" * 100000}), 400, "cmdb.badValue")
        self.assertEqual(self.db_count("cmdb_objects"), before)
        for path in ("/../../etc/passwd", "/OBJ-1%00", "/%27%20OR%201=1--", "/" + "A" * 5000):
            with self.subTest(path=path):
                r = admin.get(OBJECTS + path)
                self.assertIn(r.status, (400, 404), r)
        for path in ("/objecttypes/abc", "/objecttypes/-1", "/objecttypes/99999999999999999999",
                     "/attributes/x"):
            with self.subTest(path=path):
                self.assertStatus(admin.get(CMDB + path) if "objecttypes" in path else
                                  admin.delete(CMDB + path), 404)
        self.assertHealthy()


# ---------------------------------------------------------------------------------------------
class CmdbAqlTest(CmdbMixin, StewardTestCase):
    """AQL over a small schema of our own: semantics against expected sets, ORDER BY, paging,
    errors with positions and hostile queries."""
    DEMO = True
    SCHEMA = "AQX"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.schema = cls.new_schema(cls.SCHEMA, "AQL fixture")
        dev = cls.new_type(cls.SCHEMA, "Device", abstract=True, inheritAttributes=True)
        server = cls.new_type(cls.SCHEMA, "Server", parentId=dev["id"])
        laptop = cls.new_type(cls.SCHEMA, "Laptop", parentId=dev["id"])
        app = cls.new_type(cls.SCHEMA, "Application")
        cls.types = {"Device": dev, "Server": server, "Laptop": laptop, "Application": app}
        for name, type_, extra in [
                ("Serial", "text", {"unique": True}), ("RAM", "integer", {}),
                ("Price", "float", {}), ("Active", "boolean", {}), ("Bought", "date", {}),
                ("Seen", "datetime", {}), ("Site", "url", {}), ("Contact", "email", {}),
                ("Tier", "select", {"options": ["Tier 1", "Tier 2", "Tier 3"]}),
                ("State", "status", {"options": ["Live", "Retired"]}), ("Owner", "user", {}),
                ("Team", "team", {}), ("Tags", "text", {"maxCardinality": -1}),
                ("Depends on", "reference", {"referenceObjectTypeId": dev["id"],
                                             "maxCardinality": -1,
                                             "referenceKind": "depends on"}),
                ("Backup", "reference", {"referenceObjectTypeId": dev["id"],
                                         "referenceKind": "backs up"})]:
            cls.new_attr(dev["id"], name, type_, **extra)
        cls.new_attr(app["id"], "Runs on", "reference", referenceObjectTypeId=dev["id"],
                     maxCardinality=-1, referenceKind="runs on")
        cls.new_attr(app["id"], "Version", "text")
        S, L, A = server["id"], laptop["id"], app["id"]
        rows = [
            (S, {"Name": "alpha", "Serial": "SN-001", "RAM": 16, "Price": 1999.5, "Active": True,
                 "Bought": "2024-01-15", "Seen": "2025-03-01T10:00:00Z",
                 "Site": "https://alpha.example.com", "Contact": "ops@example.com",
                 "Tier": "Tier 1", "State": "Live", "Owner": "alana",
                 "Team": "Platform Support", "Tags": ["prod", "db"]}),
            (S, {"Name": "beta", "Serial": "SN-002", "RAM": 32, "Price": 2500, "Active": True,
                 "Bought": "2024-06-01", "Tier": "Tier 2", "State": "Live", "Owner": "mitch",
                 "Tags": ["prod"]}),
            (S, {"Name": "gamma", "Serial": "sn-003", "RAM": 8, "Active": False,
                 "Tier": "Tier 3", "State": "Retired"}),
            (L, {"Name": "Delta Laptop", "RAM": 16, "Active": True, "Owner": "alana",
                 "Bought": "2023-12-31"}),
            (L, {"Name": "epsilon"}),
            (A, {"Name": "Billing", "Version": "1.0"}),
            (A, {"Name": "CRM", "Version": "2.0"}),
            (A, {"Name": "Wiki"}),
        ]
        cls.key = {}
        cls.id = {}
        for type_id, attrs in rows:
            o = cls.new_object(type_id, attrs)
            cls.key[o["label"]] = o["key"]
            cls.id[o["label"]] = o["id"]
        admin = cls.admin()
        for label, attrs in (("alpha", {"Depends on": ["beta"]}),
                             ("beta", {"Depends on": ["gamma"]}),
                             ("gamma", {"Depends on": ["alpha"]}),
                             ("Delta Laptop", {"Backup": "beta"}),
                             ("Billing", {"Runs on": ["alpha", "beta"]}),
                             ("CRM", {"Runs on": ["gamma"]})):
            cls.must(admin.patch("%s/%s" % (OBJECTS, cls.key[label]), {"attributes": attrs}), 200)
        cls.all_labels = [attrs["Name"] for _, attrs in rows]
        cls.devices = ["alpha", "beta", "gamma", "Delta Laptop", "epsilon"]

    def ours(self, aql, client=None):
        """The labels matching `aql` within our schema, as a sorted list."""
        return sorted(self.labels(aql, client, schema=self.SCHEMA))

    def check(self, cases, client=None):
        for aql, expected in cases:
            with self.subTest(aql=aql):
                self.assertEqual(self.ours(aql, client), sorted(expected))

    def test_fixture(self):
        self.assertEqual(self.ours(""), sorted(self.all_labels))
        r = self.find(schema=self.SCHEMA)
        self.assertStatus(r, 200)
        self.assertEqual((r.json["total"], r.json["totalCapped"], r.json["start"],
                          r.json["limit"]), (8, False, 0, 25))
        for o in r.json["objects"]:
            for k in ("id", "key", "label", "objectType", "schema", "created", "updated",
                      "attributes"):
                self.assertIn(k, o)
        self.assertEqual(self.ours("objectSchema = %s" % self.SCHEMA), sorted(self.all_labels))
        # Without the schema parameter: every schema, narrowed by objectSchema.
        self.assertEqual(sorted(self.labels("objectSchema = %s" % self.SCHEMA)),
                         sorted(self.all_labels))

    def test_numbers_and_booleans(self):
        self.check([
            ("RAM = 16", ["alpha", "Delta Laptop"]),
            ("RAM > 8", ["alpha", "beta", "Delta Laptop"]),
            ("RAM >= 8 AND RAM < 32", ["alpha", "gamma", "Delta Laptop"]),
            ("RAM <= 16", ["alpha", "gamma", "Delta Laptop"]),
            ("RAM != 16", ["beta", "gamma"]),  # never objects without a RAM
            ("RAM IN (8, 32)", ["beta", "gamma"]),
            ("RAM NOT IN (8, 32)", ["alpha", "Delta Laptop"]),
            ("Price > 2000", ["beta"]),
            ("Price < 2000", ["alpha"]),
            ("Price = 1999.5", ["alpha"]),
            ("Price >= 1999.5", ["alpha", "beta"]),
            ("Active = true", ["alpha", "beta", "Delta Laptop"]),
            ("Active = false", ["gamma"]),
            ("Active != true", ["gamma"]),
        ])

    def test_text_operators(self):
        self.check([
            ('Name = "ALPHA"', ["alpha"]),
            ('Name == "ALPHA"', []),
            ('Name == "alpha"', ["alpha"]),
            ('Serial = "SN-003"', ["gamma"]),
            ('Serial == "SN-003"', []),
            ('Serial != "sn-001"', ["beta", "gamma"]),
            ('Name LIKE "lap"', ["Delta Laptop"]),
            ('Name NOT LIKE "a"', ["epsilon", "Billing", "CRM", "Wiki"]),
            ('Name STARTSWITH "ga"', ["gamma"]),
            ('Name ENDSWITH "TA"', ["beta"]),
            ("Version = 1.0", ["Billing"]),
            ("Version IS EMPTY AND objectType = Application", ["Wiki"]),
            ("Site LIKE example", ["alpha"]),
            ('Contact = "OPS@example.com"', ["alpha"]),
            ('Tier = "tier 1"', ["alpha"]),
            ('Tier IN ("Tier 1", "Tier 3")', ["alpha", "gamma"]),
            ('Tier NOT IN ("Tier 1")', ["beta", "gamma"]),
            ("State = Retired", ["gamma"]),
            ("State != Retired", ["alpha", "beta"]),
            ("Tags = prod", ["alpha", "beta"]),
            ("Tags = db", ["alpha"]),
            ("Tags IS NOT EMPTY", ["alpha", "beta"]),
            ('Label = "delta laptop"', ["Delta Laptop"]),
            ('Label STARTSWITH "Del"', ["Delta Laptop"]),
            ('Label IN (alpha, Wiki)', ["alpha", "Wiki"]),
            ('Label != alpha AND objectType = Server', ["beta", "gamma"]),
        ])

    def test_empty_and_not_empty(self):
        devices = "objectType IN objectTypeAndChildren(Device)"
        self.check([
            ("%s AND RAM IS EMPTY" % devices, ["epsilon"]),
            ("RAM IS NOT EMPTY", ["alpha", "beta", "gamma", "Delta Laptop"]),
            ("%s AND Owner IS EMPTY" % devices, ["gamma", "epsilon"]),
            ("%s AND Tags IS EMPTY" % devices, ["gamma", "Delta Laptop", "epsilon"]),
            ("%s AND Price IS EMPTY" % devices, ["gamma", "Delta Laptop", "epsilon"]),
            ('%s AND "Depends on" IS EMPTY' % devices, ["Delta Laptop", "epsilon"]),
            ("Backup IS NOT EMPTY", ["Delta Laptop"]),
        ])

    def test_dates(self):
        self.check([
            ("Bought < 2024-01-01", ["Delta Laptop"]),
            ("Bought = 2024-01-15", ["alpha"]),
            ("Bought >= 2024-01-15", ["alpha", "beta"]),
            ("Bought > 2024-01-15", ["beta"]),
            ("Bought <= 2024-01-15", ["alpha", "Delta Laptop"]),
            ('Bought > "2023-12-31" AND Bought < "2024-06-01"', ["alpha"]),
            ("Bought < now()", ["alpha", "beta", "Delta Laptop"]),
            ("Seen = 2025-03-01", ["alpha"]),
            ("Seen < 2025-03-01", []),
            ("Seen > 2025-02-28", ["alpha"]),
            ("Created > -30d", self.all_labels),
            ("Created < -30d", []),
            ("Created >= startOfDay(-1)", self.all_labels),
            ("Created >= startOfDay()", self.all_labels),
            ("Created > -1w AND Created > -2h", self.all_labels),
            ("Created < -2h", []),
            ("Created <= endOfDay()", self.all_labels),
            ("Updated <= now()", self.all_labels),
            ("Created > now()", []),
        ])

    def test_users_and_teams(self):
        self.check([
            ("Owner = alana", ["alpha", "Delta Laptop"]),
            ('Owner = "Alana Grant"', ["alpha", "Delta Laptop"]),
            ("Owner IN (mitch, alana)", ["alpha", "beta", "Delta Laptop"]),
            ("Owner != alana", ["beta"]),
            ('Team = "platform support"', ["alpha"]),
            ('Team = "Network Support"', []),
        ])
        self.check([("Owner = currentUser()", ["alpha", "Delta Laptop"])],
                   self.as_user("alana"))
        self.check([("Owner = currentUser()", ["beta"])], self.as_user("mitch"))
        self.check([("Owner = currentUser()", [])], self.as_user("paul"))

    def test_keywords(self):
        t = self.types
        self.check([
            ("objectType = Server", ["alpha", "beta", "gamma"]),
            ('objectType = "server"', ["alpha", "beta", "gamma"]),
            ("objectType = Device", []),
            ("objectType IN (Laptop, Application)",
             ["Delta Laptop", "epsilon", "Billing", "CRM", "Wiki"]),
            ('objectType IN objectTypeAndChildren("Device")', self.devices),
            ("objectTypeAndChildren = Device", self.devices),
            ("objectType != Application", self.devices),
            ("objectTypeId = %d" % t["Laptop"]["id"], ["Delta Laptop", "epsilon"]),
            ("objectTypeId IN (%d, %d)" % (t["Laptop"]["id"], t["Server"]["id"]), self.devices),
            ("objectSchemaId = %d" % self.schema["id"], self.all_labels),
            ("objectId = %d" % self.id["beta"], ["beta"]),
            ("Key = %s" % self.key["gamma"], ["gamma"]),
            ("Key = %s" % self.key["gamma"].lower(), ["gamma"]),
            ("Key IN (%s, %s)" % (self.key["alpha"], self.key["Wiki"]), ["alpha", "Wiki"]),
            ("Key != %s AND objectType = Server" % self.key["alpha"], ["beta", "gamma"]),
        ])
        # Without the schema parameter, objectSchema limits the search to one schema.
        self.assertCountEqual(self.labels('objectSchema = "AQL fixture" AND RAM = 16'),
                              ["alpha", "Delta Laptop"])

    def test_boolean_logic(self):
        self.check([
            ('(Tier = "Tier 1" OR Tier = "Tier 2") AND NOT Active = false', ["alpha", "beta"]),
            ('Tier = "Tier 1" OR Tier = "Tier 2" AND Active = false', ["alpha"]),  # AND first
            ("NOT RAM > 8 AND objectType = Laptop", ["epsilon"]),
            ("NOT (RAM > 8 OR objectType = Application)", ["gamma", "epsilon"]),
            ("objectType = Server and ram = 16 or name = wiki", ["alpha", "Wiki"]),
            ("NOT NOT objectType = Server", ["alpha", "beta", "gamma"]),
            ("(((objectType = Laptop)))", ["Delta Laptop", "epsilon"]),
        ])

    def test_reference_paths(self):
        self.check([
            ('"Depends on" = beta', ["alpha"]),
            ('"Depends on" = %s' % self.key["beta"], ["alpha"]),
            ('"Depends on" IN (beta, gamma)', ["alpha", "beta"]),
            ('"Depends on" != beta', ["beta", "gamma"]),
            ('"Runs on" = alpha', ["Billing"]),
            ('"Runs on" LIKE amm', ["CRM"]),
            ('"Depends on".Tier = "Tier 1"', ["gamma"]),
            ('"Runs on".RAM > 16', ["Billing"]),
            ('"Runs on".State = Retired', ["CRM"]),
            ('"Runs on"."Depends on".Name = gamma', ["Billing"]),
            ('"Runs on"."Depends on"."Depends on" = beta', ["CRM"]),
            ('Backup.Owner = mitch', ["Delta Laptop"]),
            ('"Runs on".Key = %s' % self.key["gamma"], ["CRM"]),
        ])

    def test_having_references(self):
        devices = 'objectType IN objectTypeAndChildren("Device")'
        self.check([
            ("object HAVING inboundReferences()", ["alpha", "beta", "gamma"]),
            ("object HAVING inboundReferences(objectType = Application)",
             ["alpha", "beta", "gamma"]),
            ("object HAVING inboundReferences(Name = Billing)", ["alpha", "beta"]),
            ("object HAVING inR(Name = Billing)", ["alpha", "beta"]),
            ('object HAVING inboundReferences("Name = Billing")', ["alpha", "beta"]),
            ("object HAVING inboundReferences(objectType = Laptop)", ["beta"]),
            ('object HAVING inboundReferences(%s, refType IN ("depends on"))' % devices,
             ["alpha", "beta", "gamma"]),
            ('object HAVING inboundReferences(%s, refType IN ("backs up"))' % devices, ["beta"]),
            ('object HAVING inboundReferences(refType = "backs up")', ["beta"]),
            ('object HAVING outboundReferences(refType IN ("runs on", "backs up"))',
             ["Delta Laptop", "Billing", "CRM"]),
            ('object HAVING inboundReferences(refType IN ("runs on"))',
             ["alpha", "beta", "gamma"]),
            ("object HAVING outboundReferences(Name = gamma)", ["beta", "CRM"]),
            ('object HAVING outR(Tier = "Tier 1")', ["gamma", "Billing"]),
            ("object HAVING outboundReferences()",
             ["alpha", "beta", "gamma", "Delta Laptop", "Billing", "CRM"]),
            ("object NOT HAVING inboundReferences()",
             ["Delta Laptop", "epsilon", "Billing", "CRM", "Wiki"]),
            ("object NOT HAVING outboundReferences() AND objectType = Application", ["Wiki"]),
            # Objects referenced by the objects that CRM references (gamma → alpha).
            ("object HAVING inboundReferences(object HAVING inboundReferences(Name = CRM))",
             ["alpha"]),
        ])

    def test_order_by_and_paging(self):
        devices = "objectType IN objectTypeAndChildren(Device)"

        def ram(aql):
            return [o["attributes"]["RAM"]
                    for o in self.find(aql, schema=self.SCHEMA).json["objects"]]
        self.assertEqual(ram(devices + " ORDER BY RAM"), [None, 8, 16, 16, 32])
        self.assertEqual(ram(devices + " ORDER BY RAM ASC"), [None, 8, 16, 16, 32])
        self.assertEqual(ram(devices + " ORDER BY ram desc"), [32, 16, 16, 8, None])
        self.assertEqual(self.labels(devices + " ORDER BY Price", schema=self.SCHEMA)[3:],
                         ["alpha", "beta"])
        self.assertEqual(self.labels(devices + " ORDER BY Price DESC",
                                     schema=self.SCHEMA)[:2], ["beta", "alpha"])
        by_label = sorted(self.all_labels, key=str.lower)
        self.assertEqual(self.labels("ORDER BY label", schema=self.SCHEMA), by_label)
        self.assertEqual(self.labels("ORDER BY Name DESC", schema=self.SCHEMA), by_label[::-1])
        self.assertEqual(self.labels("", schema=self.SCHEMA), by_label)  # the default order
        by_key = sorted(self.all_labels, key=lambda label: int(self.key[label].split("-")[1]))
        self.assertEqual(self.labels("ORDER BY key", schema=self.SCHEMA), by_key)
        self.assertEqual(self.labels("ORDER BY Key DESC", schema=self.SCHEMA), by_key[::-1])
        self.assertEqual(self.labels("objectType = Server ORDER BY Tier DESC",
                                     schema=self.SCHEMA), ["gamma", "beta", "alpha"])
        self.assertEqual(self.labels("objectType = Server ORDER BY Bought", schema=self.SCHEMA),
                         ["gamma", "alpha", "beta"])
        created = self.find("ORDER BY created", schema=self.SCHEMA, limit=50).json["objects"]
        self.assertEqual([o["created"] for o in created], sorted(o["created"] for o in created))
        # Pages.
        r = self.find("ORDER BY Key", schema=self.SCHEMA, start=2, limit=3)
        self.assertStatus(r, 200)
        self.assertEqual(([o["label"] for o in r.json["objects"]], r.json["total"],
                          r.json["start"], r.json["limit"], r.json["totalCapped"]),
                         (by_key[2:5], 8, 2, 3, False))
        r = self.find("ORDER BY Key", schema=self.SCHEMA, start=6, limit=5)
        self.assertEqual([o["label"] for o in r.json["objects"]], by_key[6:])
        r = self.find("ORDER BY Key", schema=self.SCHEMA, start=50)
        self.assertEqual((r.json["objects"], r.json["total"]), ([], 8))
        r = self.find("RAM > 0", schema=self.SCHEMA, limit=0)
        self.assertEqual((r.json["objects"], r.json["total"]), ([], 4))
        paged = []
        for start in range(0, 8, 3):
            paged += [o["key"] for o in self.find("ORDER BY Key", schema=self.SCHEMA,
                                                  start=start, limit=3).json["objects"]]
        self.assertEqual(paged, [self.key[label] for label in by_key])

    def test_parameters(self):
        alana = self.as_user("alana")
        for params in ({"limit": 100000}, {"limit": 501}, {"limit": -1}, {"limit": "ten"},
                       {"start": -1}, {"start": "x"}, {"start": 10000000}):
            with self.subTest(params=params):
                self.assertError(alana.get(OBJECTS + "?" + urllib.parse.urlencode(params)), 400,
                                 "http.badParameter")
        self.assertError(self.find("", schema="NOPE"), 404, "cmdb.schemaNotFound")
        r = self.find("", schema="aql fixture")  # by name as well as by key
        self.assertStatus(r, 200)
        self.assertEqual(r.json["total"], 8)

    def test_errors_with_positions(self):
        cases = [
            # (query, code, offset, length)
            ("RAM =", "aql.syntax", 5, 0),
            ("Nmae = alpha", "aql.unknownAttribute", 0, 4),
            ('"No such thing" = 1', "aql.unknownAttribute", 0, 15),
            ("RAM = abc", "aql.badValue", 6, 3),
            ("RAM = 1.5", "aql.badValue", 6, 3),
            ("Price > cheap", "aql.badValue", 8, 5),
            ('Name = "unterminated', "aql.syntax", 7, 13),
            ("Active > true", "aql.badOperator", 7, 1),
            ("Active = maybe", "aql.badValue", 9, 5),
            ("objectType = Nope", "aql.badValue", 13, 4),
            ("objectId = abc", "aql.badValue", 11, 3),
            ("Bought > yesterday", "aql.badValue", 9, 9),
            ("Created > soon()", "aql.badValue", 10, 6),
            ("Name = alpha extra", "aql.syntax", 13, 5),
            ("Name = alpha AND", "aql.syntax", 16, 0),
            ("Name alpha", "aql.syntax", 5, 5),
            ("RAM = 5 AND (Tier = x", "aql.syntax", 21, 0),
            ("Name = alpha ORDER BY", "aql.syntax", 21, 0),
            ("Name = alpha ORDER BY Bogus", "aql.unknownAttribute", 22, 5),
            ("Name = alpha ORDER Name", "aql.syntax", 19, 4),
            ("Name = alpha AND ! Name = beta", "aql.syntax", 17, 1),
            ("Name IN (alpha, ", "aql.syntax", 16, 0),
            ("Name = alpha, beta", "aql.syntax", 12, 1),
            ("RAM = AND", "aql.syntax", 6, 3),
            ("Tier.Name = x", "aql.badValue", 5, 4),
            ('"Depends on".Bogus = 1', "aql.unknownAttribute", 13, 5),
            ("object HAVING inboundReferences(Bogus = 1)", "aql.unknownAttribute", 32, 5),
            ('object HAVING inboundReferences("Bogus = 1")', "aql.unknownAttribute", 33, 5),
            ('object HAVING inboundReferences("Name = ")', "aql.syntax", 40, 0),
            ("object HAVING frobnicate()", "aql.badValue", 14, 12),
            ("object = 1", "aql.badOperator", 7, 1),
            ("Name HAVING inboundReferences()", "aql.badOperator", 5, 6),
            ("Owner = currentUser(", "aql.syntax", 20, 0),
            ('Tags = prod AND "Depends on" = beta OR ((RAM > 1) AND ( RAM >> 2))',
             "aql.syntax", 61, 1),
        ]
        for aql, code, offset, length in cases:
            with self.subTest(aql=aql):
                self.assertAqlError(self.find(aql, schema=self.SCHEMA), code, offset, length)
        # Positions on later lines count lines and columns from there.
        aql = "objectType = Server\nAND Bogus = 1"
        self.assertAqlError(self.find(aql, schema=self.SCHEMA), "aql.unknownAttribute",
                            offset=24, length=5, line=2, column=5)
        aql = "objectType = Server\n\n   AND RAM = lots"
        self.assertAqlError(self.find(aql, schema=self.SCHEMA), "aql.badValue",
                            offset=34, length=4, line=3, column=14)
        err = self.assertAqlError(self.find("Nmae = alpha", schema=self.SCHEMA),
                                  "aql.unknownAttribute", 0, 4)
        self.assertIn("Nmae", err["message"])
        self.assertEqual(err.get("field"), "aql")

    def test_hostile_queries(self):
        injections = [
            "Name = \"x' OR '1'='1\"",
            'Name = "alpha\\" OR 1=1 --"',
            "Name = \"'; DROP TABLE cmdb_objects; --\"",
            'Name LIKE "%"',
            'Name LIKE "_"',
            "Key = \"AQX-1' OR 1=1 --\"",
            "Name = \"\\u0000\"",
        ]
        for aql in injections:
            with self.subTest(aql=aql):
                self.assertEqual(self.ours(aql), [])
        for aql in ("Name = alpha; DROP TABLE cmdb_objects", "1=1", "Name = alpha OR 1=1 --",
                    "Name = alpha UNION SELECT * FROM users", "') OR ('1'='1",
                    "objectId = 1 OR objectId = (SELECT id FROM users)"):
            with self.subTest(aql=aql):
                r = self.find(aql, schema=self.SCHEMA)
                self.assertStatus(r, 400)
                self.assertTrue(r.error["code"].startswith("aql."), r)
        # Sizes and depths.
        deep = "(" * 500 + "Name = alpha" + ")" * 500
        self.assertAqlError(self.find(deep, schema=self.SCHEMA), "aql.syntax")
        nots = "NOT " * 2000 + "Name = alpha"  # under the 8 KiB limit, too deep
        self.assertAqlError(self.find(nots, schema=self.SCHEMA), "aql.syntax")
        many = " OR ".join("a=1" for _ in range(1100))  # 4,399 tokens
        r = self.find(many, schema=self.SCHEMA)
        self.assertStatus(r, 400)
        self.assertEqual(r.error["code"], "aql.tooLong")
        big_list = "Name IN (%s)" % ", ".join("v%d" % i for i in range(1001))
        r = self.find(big_list, schema=self.SCHEMA)
        self.assertStatus(r, 400)
        self.assertTrue(r.error["code"].startswith("aql."), r)
        bad_utf8 = OBJECTS + "?aql=Name%20%3D%20%FF%FE&schema=" + self.SCHEMA
        self.assertAqlError(self.as_user("alana").get(bad_utf8), "aql.syntax")
        self.assertEqual(self.ours("Name = \"\u00e4\u00f6\u00fc \U0001F600\""), [])
        self.assertHealthy()
        self.assertEqual(self.ours(""), sorted(self.all_labels))

    def test_long_in_lists(self):
        # Lists of up to 1,000 values are allowed; long ones work like short ones.
        for n in (100, 600, 1000):  # 1,000 keys would pass the 8 KiB limit: 800 there
            fillers = ["v%d" % i for i in range(n - 2)]
            for aql, expected in (
                    ("Name IN (%s)" % ", ".join(["alpha", "beta"] + fillers), ["alpha", "beta"]),
                    ("Name NOT IN (%s) AND objectType = Server" % ", ".join(["alpha"] + fillers),
                     ["beta", "gamma"]),
                    ("RAM IN (%s)" % ", ".join(str(i) for i in range(8, 8 + n)),
                     ["alpha", "beta", "gamma", "Delta Laptop"]),
                    ("Key IN (%s)" % ", ".join([self.key["Wiki"]] + ["AQX-%d" % (100 + i)
                                                                     for i in range(min(n, 800) - 1)]),
                     ["Wiki"]),
                    ('"Runs on" IN (%s)' % ", ".join(["gamma"] + fillers[:n - 1]), ["CRM"])):
                with self.subTest(n=n, aql=aql[:30]):
                    self.assertEqual(self.ours(aql), sorted(expected))
        self.assertHealthy()

    def test_aql_of_12_kib_is_too_long(self):
        # The AQL limit is 8 KiB (URLs: the server refuses request heads over 16 KiB): a longer
        # query is 400 aql.tooLong, not a transport error.
        aql = 'Name = "%s"' % ("x" * 12 * 1024)
        r = self.find(aql, schema=self.SCHEMA)
        self.assertError(r, 400, "aql.tooLong")
        self.assertHealthy()


# ---------------------------------------------------------------------------------------------
class CmdbPermissionTest(CmdbMixin, StewardTestCase):
    """Who may do what: customers nothing, agents read and edit objects, administrators all."""
    DEMO = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_schema("PRM", "Permissions")
        cls.t = cls.new_type("PRM", "Thing")
        cls.attr = cls.new_attr(cls.t["id"], "Note", "text")
        cls.obj = cls.new_object(cls.t["id"], {"Name": "guarded", "Note": "n"})

    def requests(self):
        t, a, o = self.t["id"], self.attr["id"], self.obj["key"]
        return [
            ("GET", CMDB + "/schemas", None),
            ("GET", CMDB + "/schemas/PRM", None),
            ("GET", "%s/objecttypes/%d" % (CMDB, t), None),
            ("GET", OBJECTS + "?aql=Name%20%3D%20guarded", None),
            ("GET", "%s/%s" % (OBJECTS, o), None),
            ("GET", "%s/%s/history" % (OBJECTS, o), None),
            ("GET", "%s/%s/graph" % (OBJECTS, o), None),
            ("GET", "%s/%s/issues" % (OBJECTS, o), None),
            ("GET", "%s/export?objectTypeId=%d" % (CMDB, t), None),
            ("POST", OBJECTS, {"objectTypeId": t, "attributes": {"Name": "x"}}),
            ("PATCH", "%s/%s" % (OBJECTS, o), {"attributes": {"Note": "hacked"}}),
            ("DELETE", "%s/%s?cascade=true" % (OBJECTS, o), None),
        ] + self.admin_requests()

    def admin_requests(self):
        t, a = self.t["id"], self.attr["id"]
        return [
            ("POST", CMDB + "/schemas", {"key": "PRX", "name": "Not allowed"}),
            ("PUT", CMDB + "/schemas/PRM", {"name": "Renamed"}),
            ("DELETE", CMDB + "/schemas/PRM", None),
            ("POST", CMDB + "/schemas/PRM/objecttypes", {"name": "Sneaky"}),
            ("PUT", "%s/objecttypes/%d" % (CMDB, t), {"name": "Renamed"}),
            ("DELETE", "%s/objecttypes/%d" % (CMDB, t), None),
            ("POST", "%s/objecttypes/%d/attributes" % (CMDB, t), {"name": "X", "type": "text"}),
            ("PUT", "%s/attributes/%d" % (CMDB, a), {"name": "Renamed"}),
            ("DELETE", "%s/attributes/%d" % (CMDB, a), None),
            ("POST", CMDB + "/import", {"objectTypeId": t, "format": "csv",
                                        "data": "Name\nimported\n"}),
            ("POST", CMDB + "/import", {"objectTypeId": t, "format": "csv",
                                        "data": "Name\nimported\n", "dryRun": True}),
        ]

    def call(self, client, method, path, body):
        if body is None:
            return client.request(method, path)
        return client.request(method, path, body)

    def test_customers_are_refused(self):
        before = self.get_object(self.obj["key"])
        cust = self.as_user("customer")
        for method, path, body in self.requests():
            with self.subTest(method=method, path=path):
                self.assertError(self.call(cust, method, path, body), 403, "cmdb.forbidden")
        self.assertEqual(self.get_object(self.obj["key"]), before)
        self.assertEqual(self.admin().get(CMDB + "/schemas/PRM").json["name"], "Permissions")

    def test_anonymous_is_refused(self):
        anon = self.anon()
        for method, path, body in self.requests():
            with self.subTest(method=method, path=path):
                self.assertStatus(self.call(anon, method, path, body), 401)

    def test_agents_cannot_change_the_configuration(self):
        paul = self.as_user("paul")
        for method, path, body in self.admin_requests():
            with self.subTest(method=method, path=path):
                self.assertError(self.call(paul, method, path, body), 403, "cmdb.forbidden")
        got = self.admin().get("%s/objecttypes/%d" % (CMDB, self.t["id"])).json
        self.assertEqual([a["name"] for a in got["attributes"]], ["Name", "Note"])
        self.assertEqual(got["name"], "Thing")
        self.assertEqual(self.labels("", schema="PRM"), ["guarded"])
        self.assertNotIn("PRX", [s["key"] for s in self.admin().get(CMDB + "/schemas")
                                 .json["schemas"]])

    def test_agents_read_and_edit_objects(self):
        for agent in ("paul", "jennifer"):
            with self.subTest(agent=agent):
                c = self.as_user(agent)
                self.assertStatus(c.get(CMDB + "/schemas"), 200)
                self.assertStatus(c.get(CMDB + "/schemas/PRM"), 200)
                self.assertStatus(c.get("%s/objecttypes/%d" % (CMDB, self.t["id"])), 200)
                self.assertStatus(c.get("%s/export?objectTypeId=%d" % (CMDB, self.t["id"])), 200)
                r = c.post(OBJECTS, {"objectTypeId": self.t["id"],
                                     "attributes": {"Name": "by " + agent}})
                self.assertStatus(r, 201)
                key = r.json["key"]
                r = c.patch("%s/%s" % (OBJECTS, key), {"attributes": {"Note": "edited"}})
                self.assertStatus(r, 200)
                self.assertEqual(r.json["attributes"]["Note"], "edited")
                hist = c.get("%s/%s/history" % (OBJECTS, key)).json["history"]
                self.assertEqual({e["author"]["username"] for e in hist}, {agent})
                self.assertStatus(c.get("%s/%s/graph" % (OBJECTS, key)), 200)
                self.assertStatus(c.delete("%s/%s" % (OBJECTS, key)), 204)
                self.assertError(c.get("%s/%s" % (OBJECTS, key)), 404, "cmdb.objectNotFound")

    def test_api_tokens_act_as_their_user(self):
        tok = self.token_client("paul")
        self.assertStatus(tok.get("%s/%s" % (OBJECTS, self.obj["key"])), 200)
        self.assertError(tok.post(CMDB + "/schemas", {"key": "PRT", "name": "Token schema"}), 403,
                         "cmdb.forbidden")
        ctok = self.token_client("customer")
        self.assertError(ctok.get(CMDB + "/schemas"), 403, "cmdb.forbidden")


# ---------------------------------------------------------------------------------------------
class CmdbAttachmentTest(CmdbMixin, StewardTestCase):
    """Attachments of objects: raw and multipart uploads, the list, downloads with their headers,
    history rows, deletion, 404s, bad file names, the 20 MB limit, customers refused, and the
    attachments going with their object."""
    DEMO = True
    SCHEMA = "ATT"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.new_schema(cls.SCHEMA, "Attachments")
        cls.type_id = cls.new_type(cls.SCHEMA, "Document holder")["id"]
        cls.n = 0

    def fresh(self):
        type(self).n += 1
        return self.new_object(self.type_id, {"Name": "holder %d" % type(self).n})["key"]

    def upload(self, key, data, filename, client=None, content_type="application/octet-stream"):
        return (client or self.as_user("paul")).post(
            "%s/%s/attachments?filename=%s" % (OBJECTS, key, urllib.parse.quote(filename, safe="")),
            body=data, content_type=content_type)

    def listed(self, key, client=None):
        r = (client or self.as_user("alana")).get("%s/%s/attachments" % (OBJECTS, key))
        self.assertStatus(r, 200)
        self.assertEqual(set(r.json), {"attachments"})
        return r.json["attachments"]

    def history(self, key):
        r = self.as_user("alana").get("%s/%s/history" % (OBJECTS, key))
        self.assertStatus(r, 200)
        return r.json["history"]

    def assertAttachment(self, att, filename, size, username):
        self.assertEqual(set(att), {"id", "filename", "mimeType", "size", "created", "author",
                                    "content"})
        self.assertIsInstance(att["id"], int)
        self.assertEqual((att["filename"], att["size"]), (filename, size))
        self.assertEqual(att["author"]["username"], username)
        self.assertTrue(att["author"]["displayName"])
        self.assertEqual(att["content"], "%s/attachments/%d/content" % (CMDB, att["id"]))
        self.assertRegex(att["created"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_raw_upload_list_download_and_history(self):
        key = self.fresh()
        before = self.get_object(key)
        self.assertEqual(self.listed(key), [])
        data = b"Reindex log\nline 2\n"
        r = self.upload(key, data, "reindex.log", content_type="text/plain")
        self.assertStatus(r, 201)
        att = r.json
        self.assertAttachment(att, "reindex.log", len(data), "paul")
        self.assertTrue(att["mimeType"].startswith("text/plain"), att["mimeType"])
        # The name may come in the X-Filename header instead; unicode names are kept.
        r = self.as_user("alana").post("%s/%s/attachments" % (OBJECTS, key), body=b"by header",
                                       content_type="text/plain",
                                       headers={"X-Filename": "header.txt"})
        self.assertStatus(r, 201)
        self.assertAttachment(r.json, "header.txt", 9, "alana")
        r = self.upload(key, b"unicode", "r\u00e9sum\u00e9.txt")
        self.assertStatus(r, 201)
        self.assertEqual(r.json["filename"], "r\u00e9sum\u00e9.txt")
        listed = self.listed(key)
        self.assertEqual([a["filename"] for a in listed],
                         ["reindex.log", "header.txt", "r\u00e9sum\u00e9.txt"])
        self.assertEqual(listed[0], att)
        self.assertEqual(self.listed(key.lower()), listed)  # keys are case-insensitive
        # Download: the bytes, the sniffed type, a download (not inline) and the sandbox.
        got = self.as_user("alana").get(att["content"])
        self.assertStatus(got, 200)
        self.assertEqual(got.body, data)
        self.assertTrue(got.header("Content-Type").startswith("text/plain"))
        disposition = got.header("Content-Disposition")
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn('filename="reindex.log"', disposition)
        self.assertEqual(got.header("Content-Security-Policy"), "default-src 'none'; sandbox")
        self.assertEqual(got.header("X-Content-Type-Options"), "nosniff")
        self.assertIn("filename*=UTF-8''r%C3%A9sum%C3%A9.txt",
                      self.as_user("paul").get(listed[2]["content"]).header("Content-Disposition"))
        # One history row per file, newest first, by its uploader; the object counts as updated.
        hist = self.history(key)
        self.assertEqual([(e["attribute"], e["from"], e["to"], e["author"]["username"])
                          for e in hist[:3]],
                         [("attachment", None, "r\u00e9sum\u00e9.txt", "paul"),
                          ("attachment", None, "header.txt", "alana"),
                          ("attachment", None, "reindex.log", "paul")])
        self.assertEqual(hist[3]["attribute"], "object")
        self.assertGreaterEqual(self.get_object(key)["updated"], before["updated"])
        self.assertEqual(self.get_object(key)["attributes"], before["attributes"])

    def test_images_are_sniffed_and_shown_inline(self):
        key = self.fresh()
        png = make_png(4, 3)
        r = self.upload(key, png, "diagram.txt", content_type="text/plain")
        self.assertStatus(r, 201)
        self.assertEqual(r.json["mimeType"], "image/png")
        got = self.as_user("paul").get(r.json["content"])
        self.assertEqual(got.body, png)
        self.assertEqual(got.header("Content-Type"), "image/png")
        self.assertTrue(got.header("Content-Disposition").startswith("inline;"))
        self.assertEqual(got.header("Content-Security-Policy"), "default-src 'none'; sandbox")
        # HTML declared as an image is neither an image nor shown inline.
        html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
        r = self.upload(key, html, "innocent.png", content_type="image/png")
        self.assertStatus(r, 201)
        self.assertNotEqual(r.json["mimeType"], "image/png")
        got = self.as_user("paul").get(r.json["content"])
        self.assertEqual(got.body, html)
        self.assertTrue(got.header("Content-Disposition").startswith("attachment;"))

    def test_multipart_upload(self):
        key = self.fresh()
        data = bytes(range(256)) * 64 + b"\r\n--not-the-boundary\r\n" + os.urandom(3000)
        ctype, body = multipart({"comment": "ignored"},
                                [("file", "dump.bin", "application/octet-stream", data)])
        r = self.as_user("paul").post("%s/%s/attachments" % (OBJECTS, key), body=body,
                                      content_type=ctype)
        self.assertStatus(r, 201)
        self.assertAttachment(r.json, "dump.bin", len(data), "paul")
        got = self.as_user("paul").get(r.json["content"])
        self.assertStatus(got, 200)
        self.assertEqual(hashlib.sha256(got.body).hexdigest(), hashlib.sha256(data).hexdigest())
        self.assertEqual([a["id"] for a in self.listed(key)], [r.json["id"]])
        self.assertEqual(self.history(key)[0]["to"], "dump.bin")
        # A body without a file part stores nothing.
        ctype, body = multipart({"only": "a field"}, [])
        self.assertError(self.as_user("paul").post("%s/%s/attachments" % (OBJECTS, key),
                                                   body=body, content_type=ctype),
                         400, "http.badMultipart", field="file")
        self.assertEqual(len(self.listed(key)), 1)

    def test_delete(self):
        key = self.fresh()
        keep = self.upload(key, b"keep me", "keep.txt").json
        gone = self.upload(key, b"delete me", "gone.txt").json
        # Any agent may delete any attachment of an object, not only its uploader.
        self.assertStatus(self.as_user("alana").delete("%s/attachments/%d" % (CMDB, gone["id"])),
                          204)
        self.assertEqual([a["id"] for a in self.listed(key)], [keep["id"]])
        self.assertError(self.as_user("alana").get(gone["content"]), 404,
                         "cmdb.attachmentNotFound")
        self.assertError(self.as_user("alana").delete("%s/attachments/%d" % (CMDB, gone["id"])),
                         404, "cmdb.attachmentNotFound")
        latest = self.history(key)[0]
        self.assertEqual((latest["attribute"], latest["from"], latest["to"],
                          latest["author"]["username"]),
                         ("attachment", "gone.txt", None, "alana"))
        # The same bytes attached again are a new attachment (a new id, though the deleted one
        # was the newest: ids are never reused); the other one is untouched.
        again = self.upload(key, b"delete me", "gone.txt").json
        self.assertGreater(again["id"], gone["id"])
        self.assertError(self.as_user("alana").get(gone["content"]), 404,
                         "cmdb.attachmentNotFound")
        self.assertEqual(self.as_user("alana").get(again["content"]).body, b"delete me")
        self.assertEqual(self.as_user("alana").get(keep["content"]).body, b"keep me")
        self.assertStatus(self.admin().delete("%s/attachments/%d" % (CMDB, again["id"])), 204)
        self.assertEqual([a["filename"] for a in self.listed(key)], ["keep.txt"])

    def test_not_found(self):
        paul = self.as_user("paul")
        missing = self.SCHEMA + "-999999"
        self.assertError(paul.get("%s/%s/attachments" % (OBJECTS, missing)), 404,
                         "cmdb.objectNotFound")
        self.assertError(self.upload(missing, b"x", "x.txt"), 404, "cmdb.objectNotFound")
        self.assertError(paul.get("%s/attachments/999999/content" % CMDB), 404,
                         "cmdb.attachmentNotFound")
        self.assertError(paul.delete("%s/attachments/999999" % CMDB), 404,
                         "cmdb.attachmentNotFound")
        self.assertError(paul.get("%s/attachments/abc/content" % CMDB), 404, "http.badId")
        self.assertError(paul.delete("%s/attachments/abc" % CMDB), 404, "http.badId")

    def test_bad_filenames(self):
        key = self.fresh()
        hist = self.history(key)
        for name in ("", "a/b", "x" * 300, "a\\b", ".."):
            with self.subTest(filename=name[:20]):
                self.assertError(self.upload(key, b"data", name), 400, "cmdb.badFilename",
                                 field="filename")
        # No name at all, and a slash in a multipart file name.
        self.assertError(self.as_user("paul").post("%s/%s/attachments" % (OBJECTS, key),
                                                   body=b"no name", content_type="text/plain"),
                         400, "cmdb.badFilename", field="filename")
        ctype, body = multipart({}, [("file", "dir/evil.txt", "text/plain", b"evil")])
        self.assertError(self.as_user("paul").post("%s/%s/attachments" % (OBJECTS, key),
                                                   body=body, content_type=ctype),
                         400, "cmdb.badFilename", field="filename")
        # 255 characters are fine.
        r = self.upload(key, b"long", "y" * 251 + ".txt")
        self.assertStatus(r, 201)
        self.assertEqual(len(r.json["filename"]), 255)
        self.assertEqual([a["filename"] for a in self.listed(key)], ["y" * 251 + ".txt"])
        self.assertEqual(len(self.history(key)), len(hist) + 1)

    def test_over_20_mb_is_refused(self):
        key = self.fresh()
        hist = self.history(key)
        r = self.upload(key, b"\0" * (20 * MIB + 1), "too-big.bin")
        self.assertError(r, 413, "cmdb.attachmentTooLarge")
        self.assertEqual(self.listed(key), [])
        self.assertEqual(self.history(key), hist)
        self.assertHealthy()

    def test_customers_are_refused(self):
        key = self.fresh()
        att = self.upload(key, b"staff only", "staff.txt").json
        cust = self.as_user("customer")
        for resp in (cust.get("%s/%s/attachments" % (OBJECTS, key)),
                     self.upload(key, b"x", "x.txt", client=cust),
                     cust.get(att["content"]),
                     cust.delete("%s/attachments/%d" % (CMDB, att["id"]))):
            self.assertError(resp, 403, "cmdb.forbidden")
        for resp in (self.anon().get("%s/%s/attachments" % (OBJECTS, key)),
                     self.anon().get(att["content"])):
            self.assertStatus(resp, 401)
        self.assertEqual([a["id"] for a in self.listed(key)], [att["id"]])
        self.assertEqual(self.as_user("paul").get(att["content"]).body, b"staff only")

    def test_deleting_the_object_deletes_its_attachments(self):
        key = self.fresh()
        other = self.fresh()
        a = self.upload(key, b"first", "first.txt").json
        b = self.upload(key, b"shared bytes", "second.txt").json
        kept = self.upload(other, b"shared bytes", "kept.txt").json
        self.assertStatus(self.as_user("paul").delete("%s/%s" % (OBJECTS, key)), 204)
        for att in (a, b):
            self.assertError(self.as_user("paul").get(att["content"]), 404,
                             "cmdb.attachmentNotFound")
            self.assertError(self.as_user("paul").delete("%s/attachments/%d" % (CMDB, att["id"])),
                             404, "cmdb.attachmentNotFound")
        self.assertError(self.as_user("paul").get("%s/%s/attachments" % (OBJECTS, key)), 404,
                         "cmdb.objectNotFound")
        db = self.server.db()
        try:
            rows = db.execute("SELECT count(*) FROM cmdb_attachments WHERE id IN (?, ?)",
                              (a["id"], b["id"])).fetchone()[0]
        finally:
            db.close()
        self.assertEqual(rows, 0)
        # Another object's attachment with the same bytes is unaffected.
        self.assertEqual(self.as_user("paul").get(kept["content"]).body, b"shared bytes")
        self.assertEqual([x["id"] for x in self.listed(other)], [kept["id"]])


# ---------------------------------------------------------------------------------------------
class CmdbDemoTest(CmdbMixin, StewardTestCase):
    """The demo's CMDB and the ticket side: object fields, JQL, connected issues,
    connectedTickets(), the form's picker and the priority matrix."""
    DEMO = True

    PS_COUNTS = {"Priority Matrix": 16, "Standard Infrastructure Requests": 0,
                 "Approved AMI": 7, "Environments": 4, "Standard Changes": 6,
                 "Standard Change Tasks": 5, "Risk Assessment": 1, "During Business Hours": 3,
                 "Easily Rolled Back": 3, "Testing Complete": 3, "Business Service Risk": 4,
                 "Risk Computation Scores": 4, "Lead Time": 4,
                 "Change Conflict": 3}
    STANDARD_CHANGES = ["Add Backup Node", "Decommission Asset", "Patch System",
                        "Provision Non-Production EC2 Instance", "Reindex columnstore indexes",
                        "Storage Expansion"]
    ORACLE_CHANGES = ["Add Backup Node", "Patch System", "Reindex columnstore indexes"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tokens = 0

    def token(self):
        type(self).tokens += 1
        return "cmdbtok%d" % type(self).tokens

    def search_keys(self, jql, client=None):
        """Every issue key the JQL finds (all pages)."""
        keys, cursor = [], None
        for _ in range(50):
            body = {"jql": jql, "limit": 100, "fields": ["summary"]}
            if cursor:
                body["cursor"] = cursor
            r = (client or self.as_user("alana")).post("/api/v1/search", body)
            self.assertStatus(r, 200, jql)
            keys += [i["key"] for i in r.json["issues"]]
            cursor = r.json.get("next")
            if not cursor:
                return keys
        self.fail("too many pages for %r" % jql)

    def new_issue(self, client=None, expect=201, **body):
        payload = {"project": "ITO", "issueType": "Incident", "summary": "cmdb test"}
        payload.update(body)
        r = (client or self.as_user("alana")).post("/api/v1/issues", payload)
        self.assertStatus(r, expect)
        return r.json

    # -- the demo CMDB ----------------------------------------------------------------------
    def test_demo_schemas(self):
        alana = self.as_user("alana")
        schemas = {s["key"]: s for s in alana.get(CMDB + "/schemas").json["schemas"]}
        self.assertEqual(schemas["PS"]["name"], "Practice Standards")
        self.assertEqual(schemas["SVC"]["name"], "Services")
        ps = alana.get(CMDB + "/schemas/PS").json
        counts = {}

        def walk(nodes, parent):
            for n in nodes:
                counts[n["name"]] = n["objectCount"]
                self.assertEqual(n["parentId"], parent)
                self.assertEqual(n["totalCount"],
                                 n["objectCount"] + sum(c["totalCount"] for c in n["children"]))
                walk(n["children"], n["id"])
        walk(ps["objectTypes"], None)
        self.assertEqual(counts, self.PS_COUNTS)
        self.assertEqual(ps["objectCount"], sum(self.PS_COUNTS.values()))
        self.assertEqual(ps["objectTypeCount"], len(self.PS_COUNTS))
        roots = {n["name"]: n for n in ps["objectTypes"]}
        sir = roots["Standard Infrastructure Requests"]
        self.assertIs(sir["abstract"], True)
        self.assertEqual(sorted(c["name"] for c in sir["children"]),
                         ["Approved AMI", "Environments", "Standard Change Tasks",
                          "Standard Changes"])
        self.assertEqual(sir["totalCount"], 22)
        self.assertEqual(sorted(c["name"] for c in roots["Risk Assessment"]["children"]),
                         ["Business Service Risk", "Change Conflict", "During Business Hours",
                          "Easily Rolled Back", "Lead Time", "Risk Computation Scores",
                          "Testing Complete"])
        self.assertEqual(roots["Risk Assessment"]["totalCount"], 25)
        self.assertError(alana.post(OBJECTS, {"objectTypeId": sir["id"],
                                              "attributes": {"Name": "x"}}),
                         400, "cmdb.abstractType")
        r = self.find('objectType IN objectTypeAndChildren("Standard Infrastructure Requests")',
                      limit=0)
        self.assertEqual(r.json["total"], 22)
        svc = alana.get(CMDB + "/schemas/SVC").json
        self.assertEqual(sorted(t["name"] for t in svc["objectTypes"]),
                         ["Applications", "Services"])

    def test_demo_objects(self):
        self.assertEqual(self.labels('objectType = "Standard Changes"', schema="PS"),
                         self.STANDARD_CHANGES)
        self.assertEqual(self.labels('objectType = "Standard Changes" AND '
                                     '"Applications Applicable" = "Oracle CRM"'),
                         self.ORACLE_CHANGES)
        reindex = self.find('Label = "Reindex columnstore indexes"').json["objects"]
        self.assertEqual(len(reindex), 1)
        a = reindex[0]["attributes"]
        self.assertEqual(a["Approved by"], {"username": "alana", "displayName": "Alana Grant"})
        self.assertEqual([x["label"] for x in a["Applications Applicable"]], ["Oracle CRM"])
        apps = self.labels("objectType = Applications", schema="SVC")
        for name in ("Oracle CRM", "MongoDB Atlas", "Apache-Spark", "Billing App"):
            self.assertIn(name, apps)
        pp = self.get_object("SVC-438")
        self.assertEqual((pp["label"], pp["objectType"]["name"], pp["schema"]["key"]),
                         ("Payment Processing", "Services", "SVC"))
        self.assertEqual(pp["attributes"]["Tier"], "Tier 1")
        self.assertTrue(pp["attributes"]["Service ID"].startswith("ari:cloud:graph::service/"))
        self.assertEqual(sorted(x["label"] for x in pp["attributes"]["Depends on"]),
                         ["Billing Service", "Identity and Access", "Network Core"])
        self.assertEqual(sorted(x["label"] for x in pp["attributes"]["Applications"]),
                         ["Apache-Spark", "Oracle CRM"])
        self.assertIn("SVC-438", [o["key"] for o in self.find(
            '"Depends on".Name = "Billing Service" AND Tier = "Tier 1"').json["objects"]])
        g = self.as_user("alana").get(OBJECTS + "/SVC-438/graph?depth=1&direction=outbound").json
        self.assertEqual(sorted(n["label"] for n in g["nodes"][1:]),
                         ["Apache-Spark", "Billing Service", "Identity and Access",
                          "Network Core", "Oracle CRM"])

    # -- object fields ----------------------------------------------------------------------
    def test_object_field_configuration(self):
        admin = self.admin()
        r = admin.post("/api/v1/fields", {"name": "it Bad scope", "type": "object",
                                          "objectSchema": "SVC",
                                          "filterScope": "objectType = Nope"})
        self.assertStatus(r, 400)
        self.assertTrue(r.error["code"].startswith("aql."), r)
        self.assertEqual(r.error.get("field"), "filterScope")
        r = admin.post("/api/v1/fields", {"name": "it Bad syntax", "type": "object",
                                          "objectSchema": "SVC",
                                          "filterScope": "objectType = "})
        self.assertStatus(r, 400)
        self.assertEqual(r.error["code"], "aql.syntax")
        self.assertIn("position", r.error)
        r = admin.post("/api/v1/fields", {"name": "it No schema", "type": "object",
                                          "objectSchema": "NOPE"})
        self.assertStatus(r, 400)
        r = admin.post("/api/v1/fields", {"name": "it Long scope", "type": "object",
                                          "objectSchema": "SVC",
                                          "filterScope": 'Name = "%s"' % ("x" * 20 * 1024)})
        self.assertStatus(r, 400)
        self.assertIn(r.error["code"], ("aql.tooLong", "http.tooLong"))  # 4 KiB for a scope
        names = [f["name"] for f in admin.get("/api/v1/fields").json["values"]]
        for n in ("it Bad scope", "it Bad syntax", "it No schema", "it Long scope"):
            self.assertNotIn(n, names)
        self.assertStatus(self.as_user("paul").post("/api/v1/fields", {
            "name": "it Agent field", "type": "object", "objectSchema": "SVC"}), 403)

    def test_object_field_values_and_jql(self):
        admin = self.admin()
        r = admin.post("/api/v1/fields", {"name": "it Services", "type": "object",
                                          "objectSchema": "SVC",
                                          "filterScope": "objectType = Services",
                                          "multiple": True, "issueTypes": ["Incident"]})
        self.assertStatus(r, 201)
        tok = self.token()
        i1 = self.new_issue(summary="pay " + tok,
                            fields={"it Services": ["Payment Processing", "SVC-434"]})
        self.assertEqual([(v["key"], v["label"]) for v in i1["fields"]["it Services"]],
                         [("SVC-438", "Payment Processing"), ("SVC-434", "Billing Service")])
        for v in i1["fields"]["it Services"]:
            self.assertEqual(set(v), {"id", "key", "label"})
        i2 = self.new_issue(summary="net " + tok, fields={"it Services": "Network Core"})
        self.assertEqual([v["label"] for v in i2["fields"]["it Services"]], ["Network Core"])
        i3 = self.new_issue(summary="none " + tok)
        self.assertIn(i3["fields"].get("it Services"), (None, []))
        # Values outside the filter scope, or no object at all.
        for value in ("Oracle CRM", "No such service", "SVC-999999", ["Network Core", "Nope"],
                      "PS-1"):
            with self.subTest(value=value):
                r = self.as_user("alana").post("/api/v1/issues", {
                    "project": "ITO", "issueType": "Incident", "summary": "bad " + tok,
                    "fields": {"it Services": value}})
                self.assertError(r, 400, "tickets.badFieldValue")
        mine = 'summary ~ "%s"' % tok
        self.assertCountEqual(self.search_keys('"it Services" = "Payment Processing" AND ' + mine),
                              [i1["key"]])
        self.assertCountEqual(self.search_keys('"it Services" = SVC-438 AND ' + mine),
                              [i1["key"]])
        self.assertCountEqual(self.search_keys('"it Services" = "network core" AND ' + mine),
                              [i2["key"]])
        self.assertCountEqual(self.search_keys('"it Services" != "Payment Processing" AND ' +
                                               mine), [i2["key"]])
        self.assertCountEqual(self.search_keys('"it Services" IS EMPTY AND ' + mine),
                              [i3["key"]])
        self.assertCountEqual(self.search_keys('"it Services" IS NOT EMPTY AND ' + mine),
                              [i1["key"], i2["key"]])
        self.assertCountEqual(self.search_keys(
            '"it Services" IN ("Network Core", SVC-434) AND ' + mine), [i1["key"], i2["key"]])
        tier1 = set(self.labels('Tier = "Tier 1"', schema="SVC"))
        self.assertIn("Payment Processing", tier1)
        self.assertCountEqual(self.search_keys(
            '"it Services" IN aqlFunction("Tier = \\"Tier 1\\"") AND ' + mine),
            [i1["key"]] + ([i2["key"]] if "Network Core" in tier1 else []))
        self.assertCountEqual(self.search_keys(
            '"it Services" IN aqlFunction("Name = \\"Network Core\\"") AND ' + mine),
            [i2["key"]])
        # The demo's own field.
        demo = self.search_keys('"Affected services" = "Payment Processing"')
        for key in ("ITO-2075", "ITO-2076"):
            self.assertIn(key, demo)
        self.assertCountEqual(self.search_keys('"Affected services" = SVC-438'), demo)
        tier1 = self.search_keys('"Affected services" IN aqlFunction("Tier = \\"Tier 1\\"")')
        self.assertTrue(set(demo) <= set(tier1))
        # Changing the value by PATCH.
        r = self.as_user("alana").patch("/api/v1/issues/" + i2["key"],
                                        {"fields": {"it Services": ["SVC-438"]}})
        self.assertStatus(r, 200)
        self.assertCountEqual(self.search_keys('"it Services" = SVC-438 AND ' + mine),
                              [i1["key"], i2["key"]])
        self.assertError(self.as_user("alana").patch("/api/v1/issues/" + i2["key"], {
            "fields": {"it Services": "Oracle CRM"}}), 400, "tickets.badFieldValue")

    def test_aql_function_errors(self):
        alana = self.as_user("alana")
        for jql in ('"Affected services" IN aqlFunction("Tier = ")',
                    '"Affected services" IN aqlFunction("Bogus = 1")',
                    '"Affected services" IN aqlFunction("objectType = Nope")',
                    '"Affected services" IN aqlFunction("Name = \\"unclosed")'):
            with self.subTest(jql=jql):
                r = alana.post("/api/v1/search", {"jql": jql})
                err = self.assertError(r, 400, "query.badValue")
                pos = err.get("position")
                self.assertIsInstance(pos, dict, r)
                # The position points into the aqlFunction(...) call.
                start = jql.index("aqlFunction")
                self.assertGreaterEqual(pos["offset"], start, r)
                self.assertLessEqual(pos["offset"] + pos["length"], len(jql), r)
        r = alana.get("/api/v1/search?" + urllib.parse.urlencode(
            {"jql": '"Affected services" IN aqlFunction("Tier = ")'}))
        self.assertError(r, 400, "query.badValue")
        self.assertHealthy()

    def test_connected_issues(self):
        alana = self.as_user("alana")
        r = alana.get(OBJECTS + "/SVC-438/issues")
        self.assertStatus(r, 200)
        self.assertEqual(r.json["object"], "SVC-438")
        by_key = {i["key"]: i for i in r.json["issues"]}
        for key in ("ITO-2075", "ITO-2076"):
            self.assertIn(key, by_key)
        i = by_key["ITO-2075"]
        self.assertEqual(set(i), {"key", "summary", "status", "statusCategory", "issueType",
                                  "field", "resolved"})
        self.assertEqual((i["issueType"], i["field"]), ("Incident", "Affected services"))
        self.assertEqual(i["summary"],
                         "Customer payments are rejected when order is processed in EMEA region")
        # The same set as the JQL search over the object fields.
        self.assertCountEqual(by_key, set(self.search_keys(
            '"Affected services" = SVC-438 OR "Application impacted" = SVC-438 OR '
            '"Application to change" = SVC-438 OR "Type of standard change" = SVC-438')))
        unresolved = alana.get(OBJECTS + "/SVC-438/issues?filter=unresolved").json["issues"]
        self.assertEqual([x["key"] for x in unresolved],
                         [k for k, x in by_key.items() if not x["resolved"]])
        reindex = self.find('Label = "Reindex columnstore indexes"').json["objects"][0]["key"]
        keys = [x["key"] for x in alana.get("%s/%s/issues" % (OBJECTS, reindex)).json["issues"]]
        for key in ("ITO-1966", "ITO-1697"):
            self.assertIn(key, keys)
        self.assertError(alana.get(OBJECTS + "/SVC-438/issues?filter=bogus"), 400,
                         "http.badParameter")
        self.assertError(alana.get(OBJECTS + "/SVC-999999/issues"), 404, "cmdb.objectNotFound")
        self.assertError(self.as_user("customer").get(OBJECTS + "/SVC-438/issues"), 403,
                         "cmdb.forbidden")
        # A new issue shows up; resolved filtering follows it.
        tok = self.token()
        new = self.new_issue(summary="connected " + tok,
                             fields={"Affected services": ["Payment Processing"]})
        keys = [x["key"] for x in alana.get(OBJECTS + "/SVC-438/issues").json["issues"]]
        self.assertIn(new["key"], keys)
        keys = [x["key"] for x in alana.get(OBJECTS + "/SVC-438/issues?filter=unresolved")
                .json["issues"]]
        self.assertIn(new["key"], keys)

    def test_connected_issues_only_visible_ones(self):
        admin = self.admin()
        self.must(admin.post("/api/v1/projects", {"key": "CMX", "name": "CMDB secret"}))
        r = admin.post("/api/v1/issues", {"project": "CMX", "issueType": "Incident",
                                          "summary": "secret outage",
                                          "fields": {"Affected services": ["Network Core"]}})
        self.assertStatus(r, 201)
        secret = r.json["key"]
        admin_keys = [x["key"] for x in admin.get(OBJECTS + "/SVC-441/issues").json["issues"]]
        self.assertIn(secret, admin_keys)
        paul_keys = [x["key"] for x in self.as_user("paul").get(OBJECTS + "/SVC-441/issues")
                     .json["issues"]]
        self.assertNotIn(secret, paul_keys)
        self.assertNotIn(secret, self.search_keys("project = CMX", self.as_user("paul")))
        # connectedTickets() sees only what the caller may see, too.
        aql = 'object HAVING connectedTickets(summary ~ "secret outage")'
        self.assertIn("Network Core", self.labels(aql, admin))
        self.assertNotIn("Network Core", self.labels(aql, self.as_user("paul")))

    def test_connected_tickets_in_aql(self):
        tok = self.token()
        self.new_issue(summary="ct " + tok, fields={"Affected services": ["Network Core",
                                                                          "Billing Service"]})
        self.new_issue(summary="ct " + tok, fields={"Affected services": ["Network Core"]})
        self.assertEqual(self.labels('object HAVING connectedTickets(summary ~ "%s")' % tok),
                         ["Billing Service", "Network Core"])
        self.assertEqual(self.labels('object HAVING connectedTickets("summary ~ %s")' % tok),
                         ["Billing Service", "Network Core"])
        self.assertIn("Payment Processing",
                      self.labels("object HAVING connectedTickets(key = ITO-2075)"))
        self.assertIn("Reindex columnstore indexes",
                      self.labels("object HAVING connectedTickets(key = ITO-1966)"))
        none = self.labels('object HAVING connectedTickets(summary ~ "%s") AND Tier = "Tier 9"'
                           % tok)
        self.assertEqual(none, [])
        self.assertNotIn("Network Core", self.labels(
            'objectType = Services AND object NOT HAVING connectedTickets(summary ~ "%s")' % tok))
        r = self.find("object HAVING connectedTickets(project = )")
        self.assertStatus(r, 400)
        self.assertTrue(r.error["code"].startswith("aql."), r)
        self.assertIn("position", r.error)

    def test_form_object_picker(self):
        portals = self.as_user("customer").get("/api/v1/portals").json["values"]
        portal = [p for p in portals if p["name"] == "Operations"][0]
        detail = self.as_user("customer").get("/api/v1/portals/%d" % portal["id"]).json
        rt = [t for t in detail["requestTypes"]
              if t["name"] == "Request routine maintenance (standard change)"][0]
        form = self.as_user("customer").get("/api/v1/portals/%d/requesttypes/%d" % (
            portal["id"], rt["id"])).json
        fields = {f["name"]: f for f in form["fields"]}
        app = fields["Application to change"]
        change = fields["Type of standard change"]
        self.assertEqual((app["type"], change["type"]), ("object", "object"))
        for who in ("customer", "alana"):
            c = self.as_user(who)
            with self.subTest(user=who):
                url = "/api/v1/fields/%d/objects" % change["fieldId"]
                r = c.get(url + "?" + urllib.parse.urlencode(
                    {"context": json.dumps({"Application to change": "Oracle CRM"})}))
                self.assertStatus(r, 200)
                self.assertEqual([o["label"] for o in r.json["objects"]], self.ORACLE_CHANGES)
                self.assertEqual(r.json["waitingFor"], [])
                for o in r.json["objects"]:
                    self.assertEqual(set(o), {"id", "key", "label", "objectType"})
                    self.assertEqual(o["objectType"], "Standard Changes")
                r = c.get(url + "?" + urllib.parse.urlencode(
                    {"q": "patch",
                     "context": json.dumps({"Application to change": "Oracle CRM"})}))
                self.assertEqual([o["label"] for o in r.json["objects"]], ["Patch System"])
                r = c.get(url)
                self.assertStatus(r, 200)
                self.assertEqual((r.json["objects"], r.json["waitingFor"]),
                                 ([], ["Application to change"]))
                r = c.get(url + "?" + urllib.parse.urlencode({"context": "{}"}))
                self.assertEqual(r.json["waitingFor"], ["Application to change"])
                apps = c.get("/api/v1/fields/%d/objects?q=oracle" % app["fieldId"]).json
                self.assertIn("Oracle CRM", [o["label"] for o in apps["objects"]])
                self.assertEqual(apps["waitingFor"], [])
        c = self.as_user("customer")
        url = "/api/v1/fields/%d/objects" % change["fieldId"]
        for ctx in ("not json", "[1, 2]", '"x"'):
            with self.subTest(context=ctx):
                self.assertError(c.get(url + "?" + urllib.parse.urlencode({"context": ctx})),
                                 400, "http.badParameter")
        # Hostile context values stay values.
        r = c.get(url + "?" + urllib.parse.urlencode({"context": json.dumps(
            {"Application to change": 'Oracle CRM" OR Name IS NOT EMPTY OR Name = "'})}))
        self.assertIn(r.status, (200, 400), r)
        if r.status == 200:
            self.assertEqual(r.json["objects"], [])
        self.assertError(c.get("/api/v1/fields/987654/objects"), 404, "tickets.fieldNotFound")
        self.assertHealthy()

    def test_issue_scope_checked_on_write(self):
        # "Type of standard change" takes only standard changes that apply to the issue's
        # "Application to change", whether the request comes from the form or the API.
        alana = self.as_user("alana")
        kind = "Type of standard change"

        def change(fields, expect=201):
            return self.new_issue(issueType="Change", expect=expect, fields=fields)

        r = alana.post("/api/v1/issues", {"project": "ITO", "issueType": "Change",
                                          "summary": "no application",
                                          "fields": {kind: "Patch System"}})
        self.assertError(r, 400, "tickets.objectOutOfScope", field=kind)
        r = alana.post("/api/v1/issues", {"project": "ITO", "issueType": "Change",
                                          "summary": "wrong application", "fields": {
                                              "Application to change": "Oracle CRM",
                                              kind: "Decommission Asset"}})
        self.assertError(r, 400, "tickets.objectOutOfScope", field=kind)
        self.assertIn("Decommission Asset", r.error["message"])
        issue = change({"Application to change": "Oracle CRM", kind: "Patch System"})
        url = "/api/v1/issues/" + issue["key"]
        # An update is checked against the application the issue keeps...
        self.assertError(alana.patch(url, {"fields": {kind: "Decommission Asset"}}), 400,
                         "tickets.objectOutOfScope", field=kind)
        got = alana.get(url).json["fields"]
        self.assertEqual([v["label"] for v in got[kind]], ["Patch System"])
        # ... or the one it is given in the same change.
        r = alana.patch(url, {"fields": {"Application to change": "SAP ERP",
                                         kind: "Decommission Asset"}})
        self.assertStatus(r, 200)
        got = alana.get(url).json["fields"]
        self.assertEqual(([v["label"] for v in got["Application to change"]],
                          [v["label"] for v in got[kind]]), (["SAP ERP"], ["Decommission Asset"]))
        # Clearing the scoped field needs no check; other fields leave it alone.
        self.assertStatus(alana.patch(url, {"fields": {kind: None}}), 200)
        self.assertStatus(alana.patch(url, {"fields": {"Application to change": "Oracle CRM"}}),
                          200)
        self.assertHealthy()

    def test_priority_matrix(self):
        alana = self.as_user("alana")

        def matrix(impact, urgency):
            objs = self.find('objectType = "Priority Matrix" AND Impact = "%s" AND Urgency = "%s"'
                             % (impact, urgency)).json["objects"]
            self.assertEqual(len(objs), 1)
            return objs[0]

        big = "Extensive / Widespread"
        self.assertEqual(matrix(big, "High")["attributes"]["Priority"], "Critical")
        i = self.new_issue(summary="pm derived",
                           fields={"Impact": big, "Urgency": "High"})
        self.assertEqual(i["priority"]["name"], "Critical")
        explicit = self.new_issue(summary="pm explicit", priority="Low",
                                  fields={"Impact": big, "Urgency": "High"})
        self.assertEqual(explicit["priority"]["name"], "Low")
        # Changing the urgency re-derives the priority.
        low_cell = matrix(big, "Low")["attributes"]["Priority"]
        r = alana.patch("/api/v1/issues/" + i["key"], {"fields": {"Urgency": "Low"}})
        self.assertStatus(r, 200)
        self.assertEqual(r.json["priority"]["name"], low_cell)
        self.assertEqual(alana.get("/api/v1/issues/" + i["key"]).json["priority"]["name"],
                         low_cell)
        r = alana.patch("/api/v1/issues/" + i["key"], {"fields": {"Urgency": "High"}})
        self.assertEqual(r.json["priority"]["name"], "Critical")
        # Non-incidents are not touched.
        plain = self.new_issue(issueType="Change", summary="pm change")
        change = self.new_issue(issueType="Change", summary="pm change",
                                fields={"Impact": big, "Urgency": "High"})
        self.assertEqual(change["priority"]["name"], plain["priority"]["name"])
        # The matrix is data: changing a cell changes what new incidents get.
        cell = matrix("Minor / Localized", "Medium")
        old = cell["attributes"]["Priority"]
        new = "Lowest" if old != "Lowest" else "High"
        try:
            self.assertStatus(alana.patch("%s/%s" % (OBJECTS, cell["key"]),
                                          {"attributes": {"Priority": new}}), 200)
            got = self.new_issue(summary="pm edited", fields={"Impact": "Minor / Localized",
                                                              "Urgency": "Medium"})
            self.assertEqual(got["priority"]["name"], new)
        finally:
            self.admin().patch("%s/%s" % (OBJECTS, cell["key"]),
                               {"attributes": {"Priority": old}})
        got = self.new_issue(summary="pm restored", fields={"Impact": "Minor / Localized",
                                                            "Urgency": "Medium"})
        self.assertEqual(got["priority"]["name"], old)


if __name__ == "__main__":
    unittest.main()
