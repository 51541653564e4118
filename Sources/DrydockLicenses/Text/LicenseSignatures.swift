/// The texts and notices `LicenseTextClassifier` recognises. GNU notices ("either version 2 of the License,
/// or (at your option) any later version") are read by `GNUNotice`, which also finds the version and
/// whether later versions apply.
enum LicenseSignatures {
    static let bsdConditions = [
        "redistribution and use in source and binary forms with or without modification are permitted provided that the following conditions are met",
        "redistributions of source code must retain the above copyright notice",
        "redistributions in binary form must reproduce the above copyright notice",
    ]
    static let endorsement = "to endorse or promote products derived from this software"
    static let advertising =
        "all advertising materials mentioning features or use of this software must display the following"
    static let mitGrant = "permission is hereby granted free of charge to any person obtaining a copy of this software"
    static let iscGrant =
        "permission to use copy modify and or distribute this software for any purpose with or without fee is hereby granted"
    static let disclaimsAll = "disclaims all warranties with regard to this software"

    static let all: [LicenseSignature] = [
        LicenseSignature(
            id: "MIT", kind: .text,
            phrases: [
                mitGrant,
                "the above copyright notice and this permission notice shall be included in all copies or substantial portions of the software",
                "the software is provided as is without warranty of any kind",
            ]),
        LicenseSignature(
            id: "ISC", kind: .text,
            phrases: [
                iscGrant, "provided that the above copyright notice and this permission notice appear in all copies",
                disclaimsAll,
            ]),
        LicenseSignature(
            id: "0BSD", kind: .text, phrases: [iscGrant, disclaimsAll],
            excluded: ["provided that the above copyright notice"]),
        LicenseSignature(
            id: "BSD-2-Clause", kind: .text, phrases: bsdConditions, excluded: [endorsement, advertising]),
        LicenseSignature(
            id: "BSD-3-Clause", kind: .text, phrases: bsdConditions + [endorsement], excluded: [advertising]),
        LicenseSignature(id: "BSD-4-Clause", kind: .text, phrases: bsdConditions + [advertising]),
        LicenseSignature(
            id: "Zlib", kind: .text,
            phrases: [
                "this software is provided as is without any express or implied warranty",
                "permission is granted to anyone to use this software for any purpose including commercial applications and to alter it and redistribute it freely",
                "the origin of this software must not be misrepresented",
                "altered source versions must be plainly marked as such",
            ]),
        LicenseSignature(
            id: "Apache-2.0", kind: .text,
            phrases: [
                "apache license version 2 0 january 2004",
                "terms and conditions for use reproduction and distribution", "grant of patent license",
            ]),
        LicenseSignature(
            id: "Apache-2.0", kind: .notice,
            phrases: [
                "licensed under the apache license version 2 0",
                "you may not use this file except in compliance with the license",
            ]),
        LicenseSignature(
            id: "GPL-2.0-only", kind: .text,
            phrases: [
                "gnu general public license version 2 june 1991",
                "the licenses for most software are designed to take away your freedom to share and change it",
            ]),
        LicenseSignature(
            id: "GPL-3.0-only", kind: .text,
            phrases: [
                "gnu general public license version 3 29 june 2007",
                "the gnu general public license is a free copyleft license for software and other kinds of works",
            ]),
        LicenseSignature(
            id: "LGPL-2.0-only", kind: .text,
            phrases: [
                "gnu library general public license version 2 june 1991",
                "this license the library general public license applies to some specially designated",
            ]),
        LicenseSignature(
            id: "LGPL-2.1-only", kind: .text,
            phrases: [
                "gnu lesser general public license version 2 1 february 1999",
                "this license the lesser general public license applies to some specially designated",
            ]),
        LicenseSignature(
            id: "LGPL-3.0-only", kind: .text,
            phrases: [
                "gnu lesser general public license version 3 29 june 2007",
                "this version of the gnu lesser general public license incorporates the terms and conditions of version 3 of the gnu general public license",
            ]),
        LicenseSignature(
            id: "AGPL-3.0-only", kind: .text,
            phrases: [
                "gnu affero general public license version 3 19 november 2007",
                "the gnu affero general public license is a free copyleft license for software",
            ]),
        LicenseSignature(
            id: "GFDL-1.2-only", kind: .text,
            phrases: [
                "gnu free documentation license version 1 2 november 2002",
                "the purpose of this license is to make a manual",
            ]),
        LicenseSignature(
            id: "GFDL-1.3-only", kind: .text,
            phrases: [
                "gnu free documentation license version 1 3 3 november 2008",
                "the purpose of this license is to make a manual",
            ]),
        LicenseSignature(
            id: "MPL-2.0", kind: .text,
            phrases: [
                "mozilla public license version 2 0",
                "contributor means each individual or legal entity that creates contributes to the creation of or owns covered software",
            ]),
        LicenseSignature(
            id: "MPL-2.0", kind: .notice,
            phrases: ["this source code form is subject to the terms of the mozilla public license v 2 0"]),
        LicenseSignature(
            id: "MPL-1.1", kind: .text,
            phrases: [
                "mozilla public license version 1 1",
                "commercial use means distribution or otherwise making the covered code available to a third party",
            ]),
        LicenseSignature(
            id: "EPL-1.0", kind: .text,
            phrases: [
                "eclipse public license v 1 0",
                "the accompanying program is provided under the terms of this eclipse public license",
            ]),
        LicenseSignature(
            id: "EPL-2.0", kind: .text,
            phrases: [
                "eclipse public license v 2 0",
                "the accompanying program is provided under the terms of this eclipse public license",
            ]),
        LicenseSignature(
            id: "CC0-1.0", kind: .text,
            phrases: [
                "cc0 1 0 universal", "statement of purpose",
                "the laws of most jurisdictions throughout the world automatically confer exclusive copyright and related rights",
            ]),
        LicenseSignature(
            id: "Unlicense", kind: .text,
            phrases: [
                "this is free and unencumbered software released into the public domain",
                "anyone is free to copy modify publish use compile sell or distribute this software",
            ]),
        LicenseSignature(
            id: "Artistic-2.0", kind: .text,
            phrases: [
                "artistic license 2 0",
                "this license establishes the terms under which a given free software package may be copied modified distributed and or redistributed",
            ]),
        LicenseSignature(
            id: "Artistic-1.0-Perl", kind: .text,
            phrases: [
                "the intent of this document is to state the conditions under which a package may be copied",
                "aggregation of this package with a commercial distribution is always permitted",
            ]),
        LicenseSignature(
            id: "Artistic-1.0", kind: .text,
            phrases: ["the intent of this document is to state the conditions under which a package may be copied"],
            excluded: ["aggregation of this package with a commercial distribution is always permitted"]),
        LicenseSignature(
            id: "BSL-1.0", kind: .text,
            phrases: [
                "boost software license version 1 0 august 17th 2003",
                "permission is hereby granted free of charge to any person or organization obtaining a copy of the software and accompanying documentation covered by this license",
            ]),
        LicenseSignature(
            id: "PSF-2.0", kind: .text,
            phrases: [
                "python software foundation license version 2",
                "this license agreement is between the python software foundation",
            ]),
        LicenseSignature(id: "WTFPL", kind: .text, phrases: ["do what the fuck you want to public license"]),
        LicenseSignature(
            id: "OpenSSL", kind: .text,
            phrases: ["this product includes software developed by the openssl project for use in the openssl toolkit"]),
    ]
}
