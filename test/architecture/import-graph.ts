import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One relative import: the file that wrote it and the file (without extension) it names. */
export interface ImportEdge {
  from: string;
  to: string;
}

function sourceFiles(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/**
 * Every relative import (static, type-only, re-export, dynamic or require) in the TypeScript files
 * under `directory`, read with the compiler's own pre-processor rather than a regular expression.
 */
export function relativeImports(directory: string): ImportEdge[] {
  return sourceFiles(directory).flatMap((file) =>
    ts
      .preProcessFile(fs.readFileSync(file, 'utf8'), true, true)
      .importedFiles.filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }) => ({ from: file, to: path.resolve(path.dirname(file), fileName) })),
  );
}

/** The top folder under `root` a path belongs to; undefined for files directly in `root` (the composition root) and outside it. */
export function topFolder(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length > 0 ? first : undefined;
}

/**
 * The folder graph under `root`: an arrow from folder A to folder B when a file in A imports one
 * in B. Generated files are left out: they map the contract's types onto each feature's records
 * by design, and nothing imports a feature through them at run time.
 */
export function folderGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const edge of relativeImports(root)) {
    if (edge.from.split(path.sep).includes('generated')) continue;
    const from = topFolder(root, edge.from);
    const to = topFolder(root, edge.to);
    if (!from || !to || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from)!.add(to);
  }
  return graph;
}

/** Groups of folders that import each other, directly or round a loop (Tarjan's strongly connected components). */
export function folderCycles(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

/** How a cycle reads in a failure message: every arrow inside the group, with the files that make it. */
export function describeCycle(root: string, cycle: string[]): string {
  const members = new Set(cycle);
  const arrows = relativeImports(root).flatMap((edge) => {
    const from = topFolder(root, edge.from);
    const to = topFolder(root, edge.to);
    return from && to && from !== to && members.has(from) && members.has(to) && !edge.from.includes(`${path.sep}generated${path.sep}`)
      ? [`  ${from} -> ${to}  (${path.relative(root, edge.from)})`]
      : [];
  });
  return `${cycle.join(' <-> ')}\n${[...new Set(arrows)].join('\n')}`;
}
