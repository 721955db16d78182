/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * `n8n-node lint` runs n8n's default lint config over every .ts file in the repository. The
 * published code (nodes/, credentials/) takes it whole: not one eslint-disable comment. A
 * development file may opt out, for the whole file, only of the rules written for published node
 * code (n8n Cloud's restrictions and node conventions), each by name.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const PUBLISHED = ['nodes', 'credentials'];
const DEVELOPMENT = ['bench', 'sandbox', 'scripts', 'test'];

/** Rules that only make sense for code n8n loads; development code runs on Node and is never published. */
const NODE_ONLY_RULES = new Set([
	'no-console',
	'@n8n/community-nodes/no-restricted-globals',
	'@n8n/community-nodes/no-restricted-imports',
	'@n8n/community-nodes/no-dangerous-functions',
	'@n8n/community-nodes/no-hardcoded-secrets',
	'@n8n/community-nodes/require-node-api-error',
	'@n8n/community-nodes/node-usable-as-tool',
]);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return sourceFiles(full);
		return name.endsWith('.ts') ? [full] : [];
	});
}

const FILE_DISABLE = /\/\*\s*eslint-disable(?:\s+([^*]*?))?(?:\s+--[^*]*)?\s*\*\//g;

/** The rules each file-wide eslint-disable comment of a text names (an empty list: all rules). */
export function disabledRules(text: string): string[][] {
	return [...text.matchAll(FILE_DISABLE)].map((match) => (match[1] ?? '').split(',').map((rule) => rule.trim()).filter(Boolean));
}

test.each(PUBLISHED)('%s/ has no eslint-disable comment', (folder) => {
	const offenders = sourceFiles(path.join(ROOT, folder)).filter((file) => /eslint-disable/.test(readFileSync(file, 'utf8')));
	expect(offenders.map((file) => path.relative(ROOT, file))).toEqual([]);
});

test.each(DEVELOPMENT)('%s/ opts out of node-only rules only, each by name', (folder) => {
	const wrong = sourceFiles(path.join(ROOT, folder)).flatMap((file) => {
		const text = readFileSync(file, 'utf8');
		const blanket = disabledRules(text).some((rules) => rules.length === 0);
		const rules = disabledRules(text).flat().filter((rule) => !NODE_ONLY_RULES.has(rule));
		return blanket || rules.length > 0 ? [`${path.relative(ROOT, file)}: ${rules.join(', ') || 'all rules'}`] : [];
	});
	expect(wrong).toEqual([]);
});

test('the comment reader sees named rules and blanket opt-outs (so the tests above can fail)', () => {
	const comment = (body: string) => `/* eslint${'-'}disable${body} */`;
	expect(disabledRules(`${comment(' no-console, @typescript-eslint/no-explicit-any -- why')}\nx`)).toEqual([
		['no-console', '@typescript-eslint/no-explicit-any'],
	]);
	expect(disabledRules(`${comment('')}\nx`)).toEqual([[]]);
});
