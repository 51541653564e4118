#!/bin/sh
# Oracle for Drydock's RPM database readers: lists what the real rpm(8) reads from one database file.
#
#   rpm_qa.sh packages DBFILE   one line per package:
#                               NAME EPOCHNUM VERSION RELEASE ARCH SOURCERPM LICENSE VENDOR MODULARITYLABEL (tab-separated)
#   rpm_qa.sh files DBFILE      one line per installed non-directory file: NAME PATH (tab-separated)
#
# rpm wants the database under its own name inside --dbpath, so the file is copied to a scratch folder
# (rpm may write -shm/-wal files beside an SQLite database). The backend follows the name: `Packages` is read
# with bdb_ro, `rpmdb.sqlite` with sqlite. `Packages.db` (ndb) is refused with exit status 3 when this rpm
# has no ndb backend (Debian's rpm 4.18 has none): use rpm_header_query.py on the extracted blobs instead.
set -eu
mode=$1
db=$2
command -v rpm >/dev/null 2>&1 || { echo "rpm_qa.sh: rpm is not installed (apt-get install -y rpm)" >&2; exit 2; }
name=$(basename "$db")
case "$name" in
Packages) backend=bdb_ro ;;
rpmdb.sqlite) backend=sqlite ;;
Packages.db) backend=ndb ;;
*) echo "rpm_qa.sh: $name is not an rpm database name (Packages, Packages.db, rpmdb.sqlite)" >&2; exit 2 ;;
esac
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cp "$db" "$scratch/$name"
chmod u+w "$scratch/$name"
case "$mode" in
packages) format='%{NAME}\t%{EPOCHNUM}\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\t%{LICENSE}\t%{VENDOR}\t%{MODULARITYLABEL}\n' ;;
files) format='[%{=NAME}\t%{FILEMODES:perms}\t%{FILENAMES}\n]' ;;
*) echo "rpm_qa.sh: mode must be packages or files" >&2; exit 2 ;;
esac
rpm -qa --dbpath "$scratch" --define "_db_backend $backend" --qf "$format" >"$scratch/out" 2>"$scratch/err" || true
if [ "$backend" = ndb ] && grep -q "dummy database" "$scratch/err"; then
    echo "rpm_qa.sh: this rpm cannot read ndb databases" >&2
    exit 3
fi
if [ ! -s "$scratch/out" ] && [ -s "$scratch/err" ]; then
    cat "$scratch/err" >&2
    exit 1
fi
if [ "$mode" = files ]; then
    awk -F '\t' '$2 !~ /^d/ { print $1 "\t" $3 }' "$scratch/out"
else
    cat "$scratch/out"
fi
