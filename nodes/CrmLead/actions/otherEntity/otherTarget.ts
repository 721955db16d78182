/**
 * The generic resource (Other Entity, like Odoo's Custom Resource): the entity is named by its
 * path below the Base URL. Where the server describes its entities (OpenAPI, transport/
 * serverDescription.ts), the path, the operation's endpoint and the fields are checked against
 * that description before anything is sent, and the fields are converted by the server's types;
 * where it does not, everything goes by name, as given. Every refusal is an English error of
 * kind invalidRequest (what was asked cannot be sent) or invalidValue (a field), never a request
 * the server would refuse in its own words.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Entity } from '../../entities';
import { STANDARD_ENDPOINTS } from '../../entities/endpoints';
import { endpointKey, entityByName } from '../../entities/openApi';
import { FieldValueError, fieldsToWire, parseJson } from '../../fields/convert';
import { markErrorKind } from '../../transport/errorKinds';
import { serverDescription } from '../../transport/serverDescription';
import { trimmedKey, withTrimmedKey } from '../common/leadKey';
import { readMappedLeadBody } from '../common/leadBody';
import { readNodeParameter } from '../common/nodeParameter';
import { readExtraParameters, readZones } from '../common/parameters';
import type { Target } from '../entity/collection';
import { readDataSet } from '../entity/list.operations';

export const ENTITY_PATH = 'entityPath';
export const PARENT_PATH = 'parentPath';
export const FIELDS_INPUT = 'fieldsInput';

/** One path segment: what the platform's generated paths are made of (res_partners, crm_teams). */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;

function refuse(ctx: IExecuteFunctions, itemIndex: number, message: string, description: string): NodeOperationError {
	return markErrorKind(new NodeOperationError(ctx.getNode(), message, { itemIndex, description }), 'invalidRequest');
}

function readSegment(ctx: IExecuteFunctions, itemIndex: number, name: string, what: string): string | undefined {
	const raw = readNodeParameter<unknown>(ctx, name, itemIndex, '', { extractValue: true });
	const value = typeof raw === 'string' ? raw.trim().replace(/^\/+|\/+$/g, '') : '';
	if (value === '') return undefined;
	if (!SEGMENT.test(value)) {
		throw refuse(ctx, itemIndex, `The ${what} "${value.slice(0, 80)}" is not an entity path`, `Give the entity's name as it appears in the API's paths below the Base URL, e.g. crm_teams (letters, digits and _ only)`);
	}
	return value;
}

/** The endpoint an operation calls, as the description writes it (path parameters as {}). */
function endpointOf(operation: string, collection: string, dataSet: string): string {
	if (operation === 'getMany') return endpointKey('POST', `${collection}/${dataSet}`);
	const standard = STANDARD_ENDPOINTS.find((e) => e.operation === operation);
	return endpointKey(standard?.method ?? 'POST', `${collection}${standard?.suffix ?? ''}`);
}

async function readFields(ctx: IExecuteFunctions, itemIndex: number, entity: Entity, known: boolean): Promise<IDataObject> {
	const input = readNodeParameter<string>(ctx, FIELDS_INPUT, itemIndex, 'keyValue');
	if (input === 'mapper') {
		if (known) return await readMappedLeadBody(ctx, itemIndex, entity.table);
		// No description, no columns: Map Automatically sends the input item as it is.
		return { ...ctx.getInputData()[itemIndex].json, ...readExtraParameters(ctx, itemIndex) };
	}
	let values: IDataObject = {};
	if (input === 'json') {
		const text = readNodeParameter<unknown>(ctx, 'fieldsJson', itemIndex, '{}');
		const parsed = typeof text === 'string' ? parseJson(text) : { ok: true as const, value: text };
		if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
			throw new FieldValueError('fieldsJson', 'expects a JSON object of field names and values, e.g. {"name": "Direct Sales"}');
		}
		values = parsed.value as IDataObject;
	} else {
		const pairs = (readNodeParameter<IDataObject>(ctx, 'fieldValues', itemIndex, {}).field ?? []) as Array<{ name?: string; value?: unknown }>;
		for (const { name, value } of pairs) if (name && name.trim()) values[name.trim()] = value as IDataObject[string];
	}
	// With the server's description, every field is checked and converted by its type; an unknown one fails naming it.
	const body = known ? fieldsToWire(values, await readZones(ctx, itemIndex), 'error', entity.table) : values;
	return withTrimmedKey({ ...body, ...readExtraParameters(ctx, itemIndex) });
}

export async function otherTarget(ctx: IExecuteFunctions, itemIndex: number, operation: string): Promise<Target> {
	const path = readSegment(ctx, itemIndex, ENTITY_PATH, 'entity');
	if (path === undefined) throw refuse(ctx, itemIndex, 'The entity is empty', 'Pick the entity from the list, or give its path, e.g. crm_teams');
	const parentPath = readSegment(ctx, itemIndex, PARENT_PATH, 'parent');
	const parentId = trimmedKey(readNodeParameter<unknown>(ctx, 'parentId', itemIndex, ''));
	if (parentPath !== undefined && parentId === undefined) {
		throw refuse(ctx, itemIndex, `The Parent Path "${parentPath}" needs a Parent Record ID`, `The call would go to /${parentPath}/{ID}/${path}: give the ID of the ${parentPath} record, or clear Parent Path`);
	}
	if (parentId !== undefined && parentPath === undefined) {
		throw refuse(ctx, itemIndex, `The Parent Record ID "${parentId}" needs a Parent Path`, `Give the parent entity's path (e.g. mail_threads), or clear Parent Record ID`);
	}
	const collection = parentPath === undefined ? [path] : [parentPath, parentId as string, path];
	const description = await serverDescription(ctx, itemIndex);
	let entity = entityByName(path);
	let known = false;
	if ('described' in description) {
		const described = description.described.get(path);
		if (!described) {
			const offered = [...description.described.keys()];
			throw refuse(ctx, itemIndex, `The server has no entity "${path}"`, `Its OpenAPI description lists ${offered.length}: ${offered.slice(0, 20).join(', ')}${offered.length > 20 ? ', …' : ''}`);
		}
		entity = described.entity;
		known = true;
		const dataSet = operation === 'getMany' ? readDataSet(ctx, itemIndex, { entity, known: false }) : '';
		const template = parentPath === undefined ? `/${path}` : `/${parentPath}/{}/${path}`;
		const endpoint = endpointOf(operation, template, dataSet);
		if (!described.endpoints.has(endpoint)) {
			throw refuse(ctx, itemIndex, `The server does not offer this operation for "${path}"`, `Its OpenAPI description has no ${endpoint.replace('{}', '{ID}')}`);
		}
	}
	return { entity, collection, known, readBody: async () => await readFields(ctx, itemIndex, entity, known) };
}
