/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * Publishing to the local registry as a release does: build in a staging copy of the sources
 * (the project's dist/ is left alone), then `npm publish` from that folder, so the package's own
 * `files` list and its prepublishOnly check apply. An older release is built the same way from
 * its commit in the git history.
 */
import { readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';

import { stageSources } from '../e2e/package';
import { E2E_DIR, ROOT } from '../e2e/paths';
import { node24Env, run, type RunResult } from '../e2e/proc';
import type { LocalRegistry } from './verdaccio';

/**
 * The last commit of release 0.1.0 as users installed it: node version 1 only, the credential
 * with Base URL + Access Token. The commits after it (still saying 0.1.0 in package.json until
 * fac5c19 "Version 0.2.0") brought 0.2.0's changes: node version 2, User Name & Password.
 */
export const RELEASE_0_1_COMMIT = '0e1e7a1';

export interface PublishedVersion {
	name: string;
	version: string;
	/** What npm printed (the prepublishOnly check's line among it). */
	output: string;
}

/** Builds the working tree's package and publishes it; `prepare` may change the staged copy first (e.g. break it). */
export async function publishWorkingTree(
	registry: LocalRegistry,
	options: { prepare?: (stagingDir: string) => void; workDir?: string } = {},
): Promise<PublishedVersion> {
	const staging = stageSources(options.workDir ?? path.join(E2E_DIR, 'publish', `current-${process.pid}`));
	try {
		await run('npm', ['run', 'build'], { cwd: staging, env: node24Env(), timeoutMs: 5 * 60_000 });
		options.prepare?.(staging);
		return await npmPublish(registry, staging);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

/** Checks out `commit`'s package sources, builds them with this tree's node_modules and publishes. */
export async function publishFromGit(registry: LocalRegistry, commit: string, workDir?: string): Promise<PublishedVersion> {
	const dir = workDir ?? path.join(E2E_DIR, 'publish', `${commit}-${process.pid}`);
	rmSync(dir, { recursive: true, force: true });
	const sources = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'gulpfile.js', 'README.md', 'LICENSE', 'nodes', 'credentials'];
	await run('mkdir', ['-p', dir]);
	await run('bash', ['-c', `git -C "$0" archive "$1" -- "\${@:3}" | tar -x -C "$2"`, ROOT, commit, dir, ...sources]).catch(
		(error: unknown) => {
			throw new Error(`Cannot read commit ${commit} from the git history (a shallow clone?): ${String(error)}`);
		},
	);
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	try {
		await run('npm', ['run', 'build'], { cwd: dir, env: node24Env(), timeoutMs: 5 * 60_000 });
		return await npmPublish(registry, dir);
	} finally {
		unlinkSync(path.join(dir, 'node_modules'));
		rmSync(dir, { recursive: true, force: true });
	}
}

/** `npm publish` from a package folder to the registry, with the publisher's token. Throws with npm's output when it fails. */
export async function npmPublish(registry: LocalRegistry, packageDir: string): Promise<PublishedVersion> {
	const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name: string; version: string };
	const result = await run('npm', ['publish', '--registry', registry.url, '--userconfig', registry.npmrc, '--access', 'public'], {
		cwd: packageDir,
		env: node24Env(),
		timeoutMs: 3 * 60_000,
		check: false,
	});
	const output = `${result.stdout}\n${result.stderr}`;
	if (result.code !== 0) throw new PublishError(`npm publish ${manifest.name}@${manifest.version} failed (exit ${result.code}):\n${output}`, result);
	return { name: manifest.name, version: manifest.version, output };
}

export class PublishError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(message);
		this.name = 'PublishError';
	}
}

/** The versions the registry holds for a package ([] when it does not know it). */
export async function registryVersions(registry: LocalRegistry, name: string): Promise<string[]> {
	const response = await fetch(`${registry.url}${name}`);
	if (response.status === 404) return [];
	if (!response.ok) throw new Error(`registry ${registry.url}${name} → ${response.status}`);
	const body = (await response.json()) as { versions?: Record<string, unknown> };
	return Object.keys(body.versions ?? {});
}
