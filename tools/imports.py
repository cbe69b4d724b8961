"""The host's import graph, read from the sources (ast): every `import` a module holds, at its
top or inside a function, because an import made late to dodge a circle is still that circle.

    python tools/imports.py            the graph as text: one line per module, what it imports
    python tools/imports.py --cycles   only the circles (exit 1 when there is one)
    python tools/imports.py --layers   the layers, what each imports (with how many imports)
    python tools/imports.py --dot      the graph for Graphviz, grouped by layer

Nodes are the modules of earmark/, training/ and hub/ (dotted names), the shims (earmark/shims,
which device code imports by bare name in CPython) and device/ (bare names, as the device
imports them). Names only a string holds (code sent to MicroPython) are not imports here.
tests/test_cli_layers.py asserts there is no circle through the host and that each import keeps
the layer rules below (docs/architecture.md).
"""
import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ('earmark', 'training', 'hub')
SHIMS = ROOT / 'earmark' / 'shims'

# The layers, bottom up, and what each may import besides itself (docs/architecture.md). A name
# ending in * is a prefix; the first layer that matches a module is its layer.
LAYERS = [
    ('shims', ['shims/*']),
    ('device', ['device/*']),
    ('bridge', ['earmark', 'earmark.bridge']),
    ('host', ['earmark.image', 'earmark.webui_build', 'earmark.labsite', 'earmark.mpy',
              'earmark.runtime', 'earmark.rom_boot', 'earmark.firmware', 'earmark.audio',
              'earmark.certificate']),
    ('appliance commands', ['earmark.detect', 'earmark.demo', 'earmark.deploy',
                            'earmark.store_dump', 'earmark.search', 'earmark.dataset',
                            'earmark.harness', 'earmark.personal']),
    ('training', ['training', 'training.*']),
    ('hub', ['hub', 'hub.*']),
    ('tools', ['earmark.bench', 'earmark.bench.*', 'earmark.demo_assets']),
    ('command line', ['earmark.cli', 'earmark.model_commands']),
]
MAY_IMPORT = {
    'shims': set(),
    'device': {'shims'},
    'bridge': set(),            # it loads device code by name, never by an import
    'host': {'bridge', 'device'},
    'appliance commands': {'host', 'bridge', 'device'},
    'training': {'host', 'bridge'},
    'hub': {'training', 'host', 'bridge'},
    'tools': {'hub', 'training', 'appliance commands', 'host', 'bridge'},
    'command line': {'tools', 'hub', 'training', 'appliance commands', 'host', 'bridge'},
}


def _package_modules():
    """{dotted name: file} for the host packages (the shims excluded: device code sees them by
    bare name)."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob('*.py')):
            if SHIMS in path.parents:
                continue
            parts = path.relative_to(ROOT).with_suffix('').parts
            if parts[-1] == '__init__':
                parts = parts[:-1]
            out['.'.join(parts)] = path
    return out


def _bare_modules(folder, prefix):
    """{prefix + dotted name: file} for code imported by bare name: 'device/store' for
    device/store.py or device/store/__init__.py, 'device/store.log' for device/store/log.py."""
    out = {}
    for path in sorted(folder.rglob('*.py')):
        parts = path.relative_to(folder).with_suffix('').parts
        if parts[-1] == '__init__':
            parts = parts[:-1]
        out[prefix + '.'.join(parts)] = path
    return out


def modules():
    """{node name: file}: 'earmark.cli', 'shims/cnn_host', 'device/store', ..."""
    found = _package_modules()
    found.update(_bare_modules(SHIMS, 'shims/'))
    found.update(_bare_modules(ROOT / 'device', 'device/'))
    return found


def _imported_names(tree, name, is_package):
    """Dotted names a module's import statements ask for (relative ones made absolute):
    `from X import y` asks for X.y, which _resolve() takes for X when y is only a name in X."""
    package = name if is_package else name.rpartition('.')[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ''
            if node.level:
                parts = package.split('.')
                parts = parts[:len(parts) - node.level + 1]
                base = '.'.join(parts + ([node.module] if node.module else []))
            for alias in node.names:
                yield base + '.' + alias.name


def _resolve(wanted, bare, found):
    """The node an import of `wanted` loads: the longest leading part of it that is a module
    (`from . import x` where x is a name, not a module, gives the package). Host code finds its
    packages first; then a bare name is what CPython finds on the bridge's path: device/, then the
    shims. Device code and the shims see only that path."""
    if wanted.startswith(('device/', 'shims/')):   # a relative import inside device code
        prefixes = ['']
    else:
        prefixes = ([] if bare else ['']) + ['device/', 'shims/']
    parts = wanted.split('.')
    for prefix in prefixes:
        for n in range(len(parts), 0, -1):
            if prefix + '.'.join(parts[:n]) in found:
                return prefix + '.'.join(parts[:n])
    return None


def graph():
    """{node: sorted list of the nodes it imports}. Importing a.b.c runs the __init__ files of
    a and a.b first, but that is Python's order, not the module's choice: a package's __init__
    is a node of its own, reached only when something imports it by name."""
    found = modules()
    edges = {}
    for name, path in found.items():
        bare = name.startswith(('device/', 'shims/'))
        tree = ast.parse(path.read_text(), str(path))
        targets = {_resolve(wanted, bare, found)
                   for wanted in _imported_names(tree, name, path.name == '__init__.py')}
        edges[name] = sorted(targets - {None, name})
    return edges


def cycles(edges):
    """The strongly connected components of more than one node, or of one node importing itself
    (Tarjan), each as a sorted list; then one concrete circle through each."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                out.append(sorted(part))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def circle(edges, part):
    """One path through `part` that ends where it starts: a -> b -> ... -> a."""
    members = set(part)
    start = part[0]
    path, seen = [start], {start}
    while True:
        step = next((w for w in edges[path[-1]] if w == start and len(path) > 1), None)
        if step:
            return path + [start]
        step = next((w for w in edges[path[-1]] if w in members and w not in seen), None)
        if step is None:   # a dead end inside the component: look from the start again
            step = next(w for w in edges[path[-1]] if w in members)
            return path + [step]
        path.append(step)
        seen.add(step)


def layer_of(name, layers=LAYERS):
    """The first layer whose patterns match `name`, or None."""
    for layer, patterns in layers:
        if any(name.startswith(p[:-1]) if p.endswith('*') else name == p for p in patterns):
            return layer
    return None


def broken_rules(edges):
    """[(importer, imported, why)]: every import a layer may not make, and every module in no
    layer."""
    out = []
    for a in sorted(edges):
        if layer_of(a) is None:
            out.append((a, None, 'in no layer (tools/imports.py LAYERS)'))
            continue
        for b in edges[a]:
            la, lb = layer_of(a), layer_of(b)
            if lb is not None and la != lb and lb not in MAY_IMPORT[la]:
                out.append((a, b, '%s may not import %s' % (la, lb)))
    return out


def layer_graph(edges):
    """{layer: {imported layer: how many imports}}, a layer's imports of itself left out."""
    out = {layer: {} for layer, _ in LAYERS}
    for a in edges:
        for b in edges[a]:
            la, lb = layer_of(a), layer_of(b)
            if la and lb and la != lb:
                out[la][lb] = out[la].get(lb, 0) + 1
    return out


def dot(edges, layers=LAYERS):
    lines = ['digraph imports {', '  rankdir=BT; node [shape=box, fontsize=10];']
    for layer, _ in layers:
        names = [n for n in edges if layer_of(n, layers) == layer]
        lines.append('  subgraph "cluster_%s" { label="%s";' % (layer, layer))
        lines += ['    "%s";' % n for n in names]
        lines.append('  }')
    for a in sorted(edges):
        lines += ['  "%s" -> "%s";' % (a, b) for b in edges[a]]
    return '\n'.join(lines + ['}'])


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--cycles', action='store_true')
    p.add_argument('--dot', action='store_true')
    p.add_argument('--layers', action='store_true')
    args = p.parse_args(argv)
    edges = graph()
    if args.layers:
        for layer, imported in reversed(list(layer_graph(edges).items())):
            count = sum(1 for n in edges if layer_of(n) == layer)
            print('%-20s %3d modules -> %s' % (layer, count, ', '.join(
                '%s (%d)' % kv for kv in sorted(imported.items(), key=lambda kv: -kv[1])) or '-'))
        return 0
    if args.dot:
        print(dot(edges))
        return 0
    found = cycles(edges)
    if not args.cycles:
        for layer, _ in LAYERS:
            print('## %s (may import: %s)' % (layer, ', '.join(
                l for l, _ in LAYERS if l in MAY_IMPORT[layer]) or 'nothing of the host'))
            for name in sorted(n for n in edges if layer_of(n) == layer):
                print('%s -> %s' % (name, ', '.join(edges[name]) or '-'))
        for a, b, why in broken_rules(edges):
            print('broken rule: %s -> %s: %s' % (a, b, why))
    for part in found:
        print('circle: %s (together: %s)' % (' -> '.join(circle(edges, part)), ', '.join(part)))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
