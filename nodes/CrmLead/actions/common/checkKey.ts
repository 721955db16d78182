import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { markErrorKind } from '../../transport/errorKinds';
import { crmRequest } from '../../transport/request';
import type { ItemCall } from '../types';
import { readExtraParameters, readPolicy } from './parameters';

/** iBiz's CheckKeyStates: the integer check_key answers, and what each means. */
const KEY_STATES: Record<number, { state: string; message: (noun: string, id: string) => string }> = {
	0: { state: 'notFound', message: (noun, id) => `No ${noun} has ID "${id}"` },
	1: { state: 'exists', message: (noun, id) => `A ${noun} with ID "${id}" exists` },
	2: { state: 'deleted', message: (noun, id) => `The ${noun} with ID "${id}" was deleted` },
};

/** Check Key for any entity: POST <collection>/check_key → exists, state (notFound, exists, deleted), result, message. */
export function prepareCheckKeyCall(
	ctx: IExecuteFunctions,
	itemIndex: number,
	{ collection, noun, id }: { collection: readonly string[]; noun: string; id: string },
): ItemCall {
	const body: IDataObject = { ...readExtraParameters(ctx, itemIndex), id };
	const policy = readPolicy(ctx, itemIndex);
	return async () => {
		const { body: answer } = await crmRequest<unknown>(ctx, {
			method: 'POST',
			path: [...collection, 'check_key'],
			body,
			operation: `Check ${noun} key`,
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
		return [{ json: { id, exists: result === 1, state: known.state, result, message: known.message(noun, id) } }];
	};
}
