#!/usr/bin/env python3
"""Lists import cycles between the top-level modules of each crate (a folder or a file
directly under src/), from `crate::` and `super::` paths. Exits 1 if there is any.

Usage: scripts/module-cycles.py [CRATE_SRC ...]   (default: core/src app/src)
"""
import re
import sys
from pathlib import Path


def top_of(src: Path, f: Path) -> str:
    rel = f.relative_to(src).parts
    return rel[0].removesuffix(".rs")


def defined_in(src: Path, module: str) -> set:
    """Names a module defines itself (not re-exports): its submodules and items."""
    files = [src / f"{module}.rs"] + list((src / module).glob("*.rs"))
    names = {f.stem for f in (src / module).glob("*.rs")} if (src / module).is_dir() else set()
    names |= {d.name for d in (src / module).iterdir() if d.is_dir()} if (src / module).is_dir() else set()
    item = re.compile(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:fn|struct|enum|const|static|type|trait|mod)\s+(\w+)", re.M)
    for f in files:
        if f.exists() and (f.parent == src / module or f == src / f"{module}.rs"):
            names |= set(item.findall(f.read_text()))
    return names


def graph(src: Path):
    """Edges between top-level modules. A path into another module counts only when it
    names something that module defines itself: in the app, `crate::organizations::store`
    is the core's store, re-exported, and no dependency on the app's `organizations`."""
    modules = {f.stem for f in src.glob("*.rs")} | {d.name for d in src.iterdir() if d.is_dir()}
    modules -= {"lib", "main"}
    own = {m: defined_in(src, m) for m in modules}
    edges = {}
    for f in src.rglob("*.rs"):
        me = top_of(src, f)
        if me in ("lib", "main"):
            continue
        text = f.read_text()
        # Strip tests: a test may use anything.
        text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
        depth = len(f.relative_to(src).parts) - 1
        if f.name == "mod.rs":
            depth -= 1
        roots = [r"\bcrate::"] + ([r"\bsuper::"] if depth == 0 else [])
        for root in roots:
            for m in re.finditer(root + r"(\w+)(?:::(\{[^}]*\}|\w+))?", text):
                target, rest = m.group(1), m.group(2)
                if target == me or target not in modules:
                    continue
                names = re.findall(r"\w+", rest.split("::")[0]) if rest else []
                names = [n for n in names if n not in ("self", "as")]
                if not names or any(n in own[target] for n in names) or "self" in (rest or ""):
                    edges.setdefault(me, set()).add(target)
    return edges


def cycles(edges):
    found = set()
    for a, bs in edges.items():
        for b in bs:
            if a in edges.get(b, ()):
                found.add(tuple(sorted((a, b))))
    # Longer cycles: any strongly connected component with more than one node.
    index, low, stack, on, sccs = {}, {}, [], set(), []

    def strong(v, counter=[0]):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                sccs.append(sorted(comp))

    for v in list(edges):
        if v not in index:
            strong(v)
    return sorted(found), sccs


def main():
    bad = False
    for src in [Path(a) for a in (sys.argv[1:] or ["core/src", "app/src"])]:
        pairs, sccs = cycles(graph(src))
        for comp in sccs:
            bad = True
            print(f"{src}: cycle among {', '.join(comp)}")
        if not sccs:
            print(f"{src}: no module cycles")
    sys.exit(1 if bad else 0)


main()
