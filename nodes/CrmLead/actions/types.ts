import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OutputShape } from '../fields/convert';
import type { RequestPolicy } from '../transport/request';

/** One item's work once its parameters are resolved: sends the request(s) and shapes the output. */
export type ItemCall = () => Promise<INodeExecutionData[]>;

/**
 * A lead that may travel in a bulk request with others (Create or Update with an ID only): its
 * wire body, how its output is shaped, and its request policy. `call` stays its one-lead request,
 * used when bulk is off, when the server refuses arrays, and to find the failing leads of a chunk.
 */
export interface BulkLead {
	body: IDataObject;
	shape: OutputShape;
	policy: RequestPolicy;
	/** Where the records live, for another entity than the lead: ['res_partners']; chunks never mix two. */
	collection?: readonly string[];
	/** What the records are, plural, for another entity than the lead: "contacts". */
	plural?: string;
}

/**
 * What `prepare` hands the router: the item's call; for a call that writes one lead, that lead's
 * ID (`writes`: two writes of one lead run in input order, never at once); for bulk-able items
 * also the lead.
 */
export type PreparedCall = ItemCall | { call: ItemCall; writes?: string; bulk?: BulkLead };

/**
 * One input item on its way through the router, after its `prepare`: the item's call, the lead it
 * writes, and its bulk lead when it may travel with others. The one name for an item in flight.
 */
export interface PreparedItem {
	itemIndex: number;
	call: ItemCall;
	/** The ID of the lead this call writes, if it writes one. */
	writes?: string;
	bulk?: BulkLead;
}

/** A prepared item that travels in a bulk chunk: its bulk lead's body, shape and policy, inline. */
export interface BulkItem extends BulkLead {
	itemIndex: number;
	call: ItemCall;
	writes?: string;
}

/** What became of one item: its output items, or the error it failed with. */
export type ItemOutcome = { output: INodeExecutionData[] } | { error: unknown };

/**
 * One operation of the node: its parameters and what it does for ONE input item, in two steps.
 * `prepare` only reads and checks the item's parameters (no request); the call it returns does
 * the I/O. The router owns the item loop, pairing, concurrency, bulk chunks and Continue On Fail,
 * and runs every item's `prepare` before the first call (see router.ts for why).
 */
export interface Operation {
	description: INodeProperties[];
	prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<PreparedCall>;
}

export type ResourceOperations = Record<string, Operation>;

/** Every operation of one node version, by resource and operation name. */
export type NodeOperations = Record<string, ResourceOperations>;
