/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
import type { IDataObject, INode } from 'n8n-workflow';

import { collectPages, type Page } from '../../nodes/CrmLead/transport/paging';
import { rowOrderOf } from '../../nodes/CrmLead/transport/rowOrder';

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

test('an exact multiple of the page size: x-total reached on a full page is confirmed by one empty page', async () => {
	const { fetch, calls } = server(200);
	expect(await collectPages(node, fetch, 100)).toHaveLength(200);
	// The third request proves x-total right: a server whose x-total is too low would otherwise cut the list.
	expect(calls).toEqual([[0, 100], [1, 100], [2, 100]]);
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
	// page 10 confirms x-total; it is asked for only after page 9, never ahead
	expect(calls.map(([page]) => page)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	expect(mostInFlight).toBe(2);
	// with a Limit, one page at a time (it may end before the last page)
	inFlight = 0;
	mostInFlight = 0;
	await collectPages(node, slow, 100, 450);
	expect(mostInFlight).toBe(1);
});

describe('signals that disagree are errors that name the behaviour, never a short or duplicated list', () => {
	const headersOf = (total: number, perPage?: number): Record<string, string> => ({
		'x-total': String(total),
		...(perPage === undefined ? {} : { 'x-per-page': String(perPage) }),
	});
	/** 300 rows served in pages of `served`, with the headers `headers(page)` says. */
	const rows300 = (served: (size: number) => number, headers: (page: number, size: number) => Record<string, string>) =>
		async (page: number, size: number): Promise<Page> => {
			const n = served(size);
			return { records: leads(page * n, Math.max(0, Math.min(n, 300 - page * n))), headers: headers(page, size) };
		};

	test('x-total too low (300 rows, x-total 100, pages of 100): the confirming page finds more rows', async () => {
		const fetch = rows300((size) => size, () => headersOf(100, 100));
		await expect(collectPages(node, fetch, 100)).rejects.toThrow(/^The server's x-total header says 100 rows, but it sent 200/);
	});

	test('x-total too low with a page larger than it (Page Size 500)', async () => {
		const fetch = rows300((size) => size, () => headersOf(100, 500));
		await expect(collectPages(node, fetch, 500)).rejects.toThrow(/^The server's x-total header says 100 rows, but it sent 300/);
	});

	test('pages capped at 100 without x-per-page while x-total says 300', async () => {
		const fetch = rows300((size) => Math.min(size, 100), () => headersOf(300));
		await expect(collectPages(node, fetch, 500)).rejects.toThrow(/^The server caps pages at 100 rows without saying so .* Set Page Size to 100 or less/);
	});

	test('a capped page that the server announces in x-per-page is paged by that size', async () => {
		const fetch = rows300((size) => Math.min(size, 100), (_page, size) => headersOf(300, Math.min(size, 100)));
		expect(await collectPages(node, fetch, 500)).toHaveLength(300);
	});

	test('x-total too high: the list ends short of it', async () => {
		const fetch = rows300((size) => size, (_page, size) => headersOf(400, size));
		await expect(collectPages(node, fetch, 100)).rejects.toThrow(/^The server's x-total header says 400 rows, but its list ended after 300/);
	});

	test('x-total changing between pages: the list moved under the walk', async () => {
		const fetch = rows300((size) => size, (page, size) => headersOf(page === 0 ? 300 : 299, size));
		await expect(collectPages(node, fetch, 100)).rejects.toThrow(/^The list changed while it was being read \(x-total went from 300 to 299/);
	});

	test('rows repeated from an earlier page (overlapping pages)', async () => {
		const fetch = async (page: number, size: number): Promise<Page> => ({
			records: leads(Math.max(0, page * size - 1), size),
			headers: headersOf(1000, size),
		});
		await expect(collectPages(node, fetch, 100)).rejects.toThrow(/^The server repeated 1 rows of an earlier page on page 1/);
	});
});

describe('the order asked for is checked on numbers and timestamps', () => {
	const rows = (values: Array<number | null>, from = 0): Page => ({ records: values.map((v, i) => ({ id: `R${from + i}`, probability: v })), headers: {} });

	test('rows out of the asked order (across pages too) are the ignored-sort error; empty values are skipped', async () => {
		const pages = [rows([90, 80, null]), rows([85], 3)];
		const fetch = async (page: number): Promise<Page> => pages[page] ?? rows([]);
		await expect(collectPages(node, fetch, 3, undefined, rowOrderOf('probability,desc;id,asc'))).rejects.toThrow(
			/^The server ignores the "sort" parameter: it was asked for probability descending and sent 85 after 80/,
		);
		expect(await collectPages(node, async () => rows([90, null, 90, 10]), 10, undefined, rowOrderOf('probability,desc'))).toHaveLength(4);
	});

	test('text fields and unknown fields are not checked (the server collation decides)', () => {
		expect(rowOrderOf('name,asc')).toBeUndefined();
		expect(rowOrderOf('nope,desc')).toBeUndefined();
		expect(rowOrderOf(undefined)).toBeUndefined();
		expect(rowOrderOf('create_date')?.describe).toBe('create_date ascending');
	});
});
