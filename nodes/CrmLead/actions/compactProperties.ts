/**
 * The editor loads a node's whole description; version 3 holds the lead's resources and every
 * entity's. Parameters that are the same for several resources (the lead's Filters for Get Many,
 * Export and Report; identical Options collections…) go in once, shown for all of them, where
 * that shows each exactly where it was shown before: merged only when no resource would gain an
 * operation it did not show the parameter for. Versions 1 and 2 keep their descriptions as they are.
 */
import type { INodeProperties } from 'n8n-workflow';

interface Shown {
	resources: string[];
	operations: string[];
}

/** A parameter shown for resources and operations only (the only shape merged). */
function shownFor(property: INodeProperties): Shown | undefined {
	const options = property.displayOptions;
	if (!options || options.hide || !options.show) return undefined;
	const keys = Object.keys(options.show);
	if (keys.length !== 2 || !keys.includes('resource') || !keys.includes('operation')) return undefined;
	const { resource, operation } = options.show;
	if (!Array.isArray(resource) || !Array.isArray(operation)) return undefined;
	return { resources: resource.map(String), operations: operation.map(String) };
}

/** Every operation each resource offers, read from the Operation parameters. */
function operationsByResource(properties: INodeProperties[]): Map<string, Set<string>> {
	const map = new Map<string, Set<string>>();
	for (const property of properties.filter((p) => p.name === 'operation')) {
		for (const resource of (property.displayOptions?.show?.resource ?? []).map(String)) {
			const values = (property.options ?? []).flatMap((o) => ('value' in o ? [String(o.value)] : []));
			map.set(resource, new Set([...(map.get(resource) ?? []), ...values]));
		}
	}
	return map;
}

export function compactProperties(properties: INodeProperties[]): INodeProperties[] {
	const offered = operationsByResource(properties);
	const kept: Array<{ property: INodeProperties; shown?: Shown; body: string }> = [];
	for (const property of properties) {
		const shown = shownFor(property);
		const body = JSON.stringify({ ...property, displayOptions: undefined });
		const twin = shown && kept.find((k) => k.shown && k.body === body && mergeable(k.shown, shown, offered));
		if (twin?.shown && shown) {
			twin.shown = { resources: [...twin.shown.resources, ...shown.resources], operations: [...new Set([...twin.shown.operations, ...shown.operations])] };
			continue;
		}
		kept.push({ property, shown, body });
	}
	return kept.map(({ property, shown }) =>
		shown ? { ...property, displayOptions: { show: { resource: shown.resources, operation: shown.operations } } } : property,
	);
}

/** Whether showing both for the union keeps every resource to exactly its own operations. */
function mergeable(a: Shown, b: Shown, offered: Map<string, Set<string>>): boolean {
	if (a.resources.some((r) => b.resources.includes(r))) return false;
	const gains = (resources: string[], operations: string[]) =>
		resources.some((r) => operations.some((o) => offered.get(r)?.has(o)));
	return !gains(a.resources, b.operations.filter((o) => !a.operations.includes(o))) && !gains(b.resources, a.operations.filter((o) => !b.operations.includes(o)));
}

/** An Options collection shown for some operations of some resources (the lead, its files and documents). */
function isOperationOptions(property: INodeProperties): boolean {
	return property.name === 'options' && property.type === 'collection' && shownFor(property) !== undefined;
}

/**
 * The Options collections of the lead's operations (one per operation, most of them the same
 * request options) as one collection, each option shown for the operations that had it. Done only
 * when that shows every option exactly where it was: the collections agree on everything but their
 * options, no option has its own display rules, an option's name means one definition, and no
 * resource of the merged collection offers an operation of another under the same name.
 */
export function mergeOptionCollections(properties: INodeProperties[]): INodeProperties[] {
	const collections = properties.filter(isOperationOptions);
	if (collections.length < 2) return properties;
	const offered = operationsByResource(properties);
	const resources = [...new Set(collections.flatMap((c) => shownFor(c)?.resources ?? []))];
	const owners = new Map<string, string>();
	for (const resource of resources) {
		for (const operation of offered.get(resource) ?? []) {
			if (owners.has(operation) && owners.get(operation) !== resource) return properties;
			owners.set(operation, resource);
		}
	}
	const frame = (c: INodeProperties) => JSON.stringify({ ...c, options: undefined, displayOptions: undefined });
	if (new Set(collections.map(frame)).size !== 1) return properties;
	const merged = new Map<string, { option: INodeProperties; body: string; operations: Set<string> }>();
	for (const collection of collections) {
		for (const option of (collection.options ?? []) as INodeProperties[]) {
			const body = JSON.stringify(option);
			const seen = merged.get(option.name);
			if (option.displayOptions || (seen && seen.body !== body)) return properties;
			const entry = seen ?? { option, body, operations: new Set<string>() };
			shownFor(collection)?.operations.forEach((operation) => entry.operations.add(operation));
			merged.set(option.name, entry);
		}
	}
	const operations = [...new Set(collections.flatMap((c) => shownFor(c)?.operations ?? []))];
	const options = [...merged.values()].map(({ option, operations: own }) =>
		own.size === operations.length ? option : { ...option, displayOptions: { show: { '/operation': [...own] } } },
	);
	const one: INodeProperties = {
		...collections[0],
		options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		displayOptions: { show: { resource: resources, operation: operations } },
	};
	// After the last parameter of these resources: after every other parameter of each operation.
	const last = properties.reduce((at, property, index) => (shownFor(property)?.resources.some((r) => resources.includes(r)) || property.displayOptions?.show?.resource?.some((r) => resources.includes(String(r))) ? index : at), -1);
	const rest = properties.filter((property) => !collections.includes(property));
	const before = properties.slice(0, last + 1).filter((property) => !collections.includes(property)).length;
	return [...rest.slice(0, before), one, ...rest.slice(before)];
}
