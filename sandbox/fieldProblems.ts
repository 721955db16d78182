/** What is wrong with one field of a lead body; shared by validation, both error shapes and imports. */

export interface FieldProblem {
	field: string;
	reason: string;
	/**
	 * `invalid`: the value cannot be converted to the field's type; `not-an-option`: outside the
	 * field's value list; `duplicate`: the key exists; `deleted`: the key was deleted (cloud).
	 * Classic: `duplicate`/`deleted` map to 409, the others to 400; cloud: see problemsToError.
	 */
	code: 'invalid' | 'not-an-option' | 'required' | 'duplicate' | 'deleted';
	/** The value as sent, for `invalid` and `not-an-option`. */
	value?: unknown;
}

export function describeProblem(problem: FieldProblem): string {
	return `field '${problem.field}' ${problem.reason}`;
}
