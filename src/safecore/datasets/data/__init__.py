"""Embedded data files (TOML) of the SafeCORE 2020 report."""
