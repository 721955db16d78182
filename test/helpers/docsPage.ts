/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Reads the API's own docs page (shared/api/crm_lead.md) so tests can compare the code against it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const DOCS_PAGE = join(__dirname, '..', '..', 'docs', 'api', 'crm_lead.md');

export interface DocsRow {
	name: string;
	type: string;
	label: string;
	optional: boolean;
}

/** Table rows of the section whose heading is `heading` (e.g. "创建线索/商机"). */
export function docsTable(heading: string): DocsRow[] {
	const page = readFileSync(DOCS_PAGE, 'utf8');
	const section = page.split('\n## ').find((s) => s.startsWith(heading));
	if (!section) throw new Error(`No section "${heading}" in the docs page`);
	return sectionRows(section);
}

/** The parameter table rows of one section of a docs page (the lead's or another entity's: same format). */
export function sectionRows(section: string): DocsRow[] {
	const row = /<el-col :span="20">([^<]+)<\/el-col><el-col[^>]*>(.*?)<\/el-col> <\/el-row>\|([^|]+)\|([^|]*)\|/g;
	return [...section.matchAll(row)].map((m) => ({
		name: m[1].trim(),
		optional: m[2].includes('可选'),
		type: m[3].trim(),
		label: m[4].trim(),
	}));
}
