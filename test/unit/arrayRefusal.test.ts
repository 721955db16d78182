import { arrayFailure } from '../../nodes/CrmLead/transport/arrayRefusal';

const answered = (status: number) => ({ httpCode: String(status) });

describe('arrayFailure: does a failed array request mean the endpoint refused the array?', () => {
	test.each([400, 404, 405, 413, 415])('save answered %i: refused (a classic server binds one DTO; no such endpoint; a proxy)', (status) => {
		expect(arrayFailure(answered(status), 'save')).toMatchObject({ status, refused: true, answered: true });
	});

	test('savebatch answered 400: a wrong lead (classic reports field errors as 400), not a refusal', () => {
		expect(arrayFailure(answered(400), 'savebatch')).toEqual({ status: 400, refused: false, tooLarge: false, answered: true });
	});

	test('a 500 is about a lead on either endpoint (the cloud reports wrong leads as 500)', () => {
		expect(arrayFailure(answered(500), 'save').refused).toBe(false);
		expect(arrayFailure(answered(500), 'savebatch').refused).toBe(false);
	});

	test('413 is too large for every endpoint', () => {
		expect(arrayFailure(answered(413), 'save').tooLarge).toBe(true);
		expect(arrayFailure(answered(404), 'save').tooLarge).toBe(false);
	});

	test('no answer (a connection cut) settles nothing', () => {
		expect(arrayFailure(new Error('socket hang up'), 'save')).toEqual({ status: undefined, refused: false, tooLarge: false, answered: false });
	});
});
