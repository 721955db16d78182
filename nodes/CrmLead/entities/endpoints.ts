/**
 * Every endpoint of an entity, each mapped to the node operation that calls it: the standard set
 * every generated iBiz entity has, its lists (Get Many's List), its actions, and all of them again
 * under its parent when it has one. test/unit/entityTables.test.ts holds this against the docs page.
 */
import type { Entity } from './entity';

export interface Endpoint {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** The path template as the docs page writes it: /res_partners/{key}, /mail_threads/{pkey}/… */
	path: string;
	/** The node operation that calls it. */
	operation: string;
	/** The docs page's section heading. */
	docsHeading: string;
	/** For Get Many: the data set the List parameter picks. */
	dataSet?: string;
}

interface StandardEndpoint {
	operation: string;
	method: Endpoint['method'];
	suffix: string;
	/** The section heading, with {name} for the page's name of a record. */
	heading: string;
}

/** The standard set of a generated entity, in the docs page's order. */
export const STANDARD_ENDPOINTS: readonly StandardEndpoint[] = [
	{ operation: 'create', method: 'POST', suffix: '', heading: '创建{name}' },
	{ operation: 'get', method: 'GET', suffix: '/{key}', heading: '获取{name}' },
	{ operation: 'delete', method: 'DELETE', suffix: '/{key}', heading: '删除{name}' },
	{ operation: 'update', method: 'PUT', suffix: '/{key}', heading: '更新{name}' },
	{ operation: 'checkKey', method: 'POST', suffix: '/check_key', heading: '检查{name}主键' },
	{ operation: 'getDraft', method: 'GET', suffix: '/get_draft', heading: '获取{name}草稿' },
	{ operation: 'upsert', method: 'POST', suffix: '/save', heading: '保存{name}' },
	{ operation: 'downloadTemplate', method: 'GET', suffix: '/importtemplate', heading: '下载导入模板' },
	{ operation: 'export', method: 'POST', suffix: '/exportdata/{param}', heading: '数据导出' },
	{ operation: 'import', method: 'POST', suffix: '/importdata', heading: '数据导入' },
	{ operation: 'importWithErrorFile', method: 'POST', suffix: '/importdata2', heading: '数据导入（返回错误excel）' },
	{ operation: 'startAsyncImport', method: 'GET', suffix: '/asyncimportdata2', heading: '自定义表头导入（异步）' },
	{ operation: 'print', method: 'GET', suffix: '/printdata/{key}', heading: '数据打印' },
	{ operation: 'report', method: 'POST', suffix: '/report', heading: '报表打印' },
];

/** The operations every entity resource offers (the standard set, Get Many for the lists). */
export const STANDARD_OPERATIONS: readonly string[] = [...STANDARD_ENDPOINTS.map((e) => e.operation), 'getMany'];

function topLevel(entity: Entity): Endpoint[] {
	const base = `/${entity.path}`;
	const standard = STANDARD_ENDPOINTS.map((e) => ({
		method: e.method,
		path: `${base}${e.suffix}`,
		operation: e.operation,
		docsHeading: e.heading.replace('{name}', entity.docsName),
	}));
	const lists = entity.lists.map((list) => ({
		method: 'POST' as const,
		path: `${base}/${list.dataSet}`,
		operation: 'getMany',
		docsHeading: list.docsHeading,
		dataSet: list.dataSet,
	}));
	const actions = entity.actions.map((action) => ({
		method: action.method,
		path: action.scope === 'record' ? `${base}/{key}/${action.segment}` : `${base}/${action.segment}`,
		operation: action.operation,
		docsHeading: action.docsHeading,
	}));
	return [...standard, ...lists, ...actions];
}

/** Every endpoint of the entity: the top-level ones, then (with a parent) the same under /<parent>/{pkey}. */
export function entityEndpoints(entity: Entity): Endpoint[] {
	const own = topLevel(entity);
	const { parent } = entity;
	if (!parent) return own;
	const nested = own.map((e) => ({
		...e,
		path: `/${parent.path}/{pkey}${e.path}`,
		docsHeading: `${parent.docsPrefix}${e.docsHeading}`,
	}));
	return [...own, ...nested];
}
