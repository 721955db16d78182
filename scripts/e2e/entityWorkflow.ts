/**
 * A workflow that calls every endpoint of the four entity pages through the CRM Lead node
 * (version 3) in a real n8n: per entity one chain of nodes, one per operation (each list, each
 * action, the file endpoints), and — for activities and messages — the same chain again through
 * their parent's nested path. Generated from the entity definitions, so a new entity or operation
 * is covered without editing a workflow file. Used by test/e2e/entityEndpoints.e2e.test.ts.
 */
import { ENTITIES, type Entity } from '../../nodes/CrmLead/entities';
import { SANDBOX_CREDENTIAL } from './workflows';

export const ENTITY_NODE = 'n8n-nodes-crm-lead.crmLead';

interface NodeJson {
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	executeOnce?: boolean;
	alwaysOutputData?: boolean;
	credentials?: Record<string, { id: string; name: string }>;
}

/** Values for the fields each page requires on create, and one text field each Update changes. */
const REQUIRED: Record<string, Record<string, unknown>> = {
	contact: { name: 'E2E contact', autopost_bills: 'ask' },
	stage: { name: 'E2E stage' },
	activity: { summary: 'E2E call', date_deadline: '2030-01-01 10:00:00', user_id: 'user_alice', user_name: 'Alice', res_model: 'crm.lead', activity_type_name: 'Call' },
	message: { message_type: 'comment', body: 'E2E note', model: 'crm.lead' },
};
const UPDATED: Record<string, Record<string, unknown>> = {
	contact: { city: 'Lyon' },
	stage: { requirements: 'Budget known' },
	activity: { note: 'Bring the offer' },
	message: { subject: 'E2E subject' },
};

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const columns = (value: Record<string, unknown>) => ({ mappingMode: 'defineBelow', value, matchingColumns: ['id'], schema: [] });

/** The chain of one entity: [node, the operation it runs]. */
function chain(entity: Entity, prefix: string, parentId: string | undefined): Array<{ node: NodeJson; operation: string; from?: string }> {
	const common = { resource: entity.resource, ...(parentId ? { parentId } : {}) };
	const out: Array<{ node: NodeJson; operation: string; from?: string }> = [];
	const add = (label: string, operation: string, parameters: Record<string, unknown>, from?: string) => {
		out.push({
			operation,
			from,
			node: {
				name: `${prefix} ${label}`,
				type: ENTITY_NODE,
				typeVersion: 3,
				position: [0, 0],
				executeOnce: true,
				// An empty list (e.g. no pinned message yet) must not stop the chain.
				alwaysOutputData: true,
				parameters: { ...common, operation, ...parameters },
				credentials: { crmLeadApi: { ...SANDBOX_CREDENTIAL } },
			},
		});
	};
	const slug = prefix.toLowerCase().replace(/\W+/g, '-').replace(/-+$/, '');
	const first = `${slug}-1`;
	const second = `${slug}-2`;
	add('Create', 'create', { columns: columns({ id: first, ...REQUIRED[entity.resource] }) });
	add('Get', 'get', { recordId: byId(first) });
	add('Update', 'update', { columns: columns({ id: first, ...UPDATED[entity.resource] }) });
	add('Create or Update', 'upsert', { columns: columns({ id: second, ...REQUIRED[entity.resource] }) });
	add('Check Key', 'checkKey', { keyToCheck: first });
	add('Get Draft', 'getDraft', { columns: columns({}) });
	for (const list of entity.lists) add(`Get Many ${list.dataSet}`, 'getMany', { list: list.dataSet, limit: 5 });
	add('Print', 'print', { recordId: byId(first), contentType: 'pdf' });
	add('Export', 'export', { limit: 5 });
	add('Export One', 'export', { singleRecordId: first });
	add('Report', 'report', { contentType: 'html' });
	add('Download Import Template', 'downloadTemplate', {});
	const template = `${prefix} Download Import Template`;
	add('Import', 'import', {}, template);
	add('Import and Get Error File', 'importWithErrorFile', { errorFileProperty: 'errors' }, template);
	out.push({
		operation: 'uploadFile',
		from: template,
		node: {
			name: `${prefix} Upload File`,
			type: ENTITY_NODE,
			typeVersion: 3,
			position: [0, 0],
			executeOnce: true,
			parameters: { resource: 'importExport', operation: 'uploadFile' },
			credentials: { crmLeadApi: { ...SANDBOX_CREDENTIAL } },
		},
	});
	add('Start Async Import', 'startAsyncImport', { fileId: '={{ $json.id }}' }, `${prefix} Upload File`);
	let previous = template;
	for (const action of entity.actions) {
		const target = action.operation === 'markDone' ? second : first;
		add(action.displayName, action.operation, action.scope === 'record' ? { recordId: byId(target) } : {}, previous);
		previous = `${prefix} ${action.displayName}`;
	}
	add('Delete', 'delete', { recordId: byId(first) }, previous);
	return out;
}

export interface EntityChains {
	workflow: Record<string, unknown>;
	/** Node name → [entity resource, operation, nested]. */
	nodes: Map<string, { resource: string; operation: string; nested: boolean }>;
}

export function entityEndpointsWorkflow(): EntityChains {
	const trigger: NodeJson = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
	const nodes: NodeJson[] = [trigger];
	const connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: 0 }>> }> = {};
	const connect = (from: string, to: string) => {
		connections[from] ??= { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	const index = new Map<string, { resource: string; operation: string; nested: boolean }>();
	let row = 0;
	for (const entity of ENTITIES) {
		const variants: Array<string | undefined> = entity.parent ? [undefined, `e2e-lead-${entity.resource}`] : [undefined];
		for (const parentId of variants) {
			const prefix = `${entity.displayName}${parentId ? ' (nested)' : ''}:`;
			let previous = trigger.name;
			let column = 1;
			for (const { node, operation, from } of chain(entity, prefix, parentId)) {
				node.position = [column++ * 220, row * 200];
				nodes.push(node);
				connect(from ?? previous, node.name);
				if (!from) previous = node.name;
				if (node.parameters.resource !== 'importExport') index.set(node.name, { resource: entity.resource, operation, nested: parentId !== undefined });
			}
			row++;
		}
	}
	return {
		workflow: { name: 'E2E: every endpoint of the entity pages', nodes, connections, settings: { executionOrder: 'v1' } },
		nodes: index,
	};
}
