/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Reading an answer within a size limit (credentials/common/answerBody.ts). */
import { PassThrough, Readable } from 'node:stream';

import { AnswerCutOff, AnswerTooLarge, parseAnswer, readBody, settleErrorBody } from '../../credentials/common/answerBody';

test('a stream is read whole when it fits, and stopped — destroyed — as soon as it passes the limit', async () => {
	expect((await readBody(Readable.from([Buffer.from('ab'), Buffer.from('cd')]), 4)).toString()).toBe('abcd');
	let pulled = 0;
	const endless = new Readable({
		read() {
			pulled++;
			this.push(Buffer.alloc(1024, 0x61));
		},
	});
	await expect(readBody(endless, 10 * 1024)).rejects.toBeInstanceOf(AnswerTooLarge);
	expect(endless.destroyed).toBe(true);
	expect(pulled).toBeLessThan(20);
});

test('a stream that closes before its end is cut off; one that fails passes its error on', async () => {
	const cut = new PassThrough();
	const reading = readBody(cut, 100);
	cut.write('{"id":');
	cut.destroy();
	await expect(reading).rejects.toBeInstanceOf(AnswerCutOff);
	const failing = new PassThrough();
	const failed = readBody(failing, 100);
	failing.destroy(new Error('aborted'));
	await expect(failed).rejects.toThrow('aborted');
});

test('a body already in memory is checked against the limit too', async () => {
	expect((await readBody(Buffer.from('xyz'), 3)).toString()).toBe('xyz');
	await expect(readBody('x'.repeat(10), 3)).rejects.toBeInstanceOf(AnswerTooLarge);
	expect((await readBody(undefined, 3)).length).toBe(0);
});

test('an error answer’s stream is read within the limit and put back; past the limit it is dropped', async () => {
	const small = { response: { status: 500, data: Readable.from([Buffer.from('{"message":"boom"}')]) } };
	await settleErrorBody({ cause: small }, 100);
	expect(Buffer.isBuffer(small.response.data)).toBe(true);
	const big = { response: { status: 500, data: Readable.from([Buffer.alloc(1000)]) as unknown } };
	await settleErrorBody(big, 100);
	expect(big.response.data).toBeUndefined();
});

test('JSON is parsed once: "ok" is a string, a string holding JSON stays a string; empty is empty, a byte-order mark is skipped', () => {
	expect(parseAnswer(Buffer.from('"ok"'))).toEqual({ empty: false, ok: true, value: 'ok' });
	expect(parseAnswer(Buffer.from(JSON.stringify('{"id":"L9"}')))).toEqual({ empty: false, ok: true, value: '{"id":"L9"}' });
	expect(parseAnswer(Buffer.from(' \n'))).toEqual({ empty: true });
	expect(parseAnswer(Buffer.from('\uFEFF{"id":"L1"}'))).toEqual({ empty: false, ok: true, value: { id: 'L1' } });
	expect(parseAnswer(Buffer.from('<html>'))).toEqual({ empty: false, ok: false, text: '<html>' });
});
