/// The page's inline style sheet and script (nothing is fetched from the network).
enum HTMLAssets {
    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 1.5rem; color: #202124; }
        h1 { font-size: 1.4rem; word-break: break-all; }
        h2 { font-size: 1.1rem; margin-top: 1.5rem; }
        dl.facts { display: flex; flex-wrap: wrap; gap: 0.3rem 1.5rem; margin: 0.5rem 0; }
        dl.facts div { display: flex; gap: 0.4rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        .verdict { font-weight: 700; padding: 0 0.4rem; border-radius: 3px; color: #fff; }
        .verdict.passed { background: #188038; }
        .verdict.failed { background: #b3261e; }
        .warning, .gate-failure { color: #8a4b00; margin: 0.2rem 0; }
        #filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
        fieldset { border: 1px solid #dadce0; display: flex; gap: 0.6rem; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid #dadce0; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
        th { background: #f1f3f4; position: sticky; top: 0; }
        tr.details td { background: #f8f9fa; }
        .sev { font-weight: 700; font-size: 0.8rem; padding: 0.05rem 0.35rem; border-radius: 3px; color: #fff; }
        .sev-critical { background: #b3261e; } .sev-high { background: #e8710a; }
        .sev-medium { background: #d4a20b; } .sev-low { background: #1a73e8; } .sev-unknown { background: #80868b; }
        button.decision { font: inherit; cursor: pointer; border: 1px solid #dadce0; border-radius: 3px; background: #fff; }
        .decision-fail { color: #b3261e; font-weight: 700; } .decision-ignore { color: #5f6368; }
        .evidence h3 { font-size: 0.95rem; margin: 0.2rem 0; }
        .evidence dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 0.8rem; }
        p.description { white-space: pre-wrap; max-width: 70rem; }

        """

    static let script = """
        (function () {
          var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
          function apply() {
            var severities = Array.prototype.slice.call(document.querySelectorAll('.severity-filter'))
              .filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
            var kind = document.getElementById('kind-filter').value;
            var decision = document.getElementById('decision-filter').value;
            var text = document.getElementById('text-filter').value.toLowerCase();
            var shown = 0;
            rows.forEach(function (row) {
              var visible = severities.indexOf(row.dataset.severity) >= 0 &&
                (!kind || row.dataset.kind === kind) &&
                (decision === '' || (decision === 'shown' ? row.dataset.decision !== 'ignore' : row.dataset.decision === decision)) &&
                (!text || row.dataset.text.indexOf(text) >= 0);
              row.hidden = !visible;
              var details = document.getElementById(row.dataset.details);
              if (!visible) { details.hidden = true; }
              if (visible) { shown += 1; }
            });
            document.getElementById('shown-count').textContent = shown + ' of ' + rows.length + ' findings shown';
          }
          document.querySelectorAll('#filters input, #filters select').forEach(function (input) {
            input.addEventListener('input', apply);
            input.addEventListener('change', apply);
          });
          rows.forEach(function (row) {
            row.querySelector('button.decision').addEventListener('click', function (event) {
              var details = document.getElementById(row.dataset.details);
              details.hidden = !details.hidden;
              event.target.setAttribute('aria-expanded', String(!details.hidden));
            });
          });
          apply();
        })();

        """
}
