/**
 * Every output schema file the package ships, derived from the nodes' own descriptions: each
 * version a user can have (n8n pads 2 → v2.0.0), each resource and operation its panel offers,
 * and the Simplify default of that operation in that version.
 *
 * Layout (n8n-core nodes-loader/output-schema-resolver): `<node dir>/__schema__/v<x.y.z>/<resource>/<operation>.json`
 * is what `GET /schemas/<node type>/<version>/<resource>/<operation>.json` serves to the editor's
 * schema preview — the node's default output. Newer n8n picks `<operation>.<parameter>-<value>.json`
 * for other parameter values (for mock data), so the other Simplify value ships as
 * `<operation>.simplify-<value>.json`. A node without resource/operation (the trigger) has one
 * `v<x.y.z>/output.json`, which n8n's AI builder reads (the editor shows no preview for triggers).
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { CrmLead } from '../../nodes/CrmLead/CrmLead.node';
import { CrmLeadTrigger } from '../../nodes/CrmLeadTrigger/CrmLeadTrigger.node';
import { outputSchema, type OutputSchema } from './jsonSchema';
import { OPERATION_OUTPUTS, TRIGGER_OUTPUT, type OperationOutput } from './operationOutputs';

export interface SchemaFile {
	/** Relative to the package root, e.g. dist/nodes/CrmLead/__schema__/v2.0.0/lead/get.json. */
	path: string;
	schema: OutputSchema;
}

/** The folder n8n resolves `__schema__` in: the one holding the node file package.json names. */
export const NODE_DIRS = { crmLead: 'dist/nodes/CrmLead', crmLeadTrigger: 'dist/nodes/CrmLeadTrigger' } as const;

/** n8n's padding: 2 → 2.0.0, 2.1 → 2.1.0. */
export function versionFolder(version: number): string {
	return `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;
}

function versionsOf(description: Pick<INodeTypeDescription, 'version'>): number[] {
	return Array.isArray(description.version) ? description.version : [description.version];
}

function shownFor(property: INodeProperties, key: string, value: string): boolean {
	const shown = property.displayOptions?.show?.[key];
	return Array.isArray(shown) && shown.includes(value);
}

function optionValues(property: INodeProperties | undefined): string[] {
	return (property?.options ?? []).flatMap((o) => ('value' in o ? [String(o.value)] : []));
}

interface PanelOperation {
	resource: string;
	operation: string;
	/** The Simplify parameter's default, when the operation has one. */
	simplifyDefault?: boolean;
}

/** The resource/operation pairs one node version offers, read from its parameters. */
export function panelOperations(description: INodeTypeDescription): PanelOperation[] {
	const { properties } = description;
	const resources = optionValues(properties.find((p) => p.name === 'resource'));
	return resources.flatMap((resource) =>
		optionValues(properties.find((p) => p.name === 'operation' && shownFor(p, 'resource', resource))).map((operation) => {
			const simplify = properties.find(
				(p) => p.name === 'simplify' && shownFor(p, 'resource', resource) && shownFor(p, 'operation', operation),
			);
			return { resource, operation, simplifyDefault: simplify ? simplify.default === true : undefined };
		}),
	);
}

function outputOf(resource: string, operation: string, version: number): OperationOutput {
	const output = OPERATION_OUTPUTS[resource]?.[operation];
	if (!output) {
		throw new Error(
			`Output schema: CRM Lead version ${version} offers ${resource}/${operation}, which scripts/schemas/operationOutputs.ts does not describe`,
		);
	}
	return output;
}

function operationFiles(dir: string, version: number, op: PanelOperation): SchemaFile[] {
	const output = outputOf(op.resource, op.operation, version);
	const base = `${dir}/__schema__/${versionFolder(version)}/${op.resource}/${op.operation}`;
	const file = (suffix: string, simplify: boolean): SchemaFile => ({
		path: `${base}${suffix}.json`,
		schema: outputSchema(output.shape(simplify), simplify ? `${output.description} (Simplify on)` : output.description),
	});
	if (op.simplifyDefault === undefined) return [file('', false)];
	return [file('', op.simplifyDefault), file(`.simplify-${String(!op.simplifyDefault)}`, !op.simplifyDefault)];
}

/** Every schema file of the package, in a stable order. */
export function outputSchemaFiles(): SchemaFile[] {
	const crmLead = new CrmLead();
	const actionFiles = Object.values(crmLead.nodeVersions).flatMap((node) => {
		const { description } = node;
		return versionsOf(description).flatMap((version) =>
			panelOperations(description).flatMap((op) => operationFiles(NODE_DIRS.crmLead, version, op)),
		);
	});
	const trigger = new CrmLeadTrigger().description;
	const simplifyDefault = trigger.properties.find((p) => p.name === 'simplify')?.default === true;
	const triggerFiles = versionsOf(trigger).map((version) => ({
		path: `${NODE_DIRS.crmLeadTrigger}/__schema__/${versionFolder(version)}/output.json`,
		schema: outputSchema(TRIGGER_OUTPUT.shape(simplifyDefault), TRIGGER_OUTPUT.description),
	}));
	return [...actionFiles, ...triggerFiles];
}
