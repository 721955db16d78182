/**
 * Surviving mutants that no test can kill because the mutated code does the same thing
 * (equivalent mutants), each with the reason. `npm run test:mutation` leaves them out of the
 * score and lists them apart from the survivors that still need a test (CONTRIBUTING, "Mutation
 * testing"). A mutant is matched by file, mutator, the code it replaces and its replacement (not
 * by line: the list survives edits elsewhere in the file).
 */
export interface Explained {
	file: string;
	mutator: string;
	/** The code the mutant replaces, as the report prints it (whitespace runs count as one space). */
	original: string;
	replacement: string;
	reason: string;
}

export const EQUIVALENT: Explained[] = [];
