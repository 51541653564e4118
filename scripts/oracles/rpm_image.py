"""Shared by the RPM image oracles: the installed packages of an `rpmdb.sqlite` read by rpm's own Python bindings,
os-release values, and `[EPOCH:]VERSION-RELEASE` handling for `rpm.labelCompare`.

Independent of Drydock: python3-rpm (Debian's) reads the database and compares the versions.
"""

import os
import tempfile

import rpm


def installed_packages(database_bytes):
    """[(name, epoch, version, release, modularity label or "", source package name)] from an rpmdb.sqlite."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "rpmdb.sqlite"), "wb") as handle:
            handle.write(database_bytes)
        rpm.addMacro("_dbpath", folder)
        rpm.addMacro("_db_backend", "sqlite")
        transaction = rpm.TransactionSet()
        transaction.setVSFlags(-1)
        result = []
        for header in transaction.dbMatch():
            source = header[rpm.RPMTAG_SOURCERPM] or ""
            source_name = source.rsplit("-", 2)[0] if source else header[rpm.RPMTAG_NAME]
            result.append((header[rpm.RPMTAG_NAME], str(header[rpm.RPMTAG_EPOCHNUM] or 0), header[rpm.RPMTAG_VERSION],
                           header[rpm.RPMTAG_RELEASE], header[rpm.RPMTAG_MODULARITYLABEL] or "", source_name))
        transaction.closeDB()
        return result


def os_release(text):
    """KEY=value pairs of an os-release file, quotes removed."""
    values = {}
    for line in text.decode("utf-8", "replace").splitlines():
        if "=" in line:
            key, value = line.split("=", 1)
            values[key] = value.strip().strip('"')
    return values


def split_evr(text):
    """`[EPOCH:]VERSION-RELEASE` -> (epoch, version, release) for rpm.labelCompare."""
    epoch = "0"
    if ":" in text:
        epoch, text = text.split(":", 1)
    version, _, release = text.rpartition("-")
    return (epoch, version, release)


def show(epoch, version, release):
    """The version as rpm prints it, a zero epoch left out."""
    return f"{epoch}:{version}-{release}" if epoch not in ("0", "") else f"{version}-{release}"


class VersionKey:
    """A sort key ordering `[EPOCH:]VERSION-RELEASE` strings by rpm.labelCompare."""

    def __init__(self, text):
        self.evr = split_evr(text)

    def __lt__(self, other):
        return rpm.labelCompare(self.evr, other.evr) < 0
