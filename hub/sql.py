"""DuckDB over the hub's store: a view `events`, one row per live event of every device (the
committed files of each manifest), with the hive columns `device` and `date`.

    con = connect(store); con.sql("select device, label, count(*) from events group by all")
"""
import csv
import sys

import duckdb
import pyarrow as pa

from .store import ADDED, schema


def connect(store, overrule=False):
    """A DuckDB connection with the view `events`; with `overrule` (hub.toml's [second]) its
    `label` is the second opinion's where there is one (its `generic`, for an event a personal
    sound named), the device's kept as `device_label`."""
    con = duckdb.connect()
    files = store.files()
    if files:
        listed = ', '.join("'%s'" % f.replace("'", "''") for f in files)
        con.execute('create view event_files as select * from read_parquet([%s], '
                    'hive_partitioning = true, union_by_name = true)' % listed)
        # union_by_name gives a column only some files have; one no file has yet is null
        have = {r[0] for r in con.execute("select column_name from information_schema.columns "
                                          "where table_name = 'event_files'").fetchall()}
        missing = ''.join(', null::%s as %s' % (t, c) for c, t in ADDED.items() if c not in have)
        con.execute('create view all_events as select *%s from event_files' % missing)
        # overruled, the second opinion takes the model's label's place: beside a personal
        # label (`generic`) where there is one, the household's own name kept
        con.execute('create view events as select %s from all_events' % (
            '* replace (if(generic is null, coalesce(second_label, label), label) as label, '
            'if(generic is null, generic, coalesce(second_label, generic)) as generic), '
            'label as device_label' if overrule else '*'))
    else:   # no events yet: the same columns, no rows
        empty = pa.table({'device': pa.array([], pa.string()), 'date': pa.array([], pa.date32())})
        for f in schema(1):
            empty = empty.append_column(f, pa.array([], f.type))
        con.register('_no_events', empty)
        con.execute('create view events as select * from _no_events')
    return con


def run(store, query, out=sys.stdout, overrule=False):
    """Runs query; writes its rows as CSV with a header (nothing for a statement without);
    returns the rows written."""
    with store.lock(shared=True):
        cur = connect(store, overrule).execute(query)
        if cur.description is None:
            return 0
        w = csv.writer(out, lineterminator='\n')
        w.writerow([d[0] for d in cur.description])
        n = 0
        while True:
            rows = cur.fetchmany(10000)
            if not rows:
                return n
            w.writerows(rows)
            n += len(rows)
