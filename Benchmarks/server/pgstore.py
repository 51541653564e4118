"""A throwaway PostgreSQL cluster for the server benchmarks (scripts/postgres/start, on loopback)."""

import os
import subprocess


def start_postgres(root, work, database):
    """Starts a cluster under `work/pg` with an empty `database`; returns (store URL, state folder to stop)."""
    state = os.path.join(work, "pg")
    subprocess.run([os.path.join(root, "scripts/postgres/start"), state], check=True)
    env = dict(line.strip().split("=", 1) for line in open(os.path.join(state, "env")) if "=" in line)
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", env["PG_PORT"], "-U", env["PG_USER"], "-d", "postgres",
                    "-c", "CREATE DATABASE %s" % database], check=True, capture_output=True)
    return "postgres://%s@127.0.0.1:%s/%s" % (env["PG_USER"], env["PG_PORT"], database), state
