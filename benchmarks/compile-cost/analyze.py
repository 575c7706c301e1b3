#!/usr/bin/env python3
"""Where the compile time of a generated client goes (issue 13).

Compiles the generator's output as plain sources (the generator itself removed from the command line), once per
variant, where each variant removes or changes one category of emitted code by a text transformation, and reports
the compiler's CPU time and peak memory per variant, with the difference to the unchanged baseline.

Input: a consumer's generated files and its csc command line, as `measure.sh --keep` leaves them:

    benchmarks/compile-cost/measure.sh --configs whole --edits 1 --keep --work /tmp/cc
    python3 benchmarks/compile-cost/analyze.py --work /tmp/cc/whole/app --project-dir /tmp/cc/whole/app \\
        --log /tmp/cc/logs/whole-emit.log

or by hand: build a consumer with `-v:n -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath=DIR`
and pass --generated DIR/Telnyx.Sip.Generator/Telnyx.Sip.Generator.OpenApiClientGenerator --log BUILD.LOG --project-dir PROJECT.

Each variant is compiled by a fresh csc process (no server) under /usr/bin/time, so CPU seconds (user + system)
and the maximum resident set are the compiler's own. CPU time is what is compared: on a shared machine it moves far
less than wall time, and variants may run in parallel (--jobs) without spoiling it. A fresh process includes the
JIT of the compiler (a few CPU seconds, the same for every variant); the 'empty' variant (no generated file) shows it.
"""
import argparse, os, re, shlex, statistics, subprocess, sys, tempfile, time, shutil
from concurrent.futures import ThreadPoolExecutor

MEMBER = re.compile(r'^    (?:\[[^\]]*\]\s*)*(?:public|private|internal|protected)[^=;{]*?\b(\w+)\s*(?:<[^>]*>)?\(')


def stub_members(text, names, drop=False):
    """Replaces the bodies of class-level members called one of `names` by `throw null!;` (or drops the member
    and its doc comment when drop=True). Relies on the emitter's layout: members at four spaces, block bodies
    closed by a line '    }', expression bodies ended by a line ending in ';'."""
    lines = text.split('\n')
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        m = MEMBER.match(line)
        if not m or m.group(1) not in names:
            out.append(line); i += 1; continue
        # the signature may span lines: find '=>' or a '    {' line
        j = i
        while j < len(lines) and not lines[j].rstrip().endswith('=>') and '=>' not in lines[j] and lines[j] != '    {':
            j += 1
        if lines[j] == '    {':
            k = j + 1
            while lines[k] != '    }':
                k += 1
        else:
            k = j
            while not lines[k].rstrip().endswith(';'):
                k += 1
        if drop:
            while out and out[-1].lstrip().startswith('///'):
                out.pop()
            while out and out[-1].lstrip().startswith('[') and out[-1].startswith('    ['):
                out.pop()
        else:
            sig = '\n'.join(lines[i:j + 1]) if lines[j] == '    {' else None
            if sig is not None:
                out.extend(lines[i:j + 1]); out.append('        throw null!;'); out.append('    }')
            else:
                head = '\n'.join(lines[i:k + 1])
                head = head[:head.index('=>')] + '=> throw null!;'
                out.append(head)
        i = k + 1
    return '\n'.join(out)


def no_docs(t):
    return re.sub(r'^[ \t]*///.*\n', '', t, flags=re.M)


def no_tracking(t):
    return re.sub(r'set\s*\{\s*(_\w+) = value;\s*_assigned\d+ \|= 0x[0-9A-Fa-f]+UL;\s*\}', r'set => \1 = value;', t)


def no_twins(t):
    # The `X Async(...) => (await XWithResponseAsync(...)).Value;` wrappers and their docs.
    out = stub_drop_twins(t)
    return out


def stub_drop_twins(t):
    lines = t.split('\n'); out = []; i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith('    public async ') and line.rstrip().endswith('=>') and i + 1 < len(lines) \
                and 'WithResponseAsync(' in lines[i + 1] and lines[i + 1].rstrip().endswith('.Value;'):
            while out and (out[-1].lstrip().startswith('///') or out[-1].startswith('    [')):
                out.pop()  # its doc comment and attributes ([Obsolete] on deprecated operations)
            i += 2; continue
        out.append(line); i += 1
    return '\n'.join(out)


JSON = {'ReadJson', 'WriteJson', 'MemberIndex'}

# name -> (transform of a file's text or None to leave files out, extra csc arguments, description)
VARIANTS = {
    'baseline': (lambda t: t, [], 'the generated files as they are'),
    'empty': (None, [], 'no generated file: the compiler\'s fixed cost'),
    'no-docs': (no_docs, [], 'XML doc comments removed'),
    'docfile': (lambda t: t, ['/doc:{out}.xml', '/nowarn:1591'], 'GenerateDocumentationFile=true'),
    'nullable-off': (lambda t: t.replace('#nullable enable', '#nullable disable'), ['/nowarn:8632'], '#nullable disable in generated files'),
    'no-global': (lambda t: t.replace('global::', ''), [], '`global::` prefixes removed'),
    'no-tostring': (lambda t: stub_members(t, {'ToString'}, drop=True), [], 'ToString overrides removed'),
    'stub-json': (lambda t: stub_members(t, JSON), [], 'ReadJson/WriteJson/MemberIndex bodies stubbed'),
    'no-tracking': (no_tracking, [], 'setters without the assigned-bit statement'),
    'no-twins': (no_twins, [], '`…Async` wrappers of `…WithResponseAsync` removed (with docs)'),
    'stub-query': (lambda t: stub_members(t, {'AppendQuery'}), [], 'AppendQuery bodies stubbed'),
    'stub-unions': (None, [], 'union members (TryGet*/From*/ReadJson/WriteJson) stubbed'),  # special-cased
    'refonly': (lambda t: t, ['/refonly'], 'metadata only: method bodies not compiled'),
    'debug-none': (lambda t: t, ['/debug-'], 'no PDB'),
}


def union_transform(t):
    if 'TryGet' not in t or ' _json' not in t:
        return t
    names = set(re.findall(r'\b(TryGet\w+|From\w+)\s*\(', t)) | JSON | {'ToString'}
    return stub_members(t, names)


VARIANTS['stub-unions'] = (union_transform, [], VARIANTS['stub-unions'][2])


def parse_command_line(log):
    for line in open(log, encoding='utf-8', errors='replace'):
        s = line.strip()
        if re.search(r'bincore/csc(\.dll)? /noconfig', s) and ' /out:' in s:
            return shlex.split(s)
    sys.exit(f'no csc command line in {log}: build with -v:n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--generated', help='folder of the generated .cs files')
    ap.add_argument('--work', help='consumer project folder from measure.sh (generated/ inside)')
    ap.add_argument('--log', required=True, help='build log (-v:n) with the csc command line')
    ap.add_argument('--project-dir', required=True, help='the consumer project folder (source paths in the log are relative to it)')
    ap.add_argument('--variants', default=','.join(VARIANTS))
    ap.add_argument('--rounds', type=int, default=1)
    ap.add_argument('--jobs', type=int, default=3)
    ap.add_argument('--out', default=None, help='scratch folder (default: a temp folder, removed)')
    a = ap.parse_args()
    gen = a.generated or os.path.join(a.work, 'generated', 'Telnyx.Sip.Generator', 'Telnyx.Sip.Generator.OpenApiClientGenerator')
    files = sorted(f for f in os.listdir(gen) if f.endswith('.cs'))
    texts = {f: open(os.path.join(gen, f), encoding='utf-8-sig').read() for f in files}
    argv = parse_command_line(a.log)
    csc = argv[0]
    keep = []
    for x in argv[1:]:
        low = x.lower()
        if low.startswith(('/analyzer:', '/additionalfile:', '/analyzerconfig:', '/generatedfilesout:', '/errorlog:',
                           '/out:', '/refout:', '/doc:', '/debug', '/warnaserror', '/reportanalyzer')):
            if low.startswith('/analyzer:') and 'telnyx.sip.generator' not in low and 'yamldotnet' not in low:
                keep.append(x)  # the SDK's own analyzers run in a real build too
            continue
        keep.append(x if x.startswith('/') else os.path.join(a.project_dir, x))
    keep = [x for x in keep if x not in ('/shared', '/noconfig')]
    scratch = a.out or tempfile.mkdtemp(prefix='compile-analysis-')
    names = [v for v in a.variants.split(',') if v]
    meta = {}
    for v in names:
        fn, extra, _ = VARIANTS[v]
        d = os.path.join(scratch, v); src = os.path.join(d, 'src'); os.makedirs(src, exist_ok=True)
        size = 0
        if fn is not None:
            for f, t in texts.items():
                nt = fn(t)
                with open(os.path.join(src, f), 'w', encoding='utf-8') as w:
                    w.write(nt)
                size += len(nt.encode('utf-8'))
        out = os.path.join(d, 'out')
        args = keep + [f'/out:{out}.dll', '/debug:portable' if v != 'debug-none' else '/debug-'] + \
            [e.format(out=out) for e in extra if e != '/debug-']
        if fn is not None:
            args.append(f'/recurse:{src}/*.cs')
        with open(os.path.join(d, 'csc.rsp'), 'w') as w:
            w.write('\n'.join(shlex.quote(x) if ' ' in x else x for x in args))
        meta[v] = size

    def run(v):
        d = os.path.join(scratch, v)
        tf = os.path.join(d, 'time.txt')
        start = time.time()
        p = subprocess.run(['/usr/bin/time', '-f', '%e %U %S %M', '-o', tf, csc, '@' + os.path.join(d, 'csc.rsp')],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        e, u, s, m = open(tf).read().split()[-4:]
        errors = [l for l in p.stdout.splitlines() if ': error ' in l]
        return v, float(e), float(u) + float(s), int(m), p.returncode, errors[:3]

    results = {v: [] for v in names}
    with ThreadPoolExecutor(a.jobs) as pool:
        order = [v for _ in range(a.rounds) for v in names]
        for v, wall, cpu, rss, rc, errs in pool.map(run, order):
            results[v].append((wall, cpu, rss, rc))
            print(f'{v}: wall {wall:.1f} s, cpu {cpu:.1f} s, max rss {rss / 1024:.0f} MB, exit {rc} {errs}', file=sys.stderr)
    base_cpu = statistics.median(r[1] for r in results['baseline']) if 'baseline' in results else None
    base_rss = max(r[2] for r in results['baseline']) if 'baseline' in results else None
    empty_cpu = statistics.median(r[1] for r in results['empty']) if 'empty' in results else 0
    print(f'\n{len(files)} generated files, {meta.get("baseline", 0) / 1048576:.1f} MB; csc per variant in a fresh process, '
          f'median of {a.rounds}, {a.jobs} at a time\n')
    print('| variant | what changes | source MB | CPU s | Δ CPU vs baseline | share of generated code\'s CPU | peak RSS | Δ RSS | exit |')
    print('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    for v in names:
        cpu = statistics.median(r[1] for r in results[v]); rss = max(r[2] for r in results[v]); rc = max(r[3] for r in results[v])
        d = f'{cpu - base_cpu:+.1f} s' if base_cpu is not None else '-'
        share = f'{(base_cpu - cpu) / (base_cpu - empty_cpu) * 100:.0f} %' if base_cpu and base_cpu > empty_cpu and v not in ('baseline', 'empty') else '-'
        dr = f'{(rss - base_rss) / 1024:+.0f} MB' if base_rss else '-'
        print(f'| {v} | {VARIANTS[v][2]} | {meta[v] / 1048576:.1f} | {cpu:.1f} | {d} | {share} | {rss / 1024:.0f} MB | {dr} | {rc} |')
    if not a.out:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    main()
