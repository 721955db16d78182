/** Starts the real sandbox server for a test file and builds credentials pointing at it. */
import { createSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import type { TestCredentials } from '../../scripts/runNode';

export interface SandboxFixture {
	sandbox: Sandbox;
	credentials: TestCredentials;
}

/** Registers beforeAll/afterAll hooks; read `.sandbox`/`.credentials` inside tests. */
export function useSandbox(options: SandboxOptions = {}): SandboxFixture {
	const fixture = {} as SandboxFixture;
	beforeAll(async () => {
		fixture.sandbox = await createSandbox(options);
		fixture.credentials = { baseUrl: fixture.sandbox.url, accessToken: fixture.sandbox.token };
	});
	afterAll(async () => {
		await fixture.sandbox?.close();
	});
	return fixture;
}
