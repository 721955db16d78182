import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { recordFromWire } from '../../fields/convert';
import { readOutputShape } from './parameters';

/** Wire records → output items, shaped by Simplify / Convert Values. */
export async function recordItems(
	ctx: IExecuteFunctions,
	itemIndex: number,
	records: IDataObject[],
	simplifiable = false,
): Promise<INodeExecutionData[]> {
	const shape = await readOutputShape(ctx, itemIndex, simplifiable);
	return records.map((record) => ({ json: recordFromWire(record, shape) }));
}
