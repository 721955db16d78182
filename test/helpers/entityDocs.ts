/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Reads an entity's docs page (docs/api/entities/<page>) so tests can hold its table and endpoints against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { sectionRows, type DocsRow } from './docsPage';

export const ENTITY_DOCS = join(__dirname, '..', '..', 'docs', 'api', 'entities');

export interface DocsSection {
	heading: string;
	method: string;
	/** Every path the section lists (export lists two: with and without {key}). */
	paths: string[];
	rows: DocsRow[];
}

/** Every `## ` section of the page: its heading, method, paths and parameter table rows. */
export function docsSections(page: string): DocsSection[] {
	const text = readFileSync(join(ENTITY_DOCS, page), 'utf8');
	return text
		.split('\n## ')
		.slice(1)
		.map((section) => {
			const heading = section.split('\n')[0].trim();
			const method = /el-alert center title="(GET|POST|PUT|DELETE)"/.exec(section)?.[1] ?? '';
			const paths = (/el-alert title="(\/[^"]+)"/.exec(section)?.[1] ?? '').split(',');
			return { heading, method, paths, rows: sectionRows(section) };
		});
}
