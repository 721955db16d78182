/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The house stands one way: the harness (sandbox/, scripts/, bench/, test/) depends on the
 * product (nodes/, credentials/), never the reverse; and scripts/ and bench/ never import test/ —
 * what they share with the tests lives in scripts/ (runNode.ts, scriptedModel/, modelScripts/),
 * which every user imports downward. A wrong-way import fails with its file and target.
 */
import path from 'node:path';

import { importGraph, ROOT, sourceFiles } from '../helpers/importGraph';

/** Which top-level folders a folder's files must not import. */
const FORBIDDEN: Record<string, readonly string[]> = {
	nodes: ['sandbox', 'scripts', 'bench', 'test'],
	credentials: ['sandbox', 'scripts', 'bench', 'test'],
	scripts: ['test'],
	bench: ['test'],
	sandbox: ['scripts', 'bench', 'test'],
};

const topFolder = (file: string) => path.relative(ROOT, file).split(path.sep)[0];

/** Every import in `graph` from a file of one folder into a folder that folder must not import. */
export function wrongWayImports(graph: Map<string, string[]>, forbidden = FORBIDDEN): string[] {
	return [...graph].flatMap(([file, targets]) =>
		targets
			.filter((target) => forbidden[topFolder(file)]?.includes(topFolder(target)))
			.map((target) => `${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}`),
	);
}

test.each(Object.keys(FORBIDDEN))('%s/ imports nothing it must not', (folder) => {
	expect(wrongWayImports(importGraph(sourceFiles(path.join(ROOT, folder))))).toEqual([]);
});

test('a planted reverse import is found (so the tests above can fail)', () => {
	const at = (...parts: string[]) => path.join(ROOT, ...parts);
	const graph = new Map([
		[at('nodes', 'CrmLead', 'transport', 'request.ts'), [at('test', 'helpers', 'sandbox.ts')]],
		[at('scripts', 'demo.ts'), [at('test', 'e2e', 'helpers.ts'), at('scripts', 'e2e', 'stack.ts')]],
		[at('test', 'e2e', 'helpers.ts'), [at('scripts', 'e2e', 'rest.ts'), at('nodes', 'CrmLead', 'CrmLead.node.ts')]],
	]);
	expect(wrongWayImports(graph)).toEqual([
		'nodes/CrmLead/transport/request.ts → test/helpers/sandbox.ts',
		'scripts/demo.ts → test/e2e/helpers.ts',
	]);
});
