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
