/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
import type { IDataObject, INode } from 'n8n-workflow';

import { collectPages, type Page } from '../../nodes/CrmLead/transport/paging';

const node = { name: 'CRM Lead' } as INode;
const leads = (from: number, count: number): IDataObject[] =>
	Array.from({ length: count }, (_, i) => ({ id: `L${from + i}` }));

/** A fake server over `total` records that serves pages like fetch_default does. */
function server(total: number, opts: { headers?: boolean; capSize?: number } = {}) {
	const calls: Array<[number, number]> = [];
	const fetch = async (page: number, size: number): Promise<Page> => {
		calls.push([page, size]);
		const served = Math.min(size, opts.capSize ?? size);
		const start = page * served;
		const records = leads(start, Math.max(0, Math.min(served, total - start)));
		const headers: Record<string, string> =
			opts.headers === false ? {} : { 'x-page': String(page), 'x-per-page': String(served), 'x-total': String(total) };
		return { records, headers };
	};
	return { fetch, calls };
}

test('returns all records across pages and stops when x-total is reached, without an extra request', async () => {
	const { fetch, calls } = server(250);
	const records = await collectPages(node, fetch, 100);
	expect(records.map((r) => r.id)).toEqual(leads(0, 250).map((r) => r.id));
	expect(calls).toEqual([[0, 100], [1, 100], [2, 100]]);
});

test('an exact multiple of the page size stops on x-total, not on an empty page', async () => {
	const { fetch, calls } = server(200);
	expect(await collectPages(node, fetch, 100)).toHaveLength(200);
	expect(calls).toHaveLength(2);
});

test('without paging headers it stops on the first short or empty page', async () => {
	const short = server(250, { headers: false });
	expect(await collectPages(node, short.fetch, 100)).toHaveLength(250);
	expect(short.calls).toHaveLength(3);
	const exact = server(200, { headers: false });
	expect(await collectPages(node, exact.fetch, 100)).toHaveLength(200);
	expect(exact.calls).toHaveLength(3); // the third page is empty
});

test('a limit asks for no more than needed', async () => {
	const { fetch, calls } = server(1000);
	expect(await collectPages(node, fetch, 500, 30)).toHaveLength(30);
	expect(calls).toEqual([[0, 30]]);
});

test('a server that caps the page size is paged by its own size', async () => {
	const { fetch } = server(2500, { capSize: 1000 });
	const records = await collectPages(node, fetch, 2000);
	expect(new Set(records.map((r) => r.id)).size).toBe(2500);
});

test('a server that ignores `page` fails clearly instead of looping forever', async () => {
	let calls = 0;
	const fetch = async (): Promise<Page> => {
		calls++;
		return { records: leads(0, 100), headers: { 'x-total': '100000' } };
	};
	await expect(collectPages(node, fetch, 100)).rejects.toThrow('seems to ignore the "page" parameter');
	expect(calls).toBe(2);
});

test('a server that ignores `size` and sends everything at once ends after that page', async () => {
	let calls = 0;
	const fetch = async (): Promise<Page> => {
		calls++;
		return { records: leads(0, 5000), headers: {} };
	};
	expect(await collectPages(node, fetch, 100)).toHaveLength(5000);
	expect(calls).toBe(1);
});

test('a non-array answer is an error', async () => {
	const fetch = async () => ({ records: { oops: true } as unknown as IDataObject[], headers: {} });
	await expect(collectPages(node, fetch, 10)).rejects.toThrow('not a JSON array');
});

test('Return All asks for the next page while the current one is on its way, never beyond the last page', async () => {
	let inFlight = 0;
	let mostInFlight = 0;
	const { fetch, calls } = server(1000);
	const slow = async (page: number, size: number): Promise<Page> => {
		inFlight++;
		mostInFlight = Math.max(mostInFlight, inFlight);
		await new Promise((resolve) => setTimeout(resolve, 5));
		inFlight--;
		return await fetch(page, size);
	};
	const records = await collectPages(node, slow, 100);
	expect(records.map((r) => r.id)).toEqual(leads(0, 1000).map((r) => r.id));
	expect(calls.map(([page]) => page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	expect(mostInFlight).toBe(2);
	// with a Limit, one page at a time (it may end before the last page)
	inFlight = 0;
	mostInFlight = 0;
	await collectPages(node, slow, 100, 450);
	expect(mostInFlight).toBe(1);
});
