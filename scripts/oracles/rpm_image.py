"""Shared by the RPM image oracles: the installed packages of an `rpmdb.sqlite` read by rpm's own Python bindings
(through package_dbs), os-release values, and `[EPOCH:]VERSION-RELEASE` handling for `rpm.labelCompare`.

Independent of Drydock: python3-rpm (Debian's) reads the database and compares the versions.
"""

import rpm

import package_dbs


def installed_packages(database_bytes):
    """[(name, epoch, version, release, modularity label or "", source package name)] from an rpmdb.sqlite."""
    result = []
    for header in package_dbs.rpm_headers(database_bytes):
        source = header[rpm.RPMTAG_SOURCERPM] or ""
        source_name = source.rsplit("-", 2)[0] if source else header[rpm.RPMTAG_NAME]
        result.append((header[rpm.RPMTAG_NAME], str(header[rpm.RPMTAG_EPOCHNUM] or 0), header[rpm.RPMTAG_VERSION],
                       header[rpm.RPMTAG_RELEASE], header[rpm.RPMTAG_MODULARITYLABEL] or "", source_name))
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
    """`[EPOCH:]VERSION[-RELEASE]` -> (epoch, version, release or None) for rpm.labelCompare."""
    epoch = "0"
    if ":" in text:
        epoch, text = text.split(":", 1)
    if "-" not in text:
        return (epoch, text, None)
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
