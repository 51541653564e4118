#!/usr/bin/env python3
"""Oracle: Maven version ranges with Maven's own VersionRange (apt-get install -y maven).

Reads `VERSION<TAB>RANGE` lines on stdin; writes `true`, `false`, or `!` when Maven rejects the range.
Runs one JVM for all lines (Java's single-file source launcher).
"""
import glob
import os
import subprocess
import sys
import tempfile

JAVA = r"""
import java.io.*;
import java.nio.charset.StandardCharsets;
import org.apache.maven.artifact.versioning.*;

public class MavenRangeOracle {
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        StringBuilder out = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", 2);
            try {
                VersionRange range = VersionRange.createFromVersionSpec(f[1]);
                boolean ok = range.getRestrictions().isEmpty()
                    || range.containsVersion(new DefaultArtifactVersion(f[0]));
                if (range.getRecommendedVersion() != null) ok = true;
                out.append(ok ? "true" : "false").append('\n');
            } catch (InvalidVersionSpecificationException e) {
                out.append("!\n");
            }
        }
        System.out.print(out);
    }
}
"""


def main():
    jars = sorted(glob.glob("/usr/share/maven/lib/maven-artifact*.jar"))
    if not jars:
        sys.exit("maven-artifact jar not found: apt-get install -y maven")
    jars += sorted(glob.glob("/usr/share/maven/lib/commons-lang3*.jar"))
    with tempfile.TemporaryDirectory() as folder:
        source = os.path.join(folder, "MavenRangeOracle.java")
        with open(source, "w") as handle:
            handle.write(JAVA)
        result = subprocess.run(
            ["java", "-cp", ":".join(jars), source], input=sys.stdin.read(), capture_output=True, text=True
        )
    if result.returncode != 0:
        sys.exit(result.stderr)
    sys.stdout.write(result.stdout)


if __name__ == "__main__":
    main()
