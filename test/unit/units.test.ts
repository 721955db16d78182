/** The router's chunking: consecutive bulk-able items become chunks, in input order. */
import type { BulkLead } from '../../nodes/CrmLead/actions/types';
import { toUnits, type PreparedItem } from '../../nodes/CrmLead/actions/units';

const lead = (id: string): BulkLead => ({
	body: { id },
	shape: { simplify: false, convertValues: false, serverTimeZone: 'Asia/Shanghai' },
	policy: { timeoutMs: 1, maxRetries: 0, retryNonIdempotent: false, maxRetryWaitMs: 1 },
});
const item = (itemIndex: number, bulk: boolean): PreparedItem => ({
	itemIndex,
	call: async () => [],
	...(bulk ? { bulk: lead(`L${itemIndex}`) } : {}),
});
/** Each unit as the item indexes it holds: [n] a single call, ['chunk', …] a bulk chunk. */
const shape = (units: ReturnType<typeof toUnits>) =>
	units.map((unit) => ('leads' in unit ? ['chunk', ...unit.leads.map((l) => l.itemIndex)] : [unit.itemIndex]));

test('size 1 keeps one unit per item, bulk-able or not', () => {
	expect(shape(toUnits([item(0, true), item(1, true), item(2, false)], 1))).toEqual([[0], [1], [2]]);
});

test('consecutive bulk-able items form chunks of at most the size; the last one may be shorter', () => {
	const items = Array.from({ length: 7 }, (_, i) => item(i, true));
	expect(shape(toUnits(items, 3))).toEqual([
		['chunk', 0, 1, 2],
		['chunk', 3, 4, 5],
		['chunk', 6],
	]);
});

test('an item that may not be bulked (no ID) closes the chunk before it and stays on its own', () => {
	const items = [item(0, true), item(1, true), item(2, false), item(3, true), item(5, true)];
	expect(shape(toUnits(items, 100))).toEqual([['chunk', 0, 1], [2], ['chunk', 3, 5]]);
});

test('a chunk lead carries its body, its own call and its item index', () => {
	const [unit] = toUnits([item(4, true)], 10);
	expect('leads' in unit && unit.leads[0]).toMatchObject({ itemIndex: 4, body: { id: 'L4' }, call: expect.any(Function) });
});
