import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldsToWire, type UnknownFieldPolicy } from '../../fields/convert';
import type { FieldTable } from '../../fields/fieldTable';
import { LEAD_TABLE } from '../../fields/leadFields';
import { withTrimmedKey } from './leadKey';
import { readNodeParameter } from './nodeParameter';
import { readExtraParameters, readOptions, readZones } from './parameters';

/**
 * The request body of Create / Update / Save (and Get Draft's values): the lead's fields given in
 * the node, or the input item itself ("auto-map", for syncs), converted to wire values (errors
 * name the field), plus Extra Parameters.
 */
async function toLeadBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	source: { autoMap: true } | { autoMap: false; values: IDataObject },
	table: FieldTable = LEAD_TABLE,
): Promise<IDataObject> {
	const zones = await readZones(ctx, itemIndex);
	const body = source.autoMap
		? fieldsToWire(
				ctx.getInputData()[itemIndex].json,
				zones,
				(readOptions(ctx, itemIndex).unknownFields ?? 'ignore') as UnknownFieldPolicy,
				table,
			)
		: fieldsToWire(source.values, zones, 'error', table);
	return withTrimmedKey({ ...body, ...readExtraParameters(ctx, itemIndex) });
}

/** Version 1: Fields Source (Define Below: main parameters plus a field collection; or Auto-Map Input Data). */
export async function readLeadBody(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: { collection: string; mainParameters: readonly string[] },
): Promise<IDataObject> {
	const dataMode = readNodeParameter<string>(ctx, 'dataMode', itemIndex, 'defineBelow');
	if (dataMode === 'autoMapInputData') return await toLeadBody(ctx, itemIndex, { autoMap: true });
	const main: IDataObject = {};
	for (const name of spec.mainParameters) {
		const value = readNodeParameter<IDataObject[string]>(ctx, name, itemIndex, '');
		if (value !== '' && value !== undefined) main[name] = value;
	}
	// A spread, not Object.assign: a `__proto__` key in the collection stays a key (and is refused as unknown).
	const values: IDataObject = { ...main, ...readNodeParameter<IDataObject>(ctx, spec.collection, itemIndex, {}) };
	return await toLeadBody(ctx, itemIndex, { autoMap: false, values });
}

/**
 * Version 2 and later: the resource mapper (Map Each Field Below, or Map Automatically), for a
 * lead or any other entity (its field table). Only fields given a value are sent: the mapper lists
 * every field, and one left empty means "leave it as it is". n8n's own type check is skipped so
 * that a bad value fails in fields/convert, naming the field.
 */
export async function readMappedLeadBody(ctx: IExecuteFunctions, itemIndex: number, table: FieldTable = LEAD_TABLE): Promise<IDataObject> {
	const mode = readNodeParameter<string>(ctx, 'columns.mappingMode', itemIndex, 'defineBelow');
	if (mode === 'autoMapInputData') return await toLeadBody(ctx, itemIndex, { autoMap: true }, table);
	const mapped = readNodeParameter<IDataObject | null>(ctx, 'columns.value', itemIndex, {}, { skipValidation: true });
	const values = Object.fromEntries(
		Object.entries(mapped ?? {}).filter(([, value]) => value !== null && value !== undefined && value !== ''),
	);
	return await toLeadBody(ctx, itemIndex, { autoMap: false, values }, table);
}
