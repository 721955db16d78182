import type { Icon, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { documentDescription, documentOperations } from './document/Document.resource';
import { importExportDescription, importExportOperations } from './importExport/ImportExport.resource';
import type { NodeOperations, ResourceOperations } from './types';

/** What every version of the CRM Lead node shares: name, icon, resources, credentials, tool use. */

/** Relative to nodes/CrmLead/, where n8n resolves the icons of every version of the node. */
export const NODE_ICON: Icon = { light: 'file:../../icons/crmLead.svg', dark: 'file:../../icons/crmLead.dark.svg' };

/** The node panel entry: what the actions node does (the trigger has its own). */
export const NODE_SUMMARY = 'Create, update, find, import, export and print CRM leads';

const LEAD_RESOURCES: INodePropertyOptions[] = [
	{ name: 'Document', value: 'document', description: 'Print a lead or render a report' },
	{ name: 'Import / Export', value: 'importExport', description: 'Move leads in and out as spreadsheets' },
	{ name: 'Lead', value: 'lead', description: 'A lead or opportunity record' },
];

/** The Resource parameter: the lead's resources, and (version 3 on) the other entities'. */
function resourceParameter(more: INodePropertyOptions[]): INodeProperties {
	return {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [...LEAD_RESOURCES, ...more].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'lead',
	};
}

/**
 * What one version's description holds besides what n8n's lint rules want spelled out in each
 * node class (name, icon, subtitle, usableAsTool).
 */
export function versionDescription(
	version: number,
	leadProperties: INodeProperties[],
	more: { resources: INodePropertyOptions[]; properties: INodeProperties[] } = { resources: [], properties: [] },
): Omit<INodeTypeDescription, 'displayName' | 'name' | 'group' | 'icon' | 'subtitle' | 'usableAsTool'> {
	return {
		description: NODE_SUMMARY,
		version,
		defaults: { name: 'CRM Lead' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'crmLeadApi', required: true }],
		properties: [resourceParameter(more.resources), ...leadProperties, ...importExportDescription, ...documentDescription, ...more.properties],
	};
}

/** "Create or Update: Lead" on the canvas: the names of the operation and resource, not their values. */
export function subtitleOf(description: Pick<INodeTypeDescription, 'properties'>): string {
	const resources = description.properties.find((p) => p.name === 'resource')?.options ?? [];
	const resourceNames = new Map(resources.map((o) => ['value' in o ? o.value : '', o.name]));
	const names: Record<string, string> = {};
	for (const property of description.properties.filter((p) => p.name === 'operation')) {
		const resource = String(property.displayOptions?.show?.resource?.[0] ?? '');
		for (const option of property.options ?? []) {
			if ('value' in option) names[`${resource}:${String(option.value)}`] = `${option.name}: ${resourceNames.get(resource)}`;
		}
	}
	return `={{ ${JSON.stringify(names)}[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

export function versionOperations(lead: ResourceOperations, more: NodeOperations = {}): NodeOperations {
	return { lead, importExport: importExportOperations, document: documentOperations, ...more };
}
