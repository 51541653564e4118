import Mustache

/// The triage UI's Mustache templates (HTML content type: every `{{value}}` is escaped). Pages share the
/// `head` and `foot` partials; no JavaScript. A name a row lacks is looked up in the page's context, so row keys
/// never reuse a page key (`advisoryTitle`, not `title`).
enum UITemplates {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in [
            ("head", head), ("foot", foot), ("login", login), ("findings", findings), ("sla", sla),
            ("search", search), ("exceptions", exceptions),
        ] {
            // The templates are constants: a parse error is a programming error caught by the UI tests.
            try? library.register(text, named: name)
        }
        return library
    }()

    static let head = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>{{title}} · Drydock</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d2330}
        header{background:#1d2330;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center}
        header a{color:#cfe0ff;text-decoration:none} header .who{margin-left:auto;color:#aab}
        main{padding:1em 1.2em} table{border-collapse:collapse;width:100%} th,td{border-bottom:1px solid #dde;padding:.35em .5em;text-align:left;vertical-align:top}
        th{background:#f3f5f9} .sev{font-weight:600} .CRITICAL{color:#a0001c} .HIGH{color:#c24a00} .MEDIUM{color:#8a6d00} .LOW{color:#3b6e3b}
        form.filters{display:flex;gap:.8em;flex-wrap:wrap;align-items:end;margin-bottom:1em} label{display:flex;flex-direction:column;font-size:12px;color:#556}
        .flash{background:#e8f6e8;border:1px solid #9c9;padding:.5em;margin-bottom:1em} .error{background:#fbeaea;border-color:#d99}
        .decision{font-size:12px;color:#335} details summary{cursor:pointer;color:#2454a6} .triage{display:grid;gap:.3em;max-width:22em}
        .over{color:#a0001c;font-weight:600} code{font-size:12px}
        .kev{background:#a0001c;color:#fff;border-radius:3px;padding:0 .35em;font-size:11px;font-weight:600}
        </style></head><body>
        <header><strong>Drydock</strong>
        {{#user}}<a href="/ui/findings">Findings</a><a href="/ui/sla">SLA</a><a href="/ui/search">Search</a><a href="/ui/exceptions">Exceptions</a>
        <span class="who">{{name}} ({{scope}})</span>
        <form method="post" action="/ui/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button>Log out</button></form>{{/user}}
        </header><main>
        {{#flash}}<div class="flash" id="flash">{{.}}</div>{{/flash}}{{#error}}<div class="flash error" id="error">{{.}}</div>{{/error}}
        """

    static let foot = """
        </main></body></html>
        """

    static let login = """
        {{> head}}
        <h1>Log in</h1>
        <p>Paste a token of this server (from its <code>--tokens</code> file). It is kept in a cookie for this site only.</p>
        <form method="post" action="/ui/login" class="triage">
        <label>Token <input type="password" name="token" id="token" autocomplete="off" required></label>
        <button id="login">Log in</button></form>
        {{> foot}}
        """

    static let findings = """
        {{> head}}
        <h1>{{heading}}</h1>
        {{#image}}<p>{{name}} · <code>{{digest}}</code>{{#os}} · {{.}}{{/os}} · last scanned {{lastScanned}}{{#labels}} · {{key}}={{value}}{{/labels}}</p>{{/image}}
        <form class="filters" method="get" action="{{action}}">
        <label>Severity <select name="severity" id="severity"><option value="">any</option>{{#severities}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/severities}}</select></label>
        <label>Fixable <select name="fixable" id="fixable"><option value="">any</option><option value="yes"{{#fixableYes}} selected{{/fixableYes}}>yes</option><option value="no"{{#fixableNo}} selected{{/fixableNo}}>no</option></select></label>
        <label>KEV <select name="kev" id="kev"><option value="">any</option><option value="yes"{{#kevYes}} selected{{/kevYes}}>known exploited</option><option value="no"{{#kevNo}} selected{{/kevNo}}>not listed</option></select></label>
        <label>New since <input type="date" name="since" id="since" value="{{since}}"></label>
        {{^image}}<label>Team <input name="team" id="team" value="{{team}}"></label>{{/image}}
        <label>Triaged <select name="triaged" id="triaged"><option value="">any</option><option value="no"{{#untriaged}} selected{{/untriaged}}>not yet</option><option value="yes"{{#triaged}} selected{{/triaged}}>yes</option></select></label>
        <button id="filter">Filter</button></form>
        <p id="count">{{count}} finding(s){{#pager}} · page {{page}} of {{pages}}{{/pager}}</p>
        <table id="findings"><tr>{{^image}}<th>Image</th>{{/image}}<th>Vulnerability</th><th>Severity</th><th>Package</th><th>Fixed in</th><th>First seen</th><th>Triage</th></tr>
        {{#rows}}<tr class="finding" data-id="{{id}}">
        {{^image}}<td><a href="/ui/images/{{digestPath}}">{{imageName}}</a>{{#imageTeam}}<br><small>team {{.}}</small>{{/imageTeam}}</td>{{/image}}
        <td>{{id}}{{#kev}} <span class="kev" title="In CISA's Known Exploited Vulnerabilities catalog since {{added}}{{#due}}, remediation due {{.}}{{/due}}">KEV{{#ransomware}} · ransomware{{/ransomware}}</span>{{/kev}}{{#advisoryTitle}}<br><small>{{.}}</small>{{/advisoryTitle}}</td><td class="sev {{severity}}">{{severity}}</td>
        <td>{{package}} {{version}}</td><td>{{fixed}}</td><td>{{firstSeen}}</td>
        <td>{{#decision}}<div class="decision">{{action}} · {{reason}}<br>owner {{owner}}, until {{expires}} · <a href="{{location}}">{{exception}}</a></div>{{/decision}}
        {{#canWrite}}<details><summary>Triage</summary>
        <form method="post" action="/ui/triage" class="triage">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="image" value="{{digest}}">
        <input type="hidden" name="vulnerabilityID" value="{{id}}"><input type="hidden" name="purl" value="{{purl}}">
        <input type="hidden" name="back" value="{{back}}">
        <label>Decision <select name="choice"><option value="accept-risk">Accept risk until…</option><option value="false-positive">False positive</option><option value="next-sprint">Next sprint</option><option value="fix-now">Fix now</option></select></label>
        <label>Reason <input name="reason"></label><label>Until <input type="date" name="expires"></label>
        <label><span><input type="checkbox" name="allImages" value="yes"> every image with this package</span></label>
        <button>Record</button></form></details>{{/canWrite}}</td></tr>{{/rows}}
        </table>
        {{#pager}}<p class="pager">{{#previous}}<a href="{{.}}" id="previous-page">← previous</a>{{/previous}} page {{page}} of {{pages}} {{#next}}<a href="{{.}}" id="next-page">next →</a>{{/next}}</p>{{/pager}}
        {{> foot}}
        """

    static let sla = """
        {{> head}}
        <h1>SLA</h1>
        <table id="sla-summary"><tr><th>Severity</th><th>SLA (days)</th><th>Open</th><th>Overdue</th></tr>
        {{#summary}}<tr><td class="sev {{severity}}">{{severity}}</td><td>{{days}}</td><td>{{open}}</td><td{{#overdue}} class="over"{{/overdue}}>{{overdue}}</td></tr>{{/summary}}
        </table>
        <h2>Overdue findings, oldest first</h2>
        <table id="overdue"><tr><th>Image</th><th>Vulnerability</th><th>Severity</th><th>Package</th><th>Open (days)</th><th>SLA</th><th>Triage</th></tr>
        {{#rows}}<tr><td><a href="/ui/images/{{digestPath}}">{{imageName}}</a></td><td>{{id}}</td><td class="sev {{severity}}">{{severity}}</td>
        <td>{{package}} {{version}}</td><td class="over">{{age}}</td><td>{{sla}}</td><td>{{#decision}}{{action}} until {{expires}} ({{owner}}){{/decision}}</td></tr>{{/rows}}
        </table>
        {{> foot}}
        """

    static let search = """
        {{> head}}
        <h1>Which images contain…</h1>
        <form class="filters" method="get" action="/ui/search">
        <label>Package (name or purl) <input name="package" id="package" value="{{package}}"></label>
        <label>Version constraint <input name="version" id="version" value="{{version}}" placeholder="&lt;3.0.13"></label>
        <label>or vulnerability <input name="vulnerability" id="vulnerability" value="{{vulnerability}}" placeholder="CVE-…"></label>
        <button id="search">Search</button></form>
        {{#asked}}<p id="count">{{total}} image(s)</p>
        <table id="results"><tr><th>Image</th><th>Digest</th><th>Matches</th></tr>
        {{#rows}}<tr><td><a href="/ui/images/{{digestPath}}">{{imageName}}</a></td><td><code>{{digest}}</code></td><td>{{matches}}</td></tr>{{/rows}}
        </table>{{/asked}}
        {{> foot}}
        """

    static let exceptions = """
        {{> head}}
        <h1>Exceptions</h1>
        <p>Every change is a new version; clients scanning with <code>--server</code> apply these. <a href="/api/v1/vex">OpenVEX</a></p>
        <table id="exceptions"><tr><th>Exception</th><th>IDs</th><th>Action</th><th>Scope</th><th>Owner</th><th>Expires</th><th>Reason</th><th>Changed</th>{{#canWrite}}<th></th>{{/canWrite}}</tr>
        {{#rows}}<tr><td><a href="{{location}}">{{id}} v{{version}}</a></td><td>{{ids}}</td><td>{{action}}</td><td>{{scope}}</td><td>{{owner}}</td>
        <td>{{expires}}{{#expired}} (expired){{/expired}}</td><td>{{reason}}</td><td>{{changedBy}}, {{changedAt}}</td>
        {{#canWrite}}<td><form method="post" action="/ui/exceptions/remove"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="id" value="{{id}}"><button>Remove</button></form></td>{{/canWrite}}</tr>{{/rows}}
        </table>
        {{> foot}}
        """
}
