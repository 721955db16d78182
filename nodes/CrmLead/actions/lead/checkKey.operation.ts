import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import { extraParametersCollection } from '../common/fields.description';
import { batchingOption, optionsCollection, requestOptions } from '../common/options.description';
import { readExtraParameters, readLeadId, readPolicy } from '../common/parameters';
import type { ItemCall } from '../types';

const properties: INodeProperties[] = [
	{
		displayName: 'Lead ID',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		description:
			'The key to look up. Returns exists (true/false), state (notFound, exists or deleted) and the raw result (0, 1 or 2).',
	},
	extraParametersCollection,
	optionsCollection([...requestOptions, batchingOption]),
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['checkKey'] } }, properties);

/** iBiz's CheckKeyStates: the integer check_key answers, and what each means (true/false read as 1/0). */
const KEY_STATES: Record<number, { state: string; message: (id: string) => string }> = {
	0: { state: 'notFound', message: (id) => `No lead has ID "${id}"` },
	1: { state: 'exists', message: (id) => `A lead with ID "${id}" exists` },
	2: { state: 'deleted', message: (id) => `The lead with ID "${id}" was deleted` },
};

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const id = readLeadId(ctx, itemIndex);
	const body: IDataObject = { ...readExtraParameters(ctx, itemIndex), id };
	const policy = readPolicy(ctx, itemIndex);
	return async () => {
		const { body: answer } = await crmRequest<unknown>(ctx, {
			method: 'POST',
			path: ['crm_leads', 'check_key'],
			body,
			answer: 'keyState',
			changesData: false,
			operation: 'Check lead key',
			itemIndex,
			policy,
		});
		// The transport let through only the states the servers send (0, 1, 2; classic's generated
		// check key answers a Boolean): anything else, an empty answer included, is a `server` error,
		// never "not found".
		const result = answer === true ? 1 : answer === false ? 0 : (answer as number);
		const known = KEY_STATES[result];
		return [{ json: { id, exists: result === 1, state: known.state, result, message: known.message(id) } }];
	};
}
