"""``croissant.json``: the package as Croissant 1.0 metadata (JSON-LD, schema.org vocabulary).

Dataset search engines and ML data loaders read Croissant. Every file of ``datapackage.json``
becomes a ``cr:FileObject`` with its SHA-256; every table a ``cr:RecordSet`` whose fields (with
their ``dataType`` and description) are read from the table's Parquet file, where the types
survive; primary keys become ``key``. A partitioned table's files are one ``cr:FileObject``
each, gathered by a ``cr:FileSet`` (the glob of its folder) that its record set reads. Foreign
keys stay in ``datapackage.json`` and the table schemas: Croissant's ``references`` would be
right, but the reference loader (mlcroissant 1.1.1) reads them as joins and returns the wrong
rows for a referenced table.
"""

from __future__ import annotations

from typing import Any

from dateline.package.layout import PARTS, location, parquet_resource
from dateline.package.parquet import declared_bytes
from dateline.schema import TABLES, Field, TableSchema, load

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
#: The Croissant 1.0 JSON-LD context, as the reference implementation (mlcroissant) writes it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
#: Table Schema field type → Croissant (schema.org) data type; a list is a repeated Text.
DATA_TYPES = {
    "string": "sc:Text",
    "integer": "sc:Integer",
    "number": "sc:Float",
    "boolean": "sc:Boolean",
    "date": "sc:Date",
    "datetime": "sc:DateTime",
    "list": "sc:Text",
}
ENCODINGS = {"csv": "text/csv", "parquet": "application/x-parquet"}


def croissant(desc: dict[str, Any], released: str | None, citation: str) -> dict[str, Any]:
    """The Croissant metadata of the package ``desc``; ``citation`` is its ``citeAs`` text."""
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": desc["name"],
        "alternateName": desc.get("title") or desc["name"],
        "description": desc.get("description") or desc.get("title") or desc["name"],
        "version": desc["version"],
        "citeAs": citation,
        "creator": [
            {"@type": "sc:Organization", "name": c["title"]}
            for c in desc.get("contributors", [])
            if "creator" in c.get("roles", [])
        ],
        "license": [lic["path"] for lic in desc.get("licenses", []) if lic.get("path")],
        "keywords": list(desc.get("keywords", [])),
    }
    if released:
        out["datePublished"] = released
    if desc.get("homepage"):
        out["url"] = desc["homepage"]
    if desc.get("id"):
        out["identifier"] = desc["id"]
    out["distribution"] = [obj for res in desc["resources"] for obj in file_objects(res)]
    parquet = {r["name"]: r for r in desc["resources"] if r.get("format") == "parquet"}
    out["recordSet"] = [
        record_set(load(t), source_of(parquet[parquet_resource(t)]))
        for t in TABLES
        if parquet_resource(t) in parquet
    ]
    return out


def file_objects(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """A resource as its ``cr:FileObject``, or a partitioned one as a ``cr:FileObject`` per file
    (from ``dateline:parts``) and the ``cr:FileSet`` gathering them."""
    if not isinstance(resource["path"], list):
        return [file_object(resource)]
    encoding = ENCODINGS["parquet"]
    parts = [
        {
            "@type": "cr:FileObject",
            "@id": part["path"],
            "name": part["path"],
            "contentUrl": part["path"],
            "contentSize": f"{part['bytes']} B",
            "encodingFormat": encoding,
            "sha256": str(part["hash"]).removeprefix("sha256:"),
        }
        for part in resource[PARTS]
    ]
    files = {
        "@type": "cr:FileSet",
        "@id": resource["name"],
        "name": resource["name"],
        "description": resource.get("title", resource["name"]),
        "encodingFormat": encoding,
        "includes": location(resource["path"]),
    }
    return [*parts, files]


def source_of(resource: dict[str, Any]) -> dict[str, Any]:
    """Where a record set reads a table: its file, or the file set of its partitions."""
    if isinstance(resource["path"], list):
        return {"fileSet": {"@id": resource["name"]}}
    return {"fileObject": {"@id": resource["path"]}}


def file_object(resource: dict[str, Any]) -> dict[str, Any]:
    """A resource of ``datapackage.json`` as a ``cr:FileObject``."""
    return {
        "@type": "cr:FileObject",
        "@id": resource["path"],
        "name": resource["name"],
        "description": resource.get("title", resource["name"]),
        "contentUrl": resource["path"],
        "contentSize": f"{declared_bytes(resource)} B",
        "encodingFormat": ENCODINGS.get(resource.get("format", ""), resource.get("mediatype")),
        "sha256": str(resource["hash"]).removeprefix("sha256:"),
    }


def record_set(schema: TableSchema, source: dict[str, Any]) -> dict[str, Any]:
    """A table as a ``cr:RecordSet`` read from ``source`` (a file, known by its path, or a file
    set, known by its resource name; record sets are known by their table name)."""
    out: dict[str, Any] = {
        "@type": "cr:RecordSet",
        "@id": schema.name,
        "name": schema.name,
        "description": schema.description,
        "field": [field(schema.name, f, source) for f in schema.fields],
    }
    if schema.primary_key:
        keys = [{"@id": f"{schema.name}/{k}"} for k in schema.primary_key]
        out["key"] = keys[0] if len(keys) == 1 else keys
    return out


def field(table: str, f: Field, source: dict[str, Any]) -> dict[str, Any]:
    """One column as a ``cr:Field``."""
    out: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": f"{table}/{f.name}",
        "name": f.name,
        "description": f.description,
        "dataType": DATA_TYPES[f.type],
        "source": {**source, "extract": {"column": f.name}},
    }
    if f.type == "list":
        out["repeated"] = True
    return out
