"""Shared by the image oracles: installed-package databases read with the distributions' own tools.

Independent of Drydock: python3-rpm reads an `rpmdb.sqlite`; apk's `installed` is a plain text format.
"""

import os
import tempfile


def rpm_headers(database_bytes):
    """Every header of an `rpmdb.sqlite` (bytes), read by rpm's Python bindings (system Python only)."""
    import rpm

    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "rpmdb.sqlite"), "wb") as handle:
            handle.write(database_bytes)
        rpm.addMacro("_dbpath", folder)
        rpm.addMacro("_db_backend", "sqlite")
        transaction = rpm.TransactionSet()
        transaction.setVSFlags(-1)
        headers = list(transaction.dbMatch())
        transaction.closeDB()
        return headers


def apk_installed(text):
    """`(name, version, origin)` for every stanza of `lib/apk/db/installed`."""
    result = []
    for stanza in text.split("\n\n"):
        fields = {}
        for line in stanza.splitlines():
            if len(line) > 2 and line[1] == ":":
                fields.setdefault(line[0], line[2:])
        if "P" in fields and "V" in fields:
            result.append((fields["P"], fields["V"], fields.get("o", fields["P"])))
    return result
