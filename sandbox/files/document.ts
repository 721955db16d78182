/** A renderer-neutral document (print and report), rendered to PDF or HTML. */

export interface KeyValueBlock {
	kind: 'keyValue';
	rows: Array<{ label: string; value: string }>;
}

export interface TableBlock {
	kind: 'table';
	columns: string[];
	rows: string[][];
	/** Emphasised last row (totals). */
	footer?: string[];
}

export interface PrintDocument {
	title: string;
	subtitle?: string;
	blocks: Array<KeyValueBlock | TableBlock>;
	/** Machine-readable copy of the data, attached to PDFs as an embedded JSON file (cf. ZUGFeRD). */
	data?: { filename: string; json: unknown };
}

export type ContentType = 'pdf' | 'html';

export const CONTENT_TYPES: Record<ContentType, string> = {
	pdf: 'application/pdf',
	html: 'text/html; charset=utf-8',
};
