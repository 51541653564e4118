import DrydockLicenses
import Testing

/// Copyright files written for the tests, shaped like real ones in Debian's `usr/share/doc/*/copyright`.
@Suite struct DebianCopyrightTests {
    /// Machine-readable, with the cases other scanners get wrong: operators in any case, an exception,
    /// Perl's `Artistic`, names without SPDX IDs, and license texts that point to `/usr/share/common-licenses`
    /// files the package is not under.
    static let machineReadable = """
        Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
        Upstream-Name: example
        Source: https://example.org/example
        License: GPL-2+

        Files: *
        Copyright: 2001-2020 Example Authors
        License: GPL-2+ with OpenSSL exception

        Files: lib/*
        Copyright: 2010 Someone Else
        License: LGPL-2.1+ OR MPL-1.1

        Files: perl/*
        Copyright: 1999 Perl Hacker
        License: GPL-1+ or Artistic, and BSD-4-clause-POWERDOG

        Files: doc/*
        Copyright: 2005 Writer
        License: GFDL-NIV-1.2+ And/Or public-domain

        Files: debian/*
        Copyright: 2021 Debian Maintainer
        License: Expat

        License: GPL-2+
         This program is free software; you can redistribute it and/or modify
         it under the terms of the GNU General Public License as published by
         the Free Software Foundation; either version 2 of the License, or
         (at your option) any later version.
         .
         On Debian systems, the full text of the GNU General Public License
         version 2 can be found in the file `/usr/share/common-licenses/GPL-2'.
         The GNU General Public License version 3 is in /usr/share/common-licenses/GPL-3.

        License: LGPL-2.1+
         On Debian systems, see /usr/share/common-licenses/LGPL-2.1.

        License: Expat
         Permission is hereby granted, free of charge, to any person obtaining a copy
         of this software ...
        """

    @Test func machineReadableFileGivesItsParagraphsShortNames() {
        let copyright = DebianCopyright.parse(Array(Self.machineReadable.utf8))
        #expect(copyright.isMachineReadable)
        #expect(
            copyright.declared == [
                "GPL-2+", "GPL-2+ with OpenSSL exception", "LGPL-2.1+ OR MPL-1.1",
                "GPL-1+ or Artistic, and BSD-4-clause-POWERDOG", "GFDL-NIV-1.2+ And/Or public-domain", "Expat",
            ])
        #expect(
            copyright.licenses == [
                "GPL-2.0-or-later", "GPL-2.0-or-later WITH AdditionRef-OpenSSL-exception", "LGPL-2.1-or-later",
                "MPL-1.1", "GPL-1.0-or-later", "Artistic-1.0-Perl", "LicenseRef-BSD-4-clause-POWERDOG",
                "GFDL-1.2-no-invariants-or-later", "LicenseRef-public-domain", "MIT",
            ])
        // Not GPL-2.0-only nor GPL-3.0: those are only mentioned in license texts.
        #expect(!copyright.licenses.contains("GPL-3.0-only"))
    }

    @Test func formatSpecificationCommentsAndCRLFLines() {
        let text =
            "# written by hand\r\nFormat-Specification: http://svn.debian.org/wsvn/dep/web/deps/dep5.mdwn?op=file&rev=135\r\n"
            + "Name: old\r\n\r\nFiles: *\r\nCopyright: 2009 A\r\nLicense: BSD-3-clause\r\n"
        let copyright = DebianCopyright.parse(Array(text.utf8))
        #expect(copyright.isMachineReadable)
        #expect(copyright.licenses == ["BSD-3-Clause"])
    }

    @Test func filesParagraphWithoutANameIsRecognisedFromItsText() {
        let text = """
            Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

            Files: *
            Copyright: 2015 Someone
            License:
             This library is free software; you can redistribute it and/or modify it under
             the terms of the GNU Lesser General Public License as published by the Free
             Software Foundation; either version 2.1 of the License, or (at your option)
             any later version.
            """
        #expect(DebianCopyright.parse(Array(text.utf8)).licenses == ["LGPL-2.1-or-later"])
    }

    /// A free-text file in the style of older packages (adduser, debianutils).
    @Test func freeTextFileIsReadFromItsNoticeNotItsPointer() {
        let text = """
            This is Debian's prepackaged version of example.

            Copyright (C) 1997-2004 Some Authors

            This program is free software; you can redistribute it and/or modify
            it under the terms of the GNU General Public License as published by
            the Free Software Foundation; either version 2 of the License, or
            (at your option) any later version.

            On Debian GNU/Linux systems, the complete text of the GNU General
            Public License can be found in `/usr/share/common-licenses/GPL'.
            """
        let copyright = DebianCopyright.parse(Array(text.utf8))
        #expect(!copyright.isMachineReadable)
        #expect(copyright.licenses == ["GPL-2.0-or-later"])
    }

    @Test func freeTextPointersNameLicensesNoNoticeNames() {
        let text = """
            Copyright: 2001 Someone
            The library is under the terms found in /usr/share/common-licenses/LGPL-2.1,
            and its tools under /usr/share/common-licenses/Artistic or /usr/share/common-licenses/BSD.
            Documentation: see /usr/share/common-licenses/GPL.
            """
        #expect(
            DebianCopyright.parse(Array(text.utf8)).licenses == [
                "LGPL-2.1-only", "Artistic-1.0-Perl", "BSD-3-Clause", "LicenseRef-GPL",
            ])
    }

    @Test func freeTextNoticeWithOnlyAVersionIsOnlyThatVersion() {
        let text = """
            You can redistribute this under the terms of the GNU General Public License version 2
            as published by the Free Software Foundation. See /usr/share/common-licenses/GPL-2.
            License: Zlib
            """
        #expect(DebianCopyright.parse(Array(text.utf8)).licenses == ["Zlib", "GPL-2.0-only"])
    }

    @Test func emptyAndBinaryFilesGiveNothing() {
        #expect(DebianCopyright.parse([UInt8]()).licenses.isEmpty)
        #expect(DebianCopyright.parse([0, 1, 2, 0xff, 0xfe]).licenses.isEmpty)
    }
}
