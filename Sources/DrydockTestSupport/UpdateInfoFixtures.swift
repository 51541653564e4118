/// yum `updateinfo.xml` documents written after the schema (`createrepo_c`'s and Bodhi's), for Fedora, of which no
/// real updateinfo is in the shared corpus: a security update naming its CVE only in a bugzilla reference's title,
/// with an epoch and a source package; a bugfix update (not imported); a Fedora 38 module update naming no CVE;
/// an EPEL update (skipped).
public enum UpdateInfoFixtures {
    public static let fedora = """
        <?xml version="1.0" encoding="UTF-8"?>
        <updates>
          <update from="updates@fedoraproject.org" status="stable" type="security" version="2.0">
            <id>FEDORA-2024-3a5e8fb2c4</id>
            <title>bind-9.18.26-1.fc40</title>
            <issued date="2024-05-02 01:12:31"/>
            <updated date="2024-05-03 01:02:03"/>
            <release>Fedora 40</release>
            <severity>Important</severity>
            <description>Update to 9.18.26.</description>
            <references>
              <reference href="https://bugzilla.redhat.com/show_bug.cgi?id=2263896" id="2263896"
                title="CVE-2023-50387 bind: KeyTrap - Extreme CPU consumption in DNSSEC validator [fedora-all]" type="bugzilla"/>
            </references>
            <pkglist>
              <collection short="F40">
                <name>Fedora 40</name>
                <package name="bind" version="9.18.26" release="1.fc40" epoch="32" arch="x86_64" src="bind-9.18.26-1.fc40.src.rpm">
                  <filename>bind-9.18.26-1.fc40.x86_64.rpm</filename>
                  <sum type="sha256">00</sum>
                </package>
                <package name="bind" version="9.18.26" release="1.fc40" epoch="32" arch="src" src="bind-9.18.26-1.fc40.src.rpm"/>
              </collection>
            </pkglist>
          </update>
          <update from="updates@fedoraproject.org" status="stable" type="bugfix" version="2.0">
            <id>FEDORA-2024-0000000001</id>
            <pkglist><collection short="F40"><package name="tzdata" version="2024a" release="1.fc40" arch="noarch"/></collection></pkglist>
          </update>
          <update type="security">
            <id>FEDORA-2023-f1a2b3c4d5</id>
            <severity>Moderate</severity>
            <references/>
            <pkglist>
              <collection short="F38-modular">
                <name>Fedora 38 Modular</name>
                <module name="nodejs" stream="18" version="3820230101" context="abc" arch="x86_64"/>
                <package name="nodejs" version="18.19.0" release="1.module_f38+123+abc" epoch="1" arch="x86_64"/>
              </collection>
            </pkglist>
            <release>Fedora 38</release>
          </update>
          <update type="security"><id>FEDORA-EPEL-2024-1</id><pkglist/></update>
        </updates>
        """
}
