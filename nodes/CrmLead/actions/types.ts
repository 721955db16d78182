import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation of the node: its parameters and what it does for ONE input item. The router
 * owns the item loop, pairing, concurrency and Continue On Fail, so operations cannot get them wrong.
 */
export interface Operation {
	description: INodeProperties[];
	execute(ctx: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

export type ResourceOperations = Record<string, Operation>;
