// Oracle: Cargo versions and requirements with the `semver` crate, the implementation Cargo uses.
// Built by cargo_semver.py against Debian's packaged crate source (librust-semver-dev).
// Mode `compare`: reads `A<TAB>B`, writes `<`, `=`, `>` (`Ord`, build metadata included) or `!`.
// Mode `satisfies`: reads `VERSION<TAB>REQUIREMENT`, writes `true`, `false` (`VersionReq::matches`) or `!`.
use std::cmp::Ordering;
use std::io::{self, BufRead, Write};

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.splitn(2, '\t');
        let a = fields.next().unwrap_or("");
        let b = fields.next().unwrap_or("");
        let answer = match mode.as_str() {
            "compare" => match (semver::Version::parse(a), semver::Version::parse(b)) {
                (Ok(x), Ok(y)) => match x.cmp(&y) {
                    Ordering::Less => "<",
                    Ordering::Equal => "=",
                    Ordering::Greater => ">",
                },
                _ => "!",
            },
            _ => match (semver::Version::parse(a), semver::VersionReq::parse(b)) {
                (Ok(v), Ok(r)) => if r.matches(&v) { "true" } else { "false" },
                _ => "!",
            },
        };
        writeln!(out, "{}", answer).expect("stdout");
    }
}
