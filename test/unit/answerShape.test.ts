/** What the transport lets through to an operation (nodes/CrmLead/transport/answerShape.ts), and how it names the rest. */
import { expectedAnswer, shapeProblem } from '../../nodes/CrmLead/transport/answerShape';

const quote = (text: string) => (text.length > 10 ? `${text.slice(0, 10)}…` : text);

test('a lead or an object: a JSON object only', () => {
	expect(shapeProblem('lead', { id: 'L1' }, quote)).toBeUndefined();
	expect(shapeProblem('lead', null, quote)).toBe('null');
	expect(shapeProblem('lead', 42, quote)).toBe('the number 42');
	expect(shapeProblem('lead', [{ id: 'L1' }], quote)).toBe('an array of 1 values');
	expect(shapeProblem('object', 'ok', quote)).toBe('the JSON string "ok"');
	expect(shapeProblem('object', '{"id":"L9","name":"x"}', quote)).toBe('the JSON string "{\\"id\\":\\"L9\\"…"');
	expect(shapeProblem('lead', '', quote)).toBe('an empty JSON string');
});

test('a list of leads: an array whose every row is an object; the first bad row is named', () => {
	expect(shapeProblem('leads', [], quote)).toBeUndefined();
	expect(shapeProblem('leads', [{ id: 'a' }, { id: 'b' }], quote)).toBeUndefined();
	expect(shapeProblem('leads', [{ id: 'a' }, null, 3], quote)).toBe('a list whose row 2 of 3 is null');
	expect(shapeProblem('leads', { id: 'a' }, quote)).toBe('an object');
});

test('a key state: 0, 1, 2, true or false, nothing else', () => {
	for (const state of [0, 1, 2, true, false]) expect(shapeProblem('keyState', state, quote)).toBeUndefined();
	for (const other of [null, 3, -1, 1.5, '1', '', [], {}]) expect(shapeProblem('keyState', other, quote)).toBeDefined();
	expect(expectedAnswer('keyState')).toBe('a key state (0, 1 or 2, or true/false)');
});

test('anything, and files, are never refused for their shape', () => {
	for (const value of [null, 0, 'x', [], {}]) {
		expect(shapeProblem('any', value, quote)).toBeUndefined();
		expect(shapeProblem('file', value, quote)).toBeUndefined();
	}
});
