/** printdata and report: records and totals turned into PDF or HTML documents. */
import { LEAD_FIELDS, mustGet, type LeadField } from './fields';
import { badRequest } from './apiErrors';
import { CONTENT_TYPES, type ContentType, type PrintDocument } from './files/document';
import { renderHtml } from './files/html';
import { renderPdf } from './files/pdf';
import type { GroupTotal, LeadRecord } from './store';

/** Long values are cut in print so a megabyte-long note cannot stall the PDF renderer. */
const MAX_PRINTED_VALUE = 2000;

/** The report's grouping and measure (Odoo's pipeline analysis: leads per stage, expected revenue). */
export const REPORT_GROUP_FIELD = mustGet('stage_id');
export const REPORT_SUM_FIELD = mustGet('expected_revenue');

export function parseContentType(raw: string | undefined): ContentType {
	const value = (raw ?? 'pdf').trim().toLowerCase() || 'pdf';
	if (value === 'pdf' || value === 'html') return value;
	throw badRequest(`'srfcontenttype' must be pdf or html (got '${raw}')`, 'invalid_content_type');
}

export async function renderDocument(document: PrintDocument, type: ContentType): Promise<{ body: Buffer; contentType: string }> {
	const body = type === 'pdf' ? await renderPdf(document) : renderHtml(document);
	return { body, contentType: CONTENT_TYPES[type] };
}

/** The record's name as the title, then every non-null field as a label/value line. */
export function leadDocument(record: LeadRecord): PrintDocument {
	return recordDocument(record, LEAD_FIELDS, { name: 'crm_lead', displayName: 'Lead', title: 'name' });
}

/** Any entity's record printed the same way (sandbox/entities/fileRoutes.ts): its fields in table order. */
export function recordDocument(
	record: LeadRecord,
	fields: readonly LeadField[],
	entity: { name: string; displayName: string; title: string },
): PrintDocument {
	const rows = fields.filter((f) => record[f.name] !== null && record[f.name] !== undefined).map((f) => ({
		label: f.displayName,
		value: printable(record[f.name]),
	}));
	const titleValue = record[entity.title];
	const title = typeof titleValue === 'string' && titleValue !== '' ? titleValue : `${entity.displayName} ${String(record.id)}`;
	return {
		title,
		subtitle: `${entity.name} ${String(record.id)}`,
		blocks: [{ kind: 'keyValue', rows }],
		data: { filename: `${entity.name}.json`, json: record },
	};
}

export function reportDocument(groups: readonly GroupTotal[], generatedAt: string): PrintDocument {
	const count = groups.reduce((n, g) => n + g.count, 0);
	const sum = groups.reduce((n, g) => n + g.sum, 0);
	return {
		title: `Leads by ${REPORT_GROUP_FIELD.displayName}`,
		subtitle: `Generated ${generatedAt}`,
		blocks: [
			{
				kind: 'table',
				columns: [REPORT_GROUP_FIELD.displayName, 'Leads', `Total ${REPORT_SUM_FIELD.displayName}`],
				rows: groups.map((g) => [g.group ?? '(none)', String(g.count), money(g.sum)]),
				footer: ['Total', String(count), money(sum)],
			},
		],
		data: { filename: 'crm_lead_report.json', json: { groups, total: { count, sum } } },
	};
}

function printable(value: unknown): string {
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return text.length > MAX_PRINTED_VALUE ? `${text.slice(0, MAX_PRINTED_VALUE)}…` : text;
}

function money(value: number): string {
	return value.toFixed(2);
}
