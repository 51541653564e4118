import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Runs the Python oracle (`tomllib`, PyYAML, `json`) on a fixture: an independent reading of the same
/// file, giving sorted `name@version` lines.
enum LanguageOracle {
    /// Whether `python3` with `tomllib` and `yaml` is present; prints why tests are skipped when not.
    static let available: Bool = {
        let ok = (try? ProcessRunner.run("/usr/bin/env", ["python3", "-c", "import tomllib, yaml"]))?.status == 0
        if !ok { print("skipped: python3 with tomllib and PyYAML is not available for the lockfile oracle") }
        return ok
    }()

    /// `name@version` of every package the oracle finds in `path`, read as `kind`, sorted.
    static func packages(kind: String, path: String) throws -> [String] {
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", script, kind, path])
        guard result.status == 0 else {
            throw OracleFailure(description: "oracle failed on \(path): \(result.stderr)")
        }
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    struct OracleFailure: Error, CustomStringConvertible {
        var description: String
    }

    static let script = #"""
        import json, sys, tomllib, yaml, re
        kind, path = sys.argv[1], sys.argv[2]
        raw = open(path, 'rb').read()
        out = []
        def add(n, v): out.append(f"{n}@{v}")
        if kind == 'pipenv':
            d = json.loads(raw)
            for sec in ('default', 'develop'):
                for n, e in d.get(sec, {}).items():
                    if e.get('version', '').startswith('=='): add(n, e['version'][2:])
        elif kind in ('poetry', 'pdm', 'uv'):
            d = tomllib.loads(raw.decode())
            # uv: the project itself (source editable/virtual ".") is the root when there is exactly one;
            # other workspace members are not packages.
            tops = [p for p in d.get('package', []) if '.' in (p.get('source', {}).get('editable'), p.get('source', {}).get('virtual'))]
            for p in d.get('package', []):
                src = p.get('source', {})
                if kind == 'uv' and ('editable' in src or 'virtual' in src) and not (len(tops) == 1 and p is tops[0]): continue
                if 'version' in p: add(p['name'], p['version'])
        elif kind == 'pylock':
            for p in tomllib.loads(raw.decode()).get('packages', []): add(p['name'], p['version'])
        elif kind == 'npm':
            d = json.loads(raw)
            project = d.get('packages', {}).get('')
            if project and project.get('name') and project.get('version'): add(project['name'], project['version'])
            if 'packages' in d:
                for k, e in d['packages'].items():
                    if 'node_modules/' not in k or e.get('link') or not e.get('version'): continue
                    add(e.get('name', k.rsplit('node_modules/', 1)[1]), e['version'])
            else:
                def walk(deps):
                    for n, e in deps.items():
                        v = e.get('version', '')
                        if v and ':' not in v and '/' not in v: add(n, v)
                        walk(e.get('dependencies', {}))
                walk(d.get('dependencies', {}))
        elif kind == 'pnpm':
            docs = [x for x in yaml.safe_load_all(raw) if x]
            d = [x for x in docs if 'packages' in x][-1] if any('packages' in x for x in docs) else docs[-1]
            v5 = str(d['lockfileVersion']).startswith(('5', '4'))
            seen = set()
            for k in (d.get('packages') or {}):
                k = k.lstrip('/').split('(')[0]
                if v5:
                    parts = k.split('/'); c = 2 if k.startswith('@') else 1
                    n, v = '/'.join(parts[:c]), parts[c].split('_')[0]
                else:
                    if '@' not in k[1:]: continue
                    i = k.index('@', 1); n, v = k[:i], k[i+1:]
                if ':' in v or '/' in v or (n, v) in seen: continue
                seen.add((n, v)); add(n, v)
        elif kind == 'bun':
            text = re.sub(r',(\s*[}\]])', r'\1', raw.decode())
            for k, e in json.loads(text)['packages'].items():
                ident = e[0]; i = ident.index('@', 1) if '@' in ident[1:] else -1
                if i < 0: continue
                v = ident[i+1:]
                if v and ':' not in v and '/' not in v: add(ident[:i], v)
        elif kind in ('composer', 'composer-vendor'):
            d = json.loads(raw)
            lst = d if isinstance(d, list) else d.get('packages', []) + d.get('packages-dev', [])
            for p in lst: add(p['name'], p['version'])
        elif kind == 'nuget':
            seen = set()
            for fw in json.loads(raw)['dependencies'].values():
                for n, e in fw.items():
                    if e.get('type') == 'Project' or 'resolved' not in e or (n, e['resolved']) in seen: continue
                    seen.add((n, e['resolved'])); add(n, e['resolved'])
        elif kind == 'dotnet-core':
            d = json.loads(raw)
            for k, e in d.get('libraries', {}).items():
                if e.get('type', '').lower() == 'package': n, v = k.split('/', 1); add(n, v)
            # The root project: the only `project` library no library of the runtime target depends on.
            target = d.get('targets', {}).get(d.get('runtimeTarget', {}).get('name', ''), None)
            if target is not None:
                referenced = {f"{n}/{v}" for e in target.values() for n, v in (e.get('dependencies') or {}).items()}
                roots = [k for k, e in d.get('libraries', {}).items() if e.get('type', '').lower() == 'project' and k not in referenced]
                if len(roots) == 1: n, v = roots[0].split('/', 1); add(n, v)
        elif kind == 'pub':
            for n, e in (yaml.safe_load(raw) or {}).get('packages', {}).items():
                if e.get('source') != 'sdk': add(n, str(e['version']))
        elif kind == 'swift':
            d = json.loads(raw)
            for p in d.get('pins') or d['object']['pins']:
                v = p['state'].get('version')
                loc = p.get('location') or p.get('repositoryURL')
                loc = loc.split('://', 1)[-1]
                if loc.endswith('.git'): loc = loc[:-4]
                if v: add(loc, v)
        elif kind == 'conan':
            d = json.loads(raw)
            refs = [n['ref'] for n in d['graph_lock']['nodes'].values() if 'ref' in n] if 'graph_lock' in d else d.get('requires', []) + d.get('build_requires', [])
            for r in refs:
                r = r.split('#')[0].split('@')[0].split('/')
                if len(r) == 2: add(*r)
        elif kind == 'yarn':
            for b in re.split(r'\n(?=\S)', raw.decode()):
                lines = b.split('\n'); h = lines[0]
                if h.startswith('#') or h.startswith('__metadata') or not h.endswith(':'): continue
                spec = h[:-1].split(',')[0].strip().strip('"')
                res = [l for l in lines if l.startswith('  resolution:')]
                if res: spec = res[0].split(':', 1)[1].strip().strip('"')
                i = spec.index('@', 1); n, r = spec[:i], spec[i+1:]
                if re.match(r'(git|file:|link:|workspace:|portal:|exec:|https?:|github:)', r) or '://' in r: continue
                v = [l for l in lines if re.match(r'  "?version"?[: ]', l)]
                add(n, v[0].split(None, 1)[1].strip().strip('"'))
            out = sorted(set(out))
        elif kind == 'bundler':
            gem = re.search(r'^GEM\n(.*?)(?:\n\n|\Z)', raw.decode(), re.S | re.M)
            for m in re.finditer(r'^    (\S+) \(([^)-]+)[^)]*\)$', gem.group(1) if gem else '', re.M): add(m.group(1), m.group(2))
        elif kind == 'hex':
            for m in re.finditer(r'^\s*"([^"]+)": \{:hex, :[^,]+, "([^"]+)"', raw.decode(), re.M): add(m.group(1), m.group(2))
        print('\n'.join(sorted(out)))
        """#
}
