/**
 * Every operation of the CRM Lead node (version 1 parameters, as saved workflows have them) and
 * its trigger, each as a ready-made run: parameters, input items, and what the operation's answer
 * is (a lead, a list, a file…) and whether it may change data. Written from the README's
 * operation tables, not from the node's code, for the suites that aim hostile answers at every
 * operation (issue 32).
 */
import type { INodeExecutionData } from 'n8n-workflow';

export type AnswerKind = 'lead' | 'leads' | 'keyState' | 'deleted' | 'object' | 'file' | 'bulk';

export interface OperationCase {
	name: string;
	parameters: Record<string, unknown>;
	/** `count` input items (one request each unless `bulk`). */
	items: (count: number) => INodeExecutionData[];
	answer: AnswerKind;
	/** It may change data on the server (Create, Update, Import…). */
	writes: boolean;
}

const byId = (id: string) => ({ __rl: true, mode: 'id', value: id });
const plain = (count: number): INodeExecutionData[] => Array.from({ length: count }, (_, i) => ({ json: { n: i } }));

/** A spreadsheet input item (`spreadsheet` is a real .xlsx, built once by the caller). */
const withFile = (spreadsheet: Buffer) => (count: number): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({
		json: { n: i },
		binary: { data: { data: spreadsheet.toString('base64'), fileName: `leads-${i}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
	}));

export function operationCases(spreadsheet: Buffer): OperationCase[] {
	const lead = (name: string, parameters: Record<string, unknown>, answer: AnswerKind, writes: boolean, items = plain): OperationCase => ({
		name,
		parameters: { resource: 'lead', ...parameters },
		items,
		answer,
		writes,
	});
	const file = (name: string, resource: string, parameters: Record<string, unknown>, writes = false, items = plain): OperationCase => ({
		name,
		parameters: { resource, ...parameters },
		items,
		answer: 'file',
		writes,
	});
	return [
		lead('Get', { operation: 'get', leadId: byId('L000001'), simplify: false }, 'lead', false),
		lead('Get (Simplify)', { operation: 'get', leadId: byId('L000001'), simplify: true }, 'lead', false),
		lead('Create', { operation: 'create', type: 'lead', name: '={{ "hostile " + $json.n }}' }, 'lead', true),
		lead('Update', { operation: 'update', leadId: byId('L000002'), updateFields: { description: 'checked' } }, 'lead', true),
		lead('Create or Update', { operation: 'upsert', dataMode: 'autoMapInputData' }, 'lead', true, (count) =>
			Array.from({ length: count }, (_, i) => ({ json: { id: `H-${i}`, type: 'lead', name: `h${i}` } })),
		),
		lead('Create or Update (bulk)', { operation: 'upsert', dataMode: 'autoMapInputData', options: { leadsPerRequest: 10 } }, 'bulk', true, (count) =>
			Array.from({ length: count }, (_, i) => ({ json: { id: `HB-${i}`, type: 'lead', name: `hb${i}` } })),
		),
		lead('Delete', { operation: 'delete', leadId: byId('L000003') }, 'deleted', true),
		lead('Get Draft', { operation: 'getDraft', draftFields: { name: 'Draft' } }, 'lead', false),
		lead('Get Many', { operation: 'getMany', returnAll: true, simplify: false }, 'leads', false),
		lead('Get Many (Limit)', { operation: 'getMany', returnAll: false, limit: 5 }, 'leads', false),
		lead('Check Key', { operation: 'checkKey', leadId: 'L000001' }, 'keyState', false),
		lead(
			'Post Message',
			{ operation: 'postMessage', leadId: byId('L000001'), template: 'crm.lead_followup', renderValues: { value: [{ name: 'note', value: 'n' }] } },
			'lead',
			true,
		),
		file('Print', 'document', { operation: 'print', leadId: byId('L000001'), contentType: 'pdf' }),
		file('Report', 'document', { operation: 'report', contentType: 'pdf' }),
		file('Export', 'importExport', { operation: 'export', returnAll: true }),
		file('Download Template', 'importExport', { operation: 'downloadTemplate' }),
		{ name: 'Import', parameters: { resource: 'importExport', operation: 'import' }, items: withFile(spreadsheet), answer: 'object', writes: true },
		file('Import With Error File', 'importExport', { operation: 'importWithErrorFile' }, true, withFile(spreadsheet)),
		{ name: 'Upload File', parameters: { resource: 'importExport', operation: 'uploadFile' }, items: withFile(spreadsheet), answer: 'object', writes: true },
		{ name: 'Start Async Import', parameters: { resource: 'importExport', operation: 'startAsyncImport', fileId: 'F1' }, items: plain, answer: 'object', writes: true },
		{ name: 'Get Import Status', parameters: { resource: 'importExport', operation: 'getImportStatus', jobId: 'J1' }, items: plain, answer: 'object', writes: false },
	];
}
