import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/** One item's work once its parameters are resolved: sends the request(s) and shapes the output. */
export type ItemCall = () => Promise<INodeExecutionData[]>;

/**
 * One operation of the node: its parameters and what it does for ONE input item, in two steps.
 * `prepare` only reads and checks the item's parameters (no request); the call it returns does
 * the I/O. The router owns the item loop, pairing, concurrency and Continue On Fail, and runs
 * every item's `prepare` before the first call (see router.ts for why).
 */
export interface Operation {
	description: INodeProperties[];
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall>;
}

export type ResourceOperations = Record<string, Operation>;

/** Every operation of one node version, by resource and operation name. */
export type NodeOperations = Record<string, ResourceOperations>;
