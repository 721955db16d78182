/**
 * Which behaviours each node operation relies on: the verdict per operation is read from these.
 * The operations' names come from the node's own descriptions, so a renamed or added operation
 * cannot slip past (test/integration/contract.test.ts checks that every one has a line here).
 */
import type { INodeProperties } from 'n8n-workflow';

import { documentDescription } from '../../nodes/CrmLead/actions/document/Document.resource';
import { importExportDescription } from '../../nodes/CrmLead/actions/importExport/ImportExport.resource';
import { leadDescription } from '../../nodes/CrmLead/actions/lead/Lead.resource';
import { LEAD_FILTERS } from '../../nodes/CrmLead/fields/leadFields';
import { FILTER_BEHAVIOUR_PREFIX } from './catalogue';

export interface OperationUse {
	/** What the report calls it: "Lead: Get", "CRM Lead Trigger", "Credential". */
	name: string;
	/** `resource/operation` of the CRM Lead node; undefined for the trigger, credential and error lines. */
	key?: string;
	/** Behaviours the operation needs. A difference the node does not tolerate means it will fail. */
	needs: readonly string[];
	/** Behaviours that may stay unchecked (they need an option the user may not give). */
	optional?: readonly string[];
	/** Behaviours whose difference breaks this operation even where other operations tolerate it. */
	strict?: readonly string[];
	/**
	 * Set for an operation that relies on an extension of the contract (not every real server has
	 * it): when its behaviour is missing the verdict is "not offered by this server", which is
	 * worth knowing but does not make the check fail.
	 */
	extension?: boolean;
}

const RESOURCE_NAMES: Record<string, string> = { lead: 'Lead', importExport: 'Import / Export', document: 'Document' };

/** `resource/operation` → the operation's display name, from the node's own descriptions. */
function operationNames(resource: string, description: readonly INodeProperties[]): Map<string, string> {
	const parameter = description.find((p) => p.name === 'operation');
	const options = (parameter?.options ?? []) as Array<{ name: string; value: string }>;
	return new Map(options.map((o) => [`${resource}/${o.value}`, `${RESOURCE_NAMES[resource]}: ${o.name}`]));
}

/** Every operation of the CRM Lead node, as `resource/operation` → display name. */
export const NODE_OPERATIONS: ReadonlyMap<string, string> = new Map([
	...operationNames('lead', leadDescription),
	...operationNames('importExport', importExportDescription),
	...operationNames('document', documentDescription),
]);

const FILTERS = LEAD_FILTERS.map((f) => `${FILTER_BEHAVIOUR_PREFIX}${f.key}`);
const LIST = ['list.page-zero-based', 'list.paging-headers', 'list.size', 'list.sort-asc', 'list.sort-desc', 'list.sort-multi'];
const WIRE_VALUES = ['values.timestamps', 'values.integer-flags', 'values.numbers', 'values.object-fields'];
const READ_VALUES = ['values.timestamps', 'values.integer-flags'];
const LOGIN_ONLY = ['login.token', 'login.wrong-password', 'auth.expired-token', 'auth.tenant-required'];

const op = (key: string, use: Omit<OperationUse, 'name' | 'key'>): OperationUse => {
	const name = NODE_OPERATIONS.get(key);
	if (!name) throw new Error(`Contract check bug: the node has no operation '${key}'`);
	return { name, key, ...use };
};

export const OPERATION_USES: readonly OperationUse[] = [
	{
		name: 'Credential',
		needs: ['auth.token-accepted', ...LOGIN_ONLY],
		// Checked only when the run logs in (--user) and the token is a JWT.
		optional: LOGIN_ONLY,
	},
	op('lead/create', { needs: ['create.with-id', 'create.without-id', ...WIRE_VALUES] }),
	op('lead/upsert', { needs: ['save.creates', 'save.updates', 'save.array', 'save.array-failure', ...WIRE_VALUES], optional: ['save.array-failure'] }),
	op('lead/get', { needs: ['get.all-fields', 'get.audit-fields', ...READ_VALUES] }),
	op('lead/getMany', { needs: [...LIST, 'list.default-size', ...FILTERS, ...READ_VALUES], strict: ['list.page-zero-based'] }),
	op('lead/update', { needs: ['update.partial', 'update.missing', ...WIRE_VALUES] }),
	op('lead/delete', { needs: ['delete.returns-true', 'delete.then-404', 'delete.missing'] }),
	op('lead/getDraft', { needs: ['draft.values', 'draft.stores-nothing'] }),
	op('lead/checkKey', { needs: ['check-key.exists', 'check-key.missing', 'check-key.no-id', 'check-key.deleted'] }),
	op('lead/postMessage', { needs: ['message.post'] }),
	op('importExport/downloadTemplate', { needs: ['import.template'] }),
	op('importExport/import', { needs: ['import.data', 'import.data-counts'] }),
	op('importExport/importWithErrorFile', { needs: ['import.data2'] }),
	op('importExport/uploadFile', { needs: ['import.upload'] }),
	op('importExport/startAsyncImport', { needs: ['import.upload', 'import.async', 'import.async-poll'] }),
	op('importExport/getImportStatus', { needs: ['import.async-poll'], strict: ['import.async-poll'], extension: true }),
	op('importExport/export', { needs: ['export.list', 'export.one'] }),
	op('document/print', { needs: ['print.pdf'] }),
	op('document/report', { needs: ['report.document'] }),
	{
		name: 'CRM Lead Trigger',
		// Newest first by write_date/create_date, then id; stops at the first lead it has seen.
		needs: ['list.page-zero-based', 'list.paging-headers', 'list.size', 'list.sort-multi', 'list.sort-desc', 'get.audit-fields', 'values.timestamps', ...FILTERS],
		strict: ['list.page-zero-based'],
	},
	{
		name: 'Error kinds (Continue On Fail, branching on errorKind)',
		// A server that answers these otherwise still serves the operations; the node names the failure differently.
		needs: ['errors.not-found', 'errors.shape', 'errors.validation', 'errors.required-type', 'create.duplicate-id', 'auth.no-token', 'auth.bad-token', 'auth.error-shape'],
	},
	{
		name: 'Permissions (a READ-only token)',
		needs: ['readonly.read', 'readonly.create-403', 'readonly.delete-403'],
		optional: ['readonly.read', 'readonly.create-403', 'readonly.delete-403'],
	},
];

/** What to change when a behaviour breaks an operation; the fallback names the contract section. */
export const FIXES: Readonly<Record<string, string>> = {
	'list.page-zero-based':
		`the server must serve page N of fetch_default for "page": N (0-based). Until it does, Get Many and the trigger stop with "it seems to ignore the "page" parameter" as soon as a second page is needed (Get Many: keep to one page, a Limit no larger than Options → Page Size)`,
	'list.paging-headers': 'x-page, x-per-page and x-total must describe the page served, or be left out (the node pages without them); wrong ones make it stop early or ask for pages that do not exist',
	'message.post': 'give a template that exists on your server (--template here; Template in the node)',
	'import.upload': 'the server has no /ibizutil/upload (the platform file service) under the Base URL: Upload File, and Start Async Import with it, cannot be used',
	'import.async-poll':
		'asyncimportdata2/{jobid} is an extension only the sandbox has: do not use Get Import Status, and leave Start Async Import\'s Wait for Completion off',
	'login.token': 'check the credential\'s Login Path (--login-path): the login must answer {"token": …}',
	'login.wrong-password': 'the login accepted a wrong password: the server\'s login is not checking passwords',
	'auth.token-accepted': 'the token is refused: check the credential (Access Token, or User Name & Password, Token Header Name, Token Prefix)',
	'auth.expired-token': 'an expired token must get HTTP 401, or User Name & Password cannot tell when to log in again',
	'get.audit-fields': 'the server must stamp create_date and write_date: the trigger finds new and changed leads by them',
	'check-key.deleted': 'check_key must answer 0 or 2 (deleted) for a deleted key',
};
