/** The router's chunking: consecutive bulk-able items become chunks, in input order. */
import { toTasks } from '../../nodes/CrmLead/actions/tasks';
import type { BulkLead, PreparedItem } from '../../nodes/CrmLead/actions/types';

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
/** Each task as the item indexes it holds: [n] a single call, ['chunk', …] a bulk chunk. */
const shape = (tasks: ReturnType<typeof toTasks>) =>
	tasks.map((task) => ('leads' in task ? ['chunk', ...task.leads.map((l) => l.itemIndex)] : [task.itemIndex]));

test('size 1 keeps one task per item, bulk-able or not', () => {
	expect(shape(toTasks([item(0, true), item(1, true), item(2, false)], 1))).toEqual([[0], [1], [2]]);
});

test('consecutive bulk-able items form chunks of at most the size; the last one may be shorter', () => {
	const items = Array.from({ length: 7 }, (_, i) => item(i, true));
	expect(shape(toTasks(items, 3))).toEqual([
		['chunk', 0, 1, 2],
		['chunk', 3, 4, 5],
		['chunk', 6],
	]);
});

test('an item that may not be bulked (no ID) closes the chunk before it and stays on its own', () => {
	const items = [item(0, true), item(1, true), item(2, false), item(3, true), item(5, true)];
	expect(shape(toTasks(items, 100))).toEqual([['chunk', 0, 1], [2], ['chunk', 3, 5]]);
});

test('a chunk lead carries its body, its own call and its item index', () => {
	const [task] = toTasks([item(4, true)], 10);
	expect('leads' in task && task.leads[0]).toMatchObject({ itemIndex: 4, body: { id: 'L4' }, call: expect.any(Function) });
});
