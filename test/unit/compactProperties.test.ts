/** Version 3's description is compacted (actions/compactProperties.ts): every resource and operation must show exactly the parameters it showed before. */
import type { INodeProperties } from 'n8n-workflow';

import { compactProperties, mergeOptionCollections } from '../../nodes/CrmLead/actions/compactProperties';
import { entityDescription, entityResources } from '../../nodes/CrmLead/actions/entity/Entity.resource';
import { leadDescriptionV2 } from '../../nodes/CrmLead/actions/lead/v2/Lead.resource';
import { versionDescription } from '../../nodes/CrmLead/actions/nodeDescription';
import { ENTITIES } from '../../nodes/CrmLead/entities';

const visible = (p: INodeProperties, resource: string, operation: string) => {
	const show = p.displayOptions?.show ?? {};
	return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
};
const body = (p: INodeProperties) => JSON.stringify({ ...p, displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, resource: undefined, operation: undefined } } });

function panels(properties: INodeProperties[]): Map<string, string[]> {
	const panels = new Map<string, string[]>();
	for (const operation of properties.filter((p) => p.name === 'operation')) {
		for (const resource of (operation.displayOptions?.show?.resource ?? []).map(String)) {
			for (const option of operation.options ?? []) {
				const value = String((option as { value: string }).value);
				panels.set(`${resource}:${value}`, properties.filter((p) => visible(p, resource, value)).map(body).sort());
			}
		}
	}
	return panels;
}

test('version 3: every resource and operation shows exactly the same parameters after compaction, and the description is smaller', () => {
	const full = versionDescription(3, leadDescriptionV2, { resources: entityResources(ENTITIES), properties: entityDescription(ENTITIES) }).properties;
	const compact = compactProperties(full);
	expect(panels(compact)).toEqual(panels(full));
	// the lead's 18 operations, and each entity's 15 standard ones plus its actions
	expect(panels(full).size).toBe(18 + ENTITIES.reduce((n, e) => n + 15 + e.actions.length, 0));
	expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length * 0.9);
});

test('a parameter is not merged where a resource would show it for an operation it did not', () => {
	const operation = (resource: string, values: string[]): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		options: values.map((value) => ({ name: value, value })),
		default: values[0],
		displayOptions: { show: { resource: [resource] } },
	});
	const note = (resource: string, op: string): INodeProperties => ({ displayName: 'Note', name: 'note', type: 'string', default: '', displayOptions: { show: { resource: [resource], operation: [op] } } });
	// a:get and b:find merge (neither offers the other's operation); c:list may not join them: a offers list too.
	const properties = [operation('a', ['get', 'list']), operation('b', ['find']), operation('c', ['list']), note('a', 'get'), note('b', 'find'), note('c', 'list')];
	const compact = compactProperties(properties);
	expect(panels(compact)).toEqual(panels(properties));
	expect(compact.filter((p) => p.name === 'note').map((p) => p.displayOptions?.show)).toEqual([
		{ resource: ['a', 'b'], operation: ['get', 'find'] },
		{ resource: ['c'], operation: ['list'] },
	]);
});

/** What a panel shows with its Options collection opened: each option the operation sees, as it is defined. */
function openedPanels(properties: INodeProperties[]): Map<string, string[]> {
	const opened = new Map<string, string[]>();
	for (const operation of properties.filter((p) => p.name === 'operation')) {
		for (const resource of (operation.displayOptions?.show?.resource ?? []).map(String)) {
			for (const option of operation.options ?? []) {
				const value = String((option as { value: string }).value);
				const shown = properties.filter((p) => visible(p, resource, value));
				const options = shown
					.filter((p) => p.name === 'options')
					.flatMap((p) => (p.options ?? []) as INodeProperties[])
					.filter((o) => {
						const only = o.displayOptions?.show?.['/operation'];
						return !only || only.includes(value);
					})
					.map((o) => JSON.stringify({ ...o, displayOptions: { ...o.displayOptions, show: { ...o.displayOptions?.show, '/operation': undefined } } }))
					.sort();
				opened.set(`${resource}:${value}`, [...shown.filter((p) => p.name !== 'options').map(body).sort(), ...options]);
			}
		}
	}
	return opened;
}

test('version 3: the lead’s Options collections become one, and every operation still sees exactly its own options, as defined, after its other parameters', () => {
	const full = versionDescription(3, leadDescriptionV2, { resources: entityResources(ENTITIES), properties: entityDescription(ENTITIES) }).properties;
	const merged = mergeOptionCollections(compactProperties(full));
	expect(openedPanels(merged)).toEqual(openedPanels(full));
	const leadSide = merged.filter((p) => p.name === 'options' && p.displayOptions?.show?.operation);
	expect(leadSide).toHaveLength(1);
	for (const [panel] of openedPanels(full)) {
		const [resource, operation] = panel.split(':');
		const shown = merged.filter((p) => visible(p, resource, operation)).map((p) => p.name);
		if (shown.includes('options')) expect({ panel, last: shown[shown.length - 1] }).toEqual({ panel, last: 'options' });
	}
	expect(JSON.stringify(merged).length).toBeLessThan(JSON.stringify(compactProperties(full)).length * 0.85);
});

test('Options collections stay apart when one name would mean two definitions', () => {
	const operation: INodeProperties = { displayName: 'Operation', name: 'operation', type: 'options', default: 'a', options: [{ name: 'A', value: 'a' }, { name: 'B', value: 'b' }], displayOptions: { show: { resource: ['r'] } } };
	const collection = (op: string, timeoutDefault: number): INodeProperties => ({
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		default: {},
		options: [{ displayName: 'Timeout', name: 'timeout', type: 'number', default: timeoutDefault }],
		displayOptions: { show: { resource: ['r'], operation: [op] } },
	});
	const apart = [operation, collection('a', 1), collection('b', 2)];
	expect(mergeOptionCollections(apart)).toBe(apart);
	expect(mergeOptionCollections([operation, collection('a', 1), collection('b', 1)]).filter((p) => p.name === 'options')).toHaveLength(1);
});
