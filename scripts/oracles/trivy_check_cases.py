#!/usr/bin/env python3
"""Runs Drydock's built-in checks on the inputs of Trivy's own check tests and compares the outcome.

Usage: scripts/oracles/trivy_check_cases.py --trivy-checks GIT_DIR [--drydock .build/debug/drydock]

GIT_DIR is a clone of aquasecurity/trivy-checks (a bare repository works). Each `test_*` rule of
checks/kubernetes/*_test.rego and checks/docker/*_test.rego gives an input and whether the check must fire
(`count(r) == 0` or not). Kubernetes inputs are manifests already; Dockerfile inputs are Trivy's parsed form
(stages of commands) and are written back as Dockerfiles. Tests that need check data (`with data`) and the
CIS control-plane checks (KCV, which Drydock does not ship) are left out.

Not part of CI (it needs the trivy-checks clone); run it after changing a check. It prints every
disagreement and exits 1 when one is not in KNOWN below.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

# Disagreements that are understood (check package, test name): why.
KNOWN = {
    ("DS001", "with_variables_denied"):
        "the ARG is declared inside the first stage; BuildKit does not carry it into the next FROM, so the "
        "image name is not known (Trivy's test resolves it)",
    ("DS002", "empty_user_denied"):
        "`USER` without an argument: BuildKit refuses the file, and so does Drydock (a parse warning)",
    ("DS002", "multi_stage_build_denied_if_last_stage_does_not_specify_user"):
        "the input's `COPY blah.zip` has no destination: BuildKit refuses the file, and so does Drydock",
}


def git_files(git_dir, pattern):
    names = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "-r", "HEAD", "--name-only"],
                           capture_output=True, text=True, check=True).stdout.split()
    return [name for name in names if re.match(pattern, name)]


def git_show(git_dir, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", "HEAD:" + path],
                          capture_output=True, text=True, check=True).stdout


def balanced(text, start):
    """The bracketed literal starting at text[start]."""
    depth, index, in_string = 0, start, False
    while index < len(text):
        char = text[index]
        if in_string:
            if char == "\\":
                index += 2
                continue
            in_string = char != '"'
        elif char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return text[start:index + 1]
        index += 1
    return None


def rego_tests(source):
    """(name, input object, must fire) for each test rule with a literal input and a count expectation."""
    for match in re.finditer(r"\ntest_(\w+) if \{(.*?)\n\}", source, re.S):
        name, body = match.group(1), match.group(2)
        start = re.search(r"with input as \{", body)
        expected = re.search(r"count\(r\) (==|>) (\d+)", body)
        if "with data" in body or not start or not expected:
            continue
        literal = balanced(body, start.end() - 1)
        try:
            value = json.loads(re.sub(r",(\s*[}\]])", r"\1", literal or ""))
        except json.JSONDecodeError:
            continue
        yield name, value, expected.group(1) == ">" or int(expected.group(2)) > 0


def defsec_marker_removed(value):
    """Trivy's tests write an empty mapping as {"__defsec_metadata": {}}, its parser's marker."""
    if isinstance(value, dict):
        if set(value) == {"__defsec_metadata"}:
            return {}
        return {key: defsec_marker_removed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [defsec_marker_removed(item) for item in value]
    return value


def instruction(command):
    keyword, values = command["Cmd"].upper(), command.get("Value", [])
    flags = " ".join(command.get("Flags", []))
    prefix = f"{keyword} {flags + ' ' if flags else ''}"
    if keyword in ("CMD", "ENTRYPOINT", "SHELL", "RUN") and len(values) > 1:
        return prefix + json.dumps(values)
    if keyword in ("ENV", "LABEL") and len(values) >= 2 and len(values) % 2 == 0 \
            and not any("=" in key for key in values[::2]):
        return prefix + " ".join(f"{key}={json.dumps(value)}" for key, value in zip(values[::2], values[1::2]))
    return prefix + " ".join(values)


def dockerfile(parsed):
    """A Dockerfile from Trivy's parsed form. A stage's FROM is its name when that carries the alias, else
    the FROM command's words; the stage named "" holds the global ARGs."""
    lines = []
    for stage in parsed.get("Stages", []):
        name, commands = stage.get("Name", ""), stage.get("Commands", [])
        first_from = next((i for i, c in enumerate(commands) if c.get("Cmd", "").lower() == "from"), None)
        before = commands[:first_from] if first_from is not None else []
        lines += [instruction(command) for command in before]
        if first_from is not None and " as " not in name.lower():
            lines.append(instruction(commands[first_from]))
        elif name:
            lines.append("FROM " + name)
        after = commands[first_from + 1:] if first_from is not None else commands
        lines += [instruction(command) for command in after]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trivy-checks", required=True, help="trivy-checks git directory")
    parser.add_argument("--drydock", default=os.path.join(os.path.dirname(__file__), "../../.build/debug/drydock"))
    args = parser.parse_args()
    cases = []
    with tempfile.TemporaryDirectory() as folder:
        for kind, pattern in (("kubernetes", r"checks/kubernetes/.*_test\.rego$"),
                              ("dockerfile", r"checks/docker/.*_test\.rego$")):
            for path in git_files(args.trivy_checks, pattern):
                source = git_show(args.trivy_checks, path)
                package = re.search(r"package builtin\.\w+\.(\S+)", source)
                if not package or package.group(1).upper().startswith("KCV") and package.group(1).upper() != "KCV0093":
                    continue
                for name, value, fires in rego_tests(source):
                    file = re.sub(r"\W", "_", f"{package.group(1)}__{name}")
                    if kind == "kubernetes":
                        if not isinstance(value, dict) or "kind" not in value:
                            continue
                        value = defsec_marker_removed(value)
                        value.setdefault("metadata", {}).setdefault("name", "x")
                        file += ".json"
                        text = json.dumps(value)
                    else:
                        file += ".Dockerfile"
                        text = dockerfile(value)
                    with open(os.path.join(folder, file), "w") as handle:
                        handle.write(text)
                    cases.append((package.group(1), name, file, fires))
        output = os.path.join(folder, "report.json")
        subprocess.run([args.drydock, "config", folder, "--format", "json", "--output", output, "--quiet",
                        "--include-deprecated-checks"], check=True)
        with open(output) as handle:
            report = json.load(handle)
    fired = {result["Target"]: {alias.lower() for finding in result.get("Misconfigurations", [])
                                for alias in [finding["ID"]] + finding.get("Aliases", [])}
             for result in report["Results"]}
    unexpected = []
    for package, name, file, fires in cases:
        if (package.lower() in fired.get(file, set())) == fires:
            continue
        reason = KNOWN.get((package, name))
        print(f"{'known' if reason else 'DIFFERS'}: {package} {name}: Trivy {'fires' if fires else 'passes'}"
              + (f" — {reason}" if reason else ""))
        if not reason:
            unexpected.append(name)
    print(f"{len(cases)} cases from Trivy's check tests, {len(cases) - len(unexpected)} agree or are known")
    sys.exit(1 if unexpected else 0)


if __name__ == "__main__":
    main()
