/** The check cannot run at all (bad options, server unreachable, token or login refused). Safe to print. */
export class ContractCheckError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ContractCheckError';
	}
}
