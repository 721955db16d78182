import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { crmRequest } from '../../transport/request';
import type { ItemCall } from '../types';
import { readExtraParameters, readPolicy } from './parameters';

/** iBiz's CheckKeyStates: the integer check_key answers, and what each means (true/false read as 1/0). */
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
			answer: 'keyState',
			changesData: false,
			operation: `Check ${noun} key`,
			itemIndex,
			policy,
		});
		// The transport let through only the states the servers send (0, 1, 2; classic's generated
		// check key answers a Boolean): anything else, an empty answer included, is a `server` error,
		// never "not found".
		const result = answer === true ? 1 : answer === false ? 0 : (answer as number);
		const known = KEY_STATES[result];
		return [{ json: { id, exists: result === 1, state: known.state, result, message: known.message(noun, id) } }];
	};
}
