/**
 * What each operation of the CRM Lead node puts in an output item's `json` (read from the
 * operation files; the e2e compares every schema with the real output from the sandbox).
 * Operations that hand on a server answer unchanged (Import, Upload File, the async import job)
 * are described as the iBiz sandbox answers them; a server may add keys.
 */
import { arrayOf, object, value, type PropertySchema } from './jsonSchema';
import { ENTITIES, type Entity } from '../../nodes/CrmLead/entities';
import { leadRecordSchema, recordSchema } from './leadSchema';

export interface OperationOutput {
	/** One item's json; `simplify` is the value of the operation's Simplify parameter (false where it has none). */
	shape(simplify: boolean): PropertySchema;
	description: string;
}

const LEAD: OperationOutput = {
	shape: leadRecordSchema,
	description: 'One lead as the server sent it (flags 0/1 and server-local timestamps unless Options → Convert Values is on)',
};

/** fileItem() in actions/common/binary.ts: the file itself is in the output binary field. */
const fileJson = {
	fileName: value('string', 'File name, from Content-Disposition or a default, made safe: one name without a folder, at most 200 bytes'),
	mimeType: value('string'),
	fileSize: value('integer', 'Bytes'),
	originalFileName: value('string', 'The name as the server sent it, only when it had to be changed to be safe'),
};

function file(description: string, extra: Record<string, PropertySchema> = {}, optional: string[] = []): OperationOutput {
	const properties = { ...fileJson, ...extra };
	const notAlways = ['originalFileName', ...optional];
	return { shape: () => object(properties, Object.keys(properties).filter((k) => !notAlways.includes(k))), description };
}

const IMPORT_ERROR = object({
	row: value('integer', 'Spreadsheet row, header included (first data row = 2)'),
	column: value('string'),
	reason: value('string'),
});

const importCounts = {
	success: value('integer', 'Rows imported'),
	failed: value('integer', 'Rows refused'),
	errors: arrayOf(IMPORT_ERROR, 'Why each refused row was refused'),
};

const IMPORT_JOB: OperationOutput = {
	shape: () =>
		object(
			{
				jobid: value('string'),
				status: value('string', 'running, finished or failed'),
				total: value(['integer', 'null'], 'Rows in the file; null until the server has read it'),
				...importCounts,
				error: value('string', 'Why a failed job failed'),
			},
			['jobid', 'status'],
		),
	description: 'The import job as the server reports it (Get Import Status needs a server with GET crm_leads/asyncimportdata2/{jobid})',
};

function checkKeyOutput(noun: string): OperationOutput {
	return {
		shape: () =>
			object({
				id: value('string'),
				exists: value('boolean', `Whether a ${noun} has this ID now`),
				state: value('string', 'notFound, exists or deleted'),
				result: value('integer', 'The server’s check_key answer: 0 not found, 1 exists, 2 deleted'),
				message: value('string'),
			}),
		description: `Whether a ${noun} ID is free, taken or kept by a deleted ${noun}`,
	};
}

/** The outputs of an entity resource (entities/): its records from its own table, for every operation it offers. */
function entityOutputs(entity: Entity): Record<string, OperationOutput> {
	const { noun } = entity.table;
	const record: OperationOutput = {
		shape: (simplify) => recordSchema(entity.table, simplify),
		description: `One ${noun} as the server sent it (flags 0/1 and server-local timestamps unless Options → Convert Values is on)`,
	};
	const actions = Object.fromEntries(
		entity.actions.map((action) => [
			action.operation,
			action.scope === 'record'
				? { ...record, description: `The ${noun} as ${action.displayName} left it, as the server answers` }
				: { shape: () => object({ action: value('string'), done: value('boolean') }), description: `Whether ${action.displayName} was done` },
		]),
	);
	return {
		get: record,
		getMany: { ...record, description: `One item per ${noun}; ${record.description}` },
		create: record,
		update: record,
		upsert: record,
		getDraft: { ...record, description: `An unsaved ${noun} filled with the server’s defaults` },
		delete: { shape: () => object({ id: value('string'), deleted: value('boolean') }), description: `The deleted ${noun}’s ID` },
		checkKey: checkKeyOutput(noun),
		...actions,
		...FILE_OUTPUTS(),
		print: file(`The printed ${noun}; the document is in the output binary field`, { id: value('string', `The ${noun} ID`) }),
	};
}

/** The file operations every entity shares with the lead's Import / Export and Document resources. */
const FILE_OUTPUTS = (): Record<string, OperationOutput> => {
	const { downloadTemplate, export: exported, import: imported, importWithErrorFile, startAsyncImport } = LEAD_OUTPUTS.importExport;
	return { downloadTemplate, export: exported, import: imported, importWithErrorFile, startAsyncImport, report: LEAD_OUTPUTS.document.report };
};

/** The lead's resources' outputs. */
const LEAD_OUTPUTS: Record<string, Record<string, OperationOutput>> = {
	lead: {
		get: LEAD,
		getMany: { ...LEAD, description: 'One item per lead; ' + LEAD.description },
		create: LEAD,
		update: LEAD,
		upsert: LEAD,
		getDraft: { ...LEAD, description: 'An unsaved lead filled with the server’s defaults' },
		postMessage: { ...LEAD, description: 'The lead after the message was posted, as the server answers' },
		delete: { shape: () => object({ id: value('string'), deleted: value('boolean') }), description: 'The deleted lead’s ID' },
		checkKey: checkKeyOutput('lead'),
	},
	importExport: {
		downloadTemplate: file('The import template; the file is in the output binary field'),
		export: file('The exported spreadsheet; the file is in the output binary field'),
		import: {
			shape: () => object({ total: value('integer', 'Rows in the file'), ...importCounts }),
			description: 'The import summary as the server answers it',
		},
		importWithErrorFile: file(
			'The import summary from the X-Import-* headers; the spreadsheet of refused rows is in the output binary field',
			{ total: value('integer'), success: value('integer'), failed: value('integer') },
			['total', 'success', 'failed'],
		),
		uploadFile: {
			shape: () => object({ id: value('string', 'The file ID Start Async Import takes'), name: value('string'), size: value('integer') }, ['id']),
			description: 'The uploaded file as the server answers',
		},
		startAsyncImport: IMPORT_JOB,
		getImportStatus: IMPORT_JOB,
	},
	document: {
		print: file('The printed lead; the document is in the output binary field', { id: value('string', 'The lead ID') }),
		report: file('The report; the document is in the output binary field'),
	},
};

/** Other Entity: a record of whichever entity the node names, whose fields only the server knows. */
const ANY_RECORD: OperationOutput = {
	shape: () => object({ id: value(['string', 'null'], 'The record key') }, []),
	description: 'One record of the named entity as the server sent it (its fields are the entity’s own)',
};

const OTHER_ENTITY_OUTPUTS: Record<string, OperationOutput> = {
	get: ANY_RECORD,
	getMany: { ...ANY_RECORD, description: `One item per record; ${ANY_RECORD.description}` },
	create: ANY_RECORD,
	update: ANY_RECORD,
	upsert: ANY_RECORD,
	getDraft: { ...ANY_RECORD, description: 'An unsaved record filled with the server’s defaults' },
	delete: { shape: () => object({ id: value('string'), deleted: value('boolean') }), description: 'The deleted record’s ID' },
	checkKey: checkKeyOutput('record'),
};

/** Resource → operation → output. A new operation without an entry here fails the build, naming it. */
export const OPERATION_OUTPUTS: Record<string, Record<string, OperationOutput>> = {
	...Object.fromEntries(ENTITIES.map((entity) => [entity.resource, entityOutputs(entity)])),
	otherEntity: OTHER_ENTITY_OUTPUTS,
	...LEAD_OUTPUTS,
};

/** The trigger outputs one lead per new or changed lead. */
export const TRIGGER_OUTPUT: OperationOutput = {
	shape: leadRecordSchema,
	description: 'One new or changed lead (Simplify is on by default)',
};
