import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { recordFromWire, type OutputShape } from '../../fields/convert';

/** Wire records → output items, shaped by Simplify / Convert Values. */
export function recordItems(records: IDataObject[], shape: OutputShape): INodeExecutionData[] {
	return records.map((record) => ({ json: recordFromWire(record, shape) }));
}
