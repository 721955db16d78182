import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { markErrorKind } from '../../transport/errorKinds';
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

/** iBiz's CheckKeyStates: the integer check_key answers, and what each means. */
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
			operation: 'Check lead key',
			itemIndex,
			policy,
		});
		const result = Number(answer);
		const known = Number.isInteger(result) ? KEY_STATES[result] : undefined;
		if (!known) {
			const error = new NodeApiError(ctx.getNode(), { message: 'Unexpected check_key answer' }, {
				message: `The server answered check_key with ${JSON.stringify(answer)}, not 0, 1 or 2`,
				itemIndex,
			});
			throw markErrorKind(error, 'server');
		}
		return [{ json: { id, exists: result === 1, state: known.state, result, message: known.message(id) } }];
	};
}
