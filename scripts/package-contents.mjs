// What n8n needs in the published package besides the linted code: every node and credential
// package.json "n8n" declares, each node's codex file next to it, the icons they name, each
// node's output schemas (__schema__/v<x.y.z>/…json, written by the build), and nothing but dist/
// and the usual top files. Shared by `npm run scan` (over the unpacked
// tarball) and the prepublishOnly check (over the folder about to be published).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const TOP_FILES = ['package.json', 'README.md', 'LICENSE'];

/**
 * The one package's entry in `npm pack --json` output: npm 11 prints an array of entries, npm 12
 * an object keyed by package name.
 * @param {string} stdout
 * @returns {{ name: string, version: string, filename: string, files: Array<{ path: string }> }}
 */
export function packEntry(stdout) {
	const parsed = JSON.parse(stdout.slice(stdout.search(/[[{]/)));
	return Array.isArray(parsed) ? parsed[0] : Object.values(parsed)[0];
}

/**
 * @param {string} packageDir folder holding package.json and the files listed in `packed`
 * @param {string[]} packed the package's file paths, relative to packageDir
 * @returns {{ missing: string[], strays: string[] }}
 */
export function checkPackageContents(packageDir, packed) {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
	const nodes = manifest.n8n?.nodes ?? [];
	const credentials = manifest.n8n?.credentials ?? [];
	const missing = [];
	if (nodes.length === 0) missing.push('package.json "n8n".nodes (empty)');
	for (const file of [...nodes, ...credentials]) {
		if (!packed.includes(file)) missing.push(file);
		const codex = file.replace(/\.js$/, '.json');
		if (nodes.includes(file) && !packed.includes(codex)) missing.push(codex);
		const schemas = `${dirname(file)}/__schema__/`;
		if (nodes.includes(file) && !packed.some((p) => p.startsWith(`${schemas}v`) && p.endsWith('.json'))) {
			missing.push(`${schemas}v<version>/ (output schemas)`);
		}
		const source = packed.includes(file) ? readFileSync(join(packageDir, file), 'utf8') : '';
		for (const [, icon] of source.matchAll(/'file:([^']+)'/g)) {
			const iconPath = join(dirname(file), icon);
			if (!packed.includes(iconPath)) missing.push(iconPath);
		}
	}
	const strays = packed.filter((file) => !file.startsWith('dist/') && !TOP_FILES.includes(file));
	return { missing, strays };
}
