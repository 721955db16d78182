/* eslint-disable @n8n/community-nodes/require-node-api-error -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * What n8n's Settings → Community Nodes page calls (`/rest/community-packages`): install, list,
 * update, uninstall. n8n runs its own `npm pack` + `npm install` against
 * N8N_COMMUNITY_PACKAGES_REGISTRY and loads the nodes without a restart.
 */
import { N8nRestError, type N8nRestClient } from './rest';

export interface InstalledNode {
	name: string;
	type: string;
	latestVersion: number;
}

export interface InstalledCommunityPackage {
	packageName: string;
	installedVersion: string;
	installedNodes: InstalledNode[];
	/** Set by the list when the registry has a newer version (`npm outdated`). */
	updateAvailable?: string;
	failedLoading?: boolean;
}

/** What the page shows when an action fails: n8n's status and message. */
export interface CommunityPackageFailure {
	status: number;
	message: string;
}

export class CommunityPackagesClient {
	constructor(private readonly client: N8nRestClient) {}

	async install(name: string, version?: string): Promise<InstalledCommunityPackage> {
		const { json } = await this.client.request<{ data: InstalledCommunityPackage }>('POST', '/rest/community-packages', {
			name,
			...(version ? { version } : {}),
		});
		return json.data;
	}

	async update(name: string, version?: string): Promise<InstalledCommunityPackage> {
		const { json } = await this.client.request<{ data: InstalledCommunityPackage }>('PATCH', '/rest/community-packages', {
			name,
			...(version ? { version } : {}),
		});
		return json.data;
	}

	async uninstall(name: string): Promise<void> {
		await this.client.request('DELETE', `/rest/community-packages?name=${encodeURIComponent(name)}`);
	}

	async list(): Promise<InstalledCommunityPackage[]> {
		const { json } = await this.client.request<{ data: InstalledCommunityPackage[] }>('GET', '/rest/community-packages');
		return json.data;
	}

	/** Runs an action that should fail and returns how n8n reported it (throws if it succeeded). */
	async failure(action: () => Promise<unknown>): Promise<CommunityPackageFailure> {
		try {
			await action();
		} catch (error) {
			if (error instanceof N8nRestError) {
				let message = error.body;
				try {
					message = (JSON.parse(error.body) as { message?: string }).message ?? error.body;
				} catch {
					// not JSON: keep the text
				}
				return { status: error.status, message };
			}
			throw error;
		}
		throw new Error('expected n8n to refuse the community-package action, but it succeeded');
	}
}

/**
 * A registry other than registry.npmjs.org is a licensed n8n feature
 * (feat:communityNodes:customRegistry). In tests only, n8n started with E2E_TESTS=true lets the
 * feature be switched on through its unauthenticated test endpoint; it lasts until n8n restarts.
 * A licensed instance, or a registry mirror at the default address, needs none of this.
 */
export async function enableCustomRegistryForTests(baseUrl: string): Promise<void> {
	const response = await fetch(`${baseUrl}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: 'feat:communityNodes:customRegistry', enabled: true }),
	});
	if (!response.ok) {
		throw new Error(`PATCH /rest/e2e/feature → ${response.status} (is n8n started with E2E_TESTS=true?): ${await response.text()}`);
	}
}
