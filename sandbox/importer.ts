/**
 * Spreadsheet import: header → fields via an import schema, then every row through the same
 * prepareCreate() as POST /crm_leads. Runs in steps so the async import can yield between chunks.
 */
import { IMPORTABLE_FIELDS, type LeadField } from './fields';
import { badRequest } from './apiErrors';
import type { LeadService } from './leads';
import type { LeadStore } from './store';
import type { CellInput, SheetRow } from './files/xlsx';
import { NOT_A_TABLE, type UploadedTable } from './files/table';
import { describeProblem } from './validate';

/** How header cells name fields: `default` by wire name, `labels` by the table's Chinese label. */
export const IMPORT_SCHEMAS = {
	default: (field: LeadField) => field.name,
	labels: (field: LeadField) => field.label,
} as const;

export type ImportSchemaId = keyof typeof IMPORT_SCHEMAS;

export function parseImportSchema(raw: string | undefined): ImportSchemaId {
	const id = raw === undefined || raw === '' ? 'default' : raw;
	if (!Object.prototype.hasOwnProperty.call(IMPORT_SCHEMAS, id)) {
		throw badRequest(`Unknown 'srfimportschemaid' '${id}' (known: ${Object.keys(IMPORT_SCHEMAS).join(', ')})`, 'invalid_import_schema');
	}
	return id as ImportSchemaId;
}

export interface ImportError {
	/** Spreadsheet row number, header included (first data row = 2). */
	row: number;
	column: string;
	reason: string;
}

export interface ImportSummary {
	total: number;
	success: number;
	failed: number;
	errors: ImportError[];
}

export interface FailedRow {
	cells: CellInput[];
	error: string;
}

/** Column index → field (undefined = a column the import ignores). */
export function mapColumns(header: readonly string[], schema: ImportSchemaId): Array<LeadField | undefined> {
	const byHeader = new Map(IMPORTABLE_FIELDS.map((f) => [IMPORT_SCHEMAS[schema](f).toLowerCase(), f]));
	const columns = header.map((h) => byHeader.get(h.trim().toLowerCase()));
	if (!columns.some(Boolean)) {
		throw badRequest(`${NOT_A_TABLE}: no header cell names an importable field (schema '${schema}')`, 'bad_file');
	}
	return columns;
}

export class ImportRun {
	private readonly columns: Array<LeadField | undefined>;
	private next = 0;
	readonly summary: ImportSummary = { total: 0, success: 0, failed: 0, errors: [] };
	readonly failedRows: FailedRow[] = [];

	constructor(
		private readonly table: UploadedTable,
		schema: ImportSchemaId,
		private readonly leads: LeadService,
		private readonly store: LeadStore,
	) {
		this.columns = mapColumns(table.header, schema);
	}

	/** The uploaded header row, as written. */
	get header(): string[] {
		return this.table.header;
	}

	get done(): boolean {
		return this.next >= this.table.rows.length;
	}

	/** Imports up to `maxRows` more rows in one transaction; each row is stored whole or not at all. */
	step(maxRows: number): void {
		const end = Math.min(this.next + maxRows, this.table.rows.length);
		this.store.transaction(() => {
			for (; this.next < end; this.next++) this.importRow(this.table.rows[this.next]);
		});
	}

	runToEnd(): ImportSummary {
		while (!this.done) this.step(Number.POSITIVE_INFINITY);
		return this.summary;
	}

	private importRow(row: SheetRow): void {
		this.summary.total += 1;
		const prepared = this.leads.prepareCreate(this.rowToBody(row));
		if (prepared.ok) {
			this.store.insert(prepared.write);
			this.summary.success += 1;
			return;
		}
		this.summary.failed += 1;
		for (const problem of prepared.problems) this.summary.errors.push({ row: row.rowNumber, column: problem.field, reason: problem.reason });
		this.failedRows.push({ cells: row.cells, error: prepared.problems.map(describeProblem).join('; ') });
	}

	private rowToBody(row: SheetRow): Record<string, unknown> {
		const body: Record<string, unknown> = {};
		this.columns.forEach((field, index) => {
			const cell = row.cells[index];
			if (field && cell !== null && cell !== undefined) body[field.name] = cell;
		});
		return body;
	}
}
