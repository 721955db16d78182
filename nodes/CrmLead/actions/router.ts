import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { FieldValueError } from '../fields/convert';
import { errorFieldsOf, errorKindOf, markErrorKind, type ErrorKind } from '../transport/errorKinds';
import { liveSecrets, scrubError } from '../transport/errorScrub';
import { BulkSave } from './common/bulkSave';
import { readConcurrency, readLeadsPerRequest } from './common/parameters';
import { LeadOrder } from './leadOrder';
import { runConcurrently } from './runConcurrently';
import { toTasks, type Task } from './tasks';
import type { ItemOutcome, NodeOperations, PreparedItem } from './types';

/** Any error from one item → an n8n error that names the item (and the field, for bad values). */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	if (error instanceof FieldValueError) {
		const invalid = new NodeOperationError(ctx.getNode(), error.message, {
			itemIndex,
			description: `Check the value given for "${error.field}" (item ${itemIndex})`,
		});
		return markErrorKind(invalid, 'invalidValue', [error.field]);
	}
	return markErrorKind(new NodeOperationError(ctx.getNode(), error as Error, { itemIndex }), 'server');
}

/**
 * The failure's kind: the transport marks every error that came from a call; an error the node
 * raised itself before sending (a parameter it cannot use) is the request's fault.
 */
function kindOf(error: NodeApiError | NodeOperationError): ErrorKind {
	return errorKindOf(error) ?? (error instanceof NodeApiError ? 'server' : 'invalidRequest');
}

/** The Continue On Fail item: the kind to branch on, the English message, the server's words, the status as sent. */
function errorItem(error: NodeApiError | NodeOperationError): IDataObject {
	const json: IDataObject = { errorKind: kindOf(error), error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	const fields = errorFieldsOf(error);
	if (fields) json.errorFields = fields;
	return json;
}

/** Run as an AI agent's tool (n8n's generated `…Tool` node type), the node answers a model, not a person. */
function runsAsTool(ctx: IExecuteFunctions): boolean {
	return ctx.getNode().type.endsWith('Tool');
}

/**
 * n8n hands a failed tool call to the model as `{"error": <message>}` only: the kind and the
 * server's words go into that message, kind first, so the model can decide its next call.
 */
function forModel(error: NodeApiError | NodeOperationError): NodeApiError | NodeOperationError {
	const headline = /[.!?)]$/.test(error.message) ? error.message : `${error.message}.`;
	error.message = `${kindOf(error)}: ${headline}${error.description ? ` ${error.description}` : ''}`;
	return error;
}

/** The leads a task writes: later tasks writing one of them wait for it (leadOrder.ts). */
function writtenKeys(task: Task): string[] {
	const writes = 'leads' in task ? task.leads.map((lead) => lead.writes) : [task.writes];
	return writes.filter((key): key is string => key !== undefined);
}

/**
 * The node's only item loop: dispatches each item to its operation (possibly several at once),
 * keeps output in input order, pairs every output with its input, and honours Continue On Fail.
 *
 * Two phases: first every item's parameters are resolved, back to back; then the calls are made
 * with the chosen concurrency. n8n 2.41 evaluates expressions in an isolate, and an evaluation
 * costs several times more when it runs between network waits than in a tight loop (profiled in
 * BENCHMARK.md) — this is how n8n's HTTP Request node gets its speed too. A bad parameter also
 * stops the node before any request is sent (without Continue On Fail).
 *
 * With Leads Per Request above 1, consecutive bulk-able items (Create or Update with an ID) form
 * chunks that go as one request each (common/bulkSave.ts); a chunk counts as one task of the
 * Batching concurrency. Each item still gets exactly its own output or error item.
 *
 * Two tasks that write the same lead never run at once, and the later one starts only when the
 * earlier one (with its retries and halvings) is done (leadOrder.ts): the server ends with the
 * last input value of every ID. Different leads still go concurrently.
 */
export async function route(ctx: IExecuteFunctions, operations: NodeOperations): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operationName = ctx.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const results: INodeExecutionData[][] = new Array(items.length);
	// Every error leaves through fail(), scrubbed of the credential's secrets as they are then.
	const secrets = await liveSecrets(ctx);
	const fail = (error: unknown, itemIndex: number) => {
		const nodeError = scrubError(asNodeError(ctx, error, itemIndex), secrets());
		if (!ctx.continueOnFail()) throw runsAsTool(ctx) ? forModel(nodeError) : nodeError;
		results[itemIndex] = [{ json: errorItem(nodeError), pairedItem: { item: itemIndex } }];
	};

	const prepared: PreparedItem[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const call = await operation.prepare(ctx, itemIndex);
			prepared.push(typeof call === 'function' ? { itemIndex, call } : { itemIndex, ...call });
		} catch (error) {
			fail(error, itemIndex);
		}
	}

	const settle = (itemIndex: number, outcome: ItemOutcome) => {
		if ('error' in outcome) return fail(outcome.error, itemIndex);
		// The operations' output items are their own: paired in place, not copied.
		for (const item of outcome.output) item.pairedItem = { item: itemIndex };
		results[itemIndex] = outcome.output;
	};
	const tasks = toTasks(prepared, readLeadsPerRequest(ctx));
	const bulk = new BulkSave();
	const order = new LeadOrder();
	const runTask = async (task: Task) => {
		if ('leads' in task) {
			await bulk.run(ctx, task.leads, (lead, outcome) => settle(lead.itemIndex, outcome));
			return;
		}
		try {
			settle(task.itemIndex, { output: await task.call() });
		} catch (error) {
			fail(error, task.itemIndex);
		}
	};
	await runConcurrently(tasks.length, readConcurrency(ctx), async (index) => {
		const task = tasks[index];
		await order.inTurn(writtenKeys(task), async () => await runTask(task));
	});
	if (bulk.notice) ctx.addExecutionHints({ message: bulk.notice, type: 'warning', location: 'outputPane' });
	return [results.flat()];
}
