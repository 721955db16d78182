/**
 * The file endpoints of every entity (the pages' standard set): the import template, Export,
 * Import, Import and Get Error File, Start Async Import, Print and Report — the lead's shared
 * calls (common/download.ts, common/spreadsheetImport.ts, importExport/…) with the entity's
 * collection, file names and list.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Entity } from '../../entities';
import { prepareDownload } from '../common/download';
import { readNodeParameter } from '../common/nodeParameter';
import { prepareImport } from '../common/spreadsheetImport';
import { prepareImportWithErrorFile } from '../importExport/importWithErrorFile.operation';
import { prepareAsyncImport } from '../importExport/startAsyncImport.operation';
import type { ItemCall } from '../types';
import { readCollection, readRecordId } from './collection';
import { listQuery, readDataSet } from './list.operations';

/** File names as the server would give them when it sends none: res_partner_export.xlsx. */
const fileStem = (entity: Entity) => entity.path.replace(/ies$/, 'y').replace(/s$/, '');

export async function downloadTemplate(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	const tag = readNodeParameter(ctx, 'importTag', itemIndex, '');
	return prepareDownload(
		ctx,
		itemIndex,
		{ method: 'GET', path: [...readCollection(ctx, itemIndex, entity), 'importtemplate'], qs: tag ? { srfimporttag: tag } : undefined, operation: `Download ${entity.table.noun} import template` },
		{ fallbackName: `${fileStem(entity)}_import_template.xlsx` },
	);
}

export async function exportRecords(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	const dataSet = readDataSet(ctx, itemIndex, { entity, known: true });
	const key = String(readNodeParameter(ctx, 'singleRecordId', itemIndex, '')).trim();
	const tag = readNodeParameter(ctx, 'exportTag', itemIndex, '');
	const body: IDataObject = await listQuery(ctx, itemIndex, { entity, known: true });
	if (!readNodeParameter(ctx, 'returnAll', itemIndex, false)) Object.assign(body, { page: 0, size: readNodeParameter(ctx, 'limit', itemIndex, 50) });
	const collection = readCollection(ctx, itemIndex, entity);
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'POST',
			path: key ? [...collection, 'exportdata', dataSet, key] : [...collection, 'exportdata', dataSet],
			qs: tag ? { srfexporttag: tag } : undefined,
			body,
			operation: `Export ${entity.plural}`,
			...(key ? { recordKey: key, subject: entity.displayName } : {}),
		},
		{ fallbackName: `${fileStem(entity)}_export.xlsx` },
	);
}

export async function importRecords(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	const send = prepareImport<IDataObject>(ctx, itemIndex, 'importdata', false, { collection: readCollection(ctx, itemIndex, entity), plural: entity.plural });
	return async () => [{ json: (await send()).body }];
}

export async function importWithErrorFile(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	return prepareImportWithErrorFile(ctx, itemIndex, { collection: readCollection(ctx, itemIndex, entity), plural: entity.plural, fallbackName: `${fileStem(entity)}_import_errors.xlsx` });
}

export async function startAsyncImport(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	return prepareAsyncImport(ctx, itemIndex, readCollection(ctx, itemIndex, entity));
}

export async function print(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	const id = readRecordId(ctx, itemIndex, entity);
	const contentType = readNodeParameter(ctx, 'contentType', itemIndex, 'pdf');
	const tag = readNodeParameter(ctx, 'printTag', itemIndex, '');
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'GET',
			path: [...readCollection(ctx, itemIndex, entity), 'printdata', id],
			qs: { srfcontenttype: contentType, ...(tag ? { srfprinttag: tag } : {}) },
			operation: `Print ${entity.table.noun}`,
			recordKey: id,
			subject: entity.displayName,
		},
		{ fallbackName: `${fileStem(entity)}_${id}.${contentType}`, json: { id } },
	);
}

export async function report(ctx: IExecuteFunctions, itemIndex: number, entity: Entity): Promise<ItemCall> {
	const contentType = readNodeParameter(ctx, 'contentType', itemIndex, 'pdf');
	const tag = readNodeParameter(ctx, 'reportTag', itemIndex, '');
	const body = await listQuery(ctx, itemIndex, { entity, known: true });
	return prepareDownload(
		ctx,
		itemIndex,
		{
			method: 'POST',
			path: [...readCollection(ctx, itemIndex, entity), 'report'],
			qs: { srfcontenttype: contentType, ...(tag ? { srfreporttag: tag } : {}) },
			body,
			operation: `Render ${entity.table.noun} report`,
		},
		{ fallbackName: `${fileStem(entity)}_report.${contentType}` },
	);
}
