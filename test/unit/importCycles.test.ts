/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Layers only look down: no file of the published node or of the sandbox imports, directly or
 * through others, a file that imports it back (type-only imports count too: they tie files
 * together just the same). A cycle fails with its path.
 */
import path from 'node:path';

import { importGraph, ROOT, sourceFiles } from '../helpers/importGraph';

/** Each cycle once, as the list of files around it. */
export function findCycles(graph: Map<string, string[]>): string[][] {
	const cycles: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const stack: string[] = [];
	const visit = (file: string) => {
		state.set(file, 'open');
		stack.push(file);
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
			else if (!state.has(next)) visit(next);
		}
		stack.pop();
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) visit(file);
	return cycles;
}

const relative = (cycle: string[]) => cycle.map((file) => path.relative(ROOT, file)).join(' → ');

test.each(['nodes', 'credentials', 'sandbox'])('%s/ has no import cycle', (folder) => {
	const cycles = findCycles(importGraph(sourceFiles(path.join(ROOT, folder))));
	expect(cycles.map(relative)).toEqual([]);
});

test('the cycle finder finds a cycle (so the tests above can fail)', () => {
	const graph = new Map([
		['a', ['b']],
		['b', ['c']],
		['c', ['a']],
		['d', ['a']],
	]);
	expect(findCycles(graph)).toEqual([['a', 'b', 'c', 'a']]);
});
