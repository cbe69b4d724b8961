"""The hub: every appliance's history in one place (issue 24, docs/hub.md).

`earmark hub pull --config hub.toml` pulls each device's change feed (GET /api/changes) into
Parquet files that DuckDB, Spark or Trino read as they are; `earmark hub sql` queries them with
DuckDB; `earmark hub serve` keeps pulling. Modules: config (hub.toml), feed (one device's
answers, checked), store (the Parquet files and each device's manifest), pull (a pass over the
devices), serve (the loop and its small API).
"""
