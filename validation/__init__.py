"""Data checks for a built package: frictionless, pandera, Great Expectations and DuckDB SQL layers."""
