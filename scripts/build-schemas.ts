/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Build step (`npm run build`, after tsc): writes the nodes' output schemas into dist/, where
 * n8n serves them to the editor's schema preview and its AI builder. Generated from the field
 * table and the nodes' descriptions on every build; nothing of it is committed. A field kind or
 * an operation the generator cannot describe fails the build with a message naming it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

import { outputSchemaFiles } from './schemas/catalogue';

const root = resolve(__dirname, '..');
const files = outputSchemaFiles();
for (const { path, schema } of files) {
	const target = resolve(root, path);
	mkdirSync(dirname(target), { recursive: true });
	writeFileSync(target, `${JSON.stringify(schema, null, '\t')}\n`);
}
console.log(`output schemas: ${files.length} files under dist/nodes/*/__schema__/`);
