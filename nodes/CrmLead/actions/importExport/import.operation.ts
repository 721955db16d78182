import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputBinaryParameter } from '../common/binaryParameters';
import { prepareImport } from '../common/spreadsheetImport';
import { optionsCollection, requestOptions } from '../common/options.description';
import type { ItemCall } from '../types';
import { importTagParameter } from './tags.description';

const properties: INodeProperties[] = [inputBinaryParameter, importTagParameter, optionsCollection(requestOptions)];

export const description = updateDisplayOptions({ show: { resource: ['importExport'], operation: ['import'] } }, properties);

export async function prepare(ctx: IExecuteFunctions, itemIndex: number): Promise<ItemCall> {
	const send = prepareImport<IDataObject>(ctx, itemIndex, 'importdata', false);
	return async () => [{ json: (await send()).body }];
}
