/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The house stands one way: the harness (sandbox/, scripts/, bench/, test/) depends on the
 * product (nodes/, credentials/), never the reverse; and scripts/ and bench/ never import test/ —
 * what they share with the tests lives in scripts/ (runNode.ts, scriptedModel/, modelScripts/),
 * which every user imports downward. Inside the product, the connection to a server
 * (credentials/common/: base URL, login, token headers, reading a failed answer, the server's
 * time zone) is the lowest layer: the credential and the nodes import it, it imports neither,
 * and the credential imports nothing of the nodes. A wrong-way import fails with its file and target.
 */
import path from 'node:path';

import { importGraph, ROOT, sourceFiles } from '../helpers/importGraph';

const HARNESS = ['sandbox', 'scripts', 'bench', 'test'];

/** Which areas an area's files must not import. An area is a top-level folder, or credentials/common. */
const FORBIDDEN: Record<string, readonly string[]> = {
	nodes: ['credentials', ...HARNESS],
	credentials: ['nodes', ...HARNESS],
	'credentials/common': ['credentials', 'nodes', ...HARNESS],
	scripts: ['test'],
	bench: ['test'],
	sandbox: ['scripts', 'bench', 'test'],
};

/** The area a file lives in: credentials/common is its own, below both the credential and the nodes. */
function area(file: string): string {
	const [top, second] = path.relative(ROOT, file).split(path.sep);
	return top === 'credentials' && second === 'common' ? 'credentials/common' : top;
}

/** Every import in `graph` from a file of one folder into a folder that folder must not import. */
export function wrongWayImports(graph: Map<string, string[]>, forbidden = FORBIDDEN): string[] {
	return [...graph].flatMap(([file, targets]) =>
		targets
			.filter((target) => forbidden[area(file)]?.includes(area(target)))
			.map((target) => `${path.relative(ROOT, file)} → ${path.relative(ROOT, target)}`),
	);
}

test.each(Object.keys(FORBIDDEN))('%s/ imports nothing it must not', (folder) => {
	expect(wrongWayImports(importGraph(sourceFiles(path.join(ROOT, folder))))).toEqual([]);
});

test('the nodes do import the connection layer (so the rules above are about real imports)', () => {
	const nodeFiles = importGraph(sourceFiles(path.join(ROOT, 'nodes')));
	const reached = new Set([...nodeFiles.values()].flat().map(area));
	// Guards the test above against passing because the layer was moved or renamed.
	expect(reached.has('credentials/common')).toBe(true);
});

test('a planted reverse import is found (so the tests above can fail)', () => {
	const at = (...parts: string[]) => path.join(ROOT, ...parts);
	const graph = new Map([
		[at('nodes', 'CrmLead', 'transport', 'request.ts'), [at('test', 'helpers', 'sandbox.ts')]],
		[at('scripts', 'demo.ts'), [at('test', 'e2e', 'helpers.ts'), at('scripts', 'e2e', 'stack.ts')]],
		[at('test', 'e2e', 'helpers.ts'), [at('scripts', 'e2e', 'rest.ts'), at('nodes', 'CrmLead', 'CrmLead.node.ts')]],
		[at('credentials', 'CrmLeadApi.credentials.ts'), [at('credentials', 'common', 'login.ts'), at('nodes', 'CrmLead', 'fields', 'convert.ts')]],
		[at('credentials', 'common', 'login.ts'), [at('credentials', 'common', 'baseUrl.ts'), at('nodes', 'CrmLead', 'transport', 'apiError.ts')]],
		[at('nodes', 'CrmLead', 'transport', 'paging.ts'), [at('credentials', 'common', 'login.ts'), at('credentials', 'CrmLeadApi.credentials.ts')]],
	]);
	expect(wrongWayImports(graph)).toEqual([
		'nodes/CrmLead/transport/request.ts → test/helpers/sandbox.ts',
		'scripts/demo.ts → test/e2e/helpers.ts',
		'credentials/CrmLeadApi.credentials.ts → nodes/CrmLead/fields/convert.ts',
		'credentials/common/login.ts → nodes/CrmLead/transport/apiError.ts',
		'nodes/CrmLead/transport/paging.ts → credentials/CrmLeadApi.credentials.ts',
	]);
});
