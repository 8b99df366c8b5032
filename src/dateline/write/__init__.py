"""Write a data package: CSV and Parquet per table, schema copies and ``datapackage.json``."""

from dateline.write.package import PackageMeta, parquet_resource, write_package

__all__ = ["PackageMeta", "parquet_resource", "write_package"]
