/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/**
 * The tarball users get: `npm run build` + `npm pack`, cached under .e2e/pack/ by a hash of the
 * sources that go into it (so an unchanged tree is not rebuilt, and any change is).
 *
 * The build runs in a staging copy (.e2e/build/) of the files that make the package, with
 * node_modules linked in: the project's own dist/ is left alone (someone may be building or
 * testing there at the same time), and the tarball matches the hashed sources exactly.
 */
import { createHash } from 'node:crypto';
import {
	cpSync,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
} from 'node:fs';
import path from 'node:path';

import { readPackJson } from '../npmPack';
import { E2E_DIR, ROOT } from './paths';
import { node24Env, run, stopwatch } from './proc';

const HASHED_FILES = [
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
	'.npmignore',
	'README.md',
	'LICENSE',
	'LICENSE.md',
	'CHANGELOG.md',
	// the prepublishOnly check (a publish from the staging folder runs it, as a release does)
	'scripts/prepublish-check.mjs',
	'scripts/package-contents.mjs',
	// the build step that writes the output schemas (npm run build)
	'scripts/build-schemas.ts',
];
const HASHED_DIRS = ['nodes', 'credentials', 'icons', 'scripts/schemas'];

export interface PackageTarball {
	tarball: string;
	name: string;
	version: string;
	/** false when a cached tarball of the same sources was reused */
	built: boolean;
}

export interface PrepareOptions {
	// env E2E_PACKAGE_TARBALL=<file.tgz> skips the build and tests that tarball instead
	/** Rebuild even when a tarball of the same sources exists (env E2E_REBUILD=1 too). */
	force?: boolean;
	log?: (message: string) => void;
}

/** Builds and packs the package unless a tarball of the current sources exists. */
export async function preparePackageTarball(options: PrepareOptions = {}): Promise<PackageTarball> {
	const log = options.log ?? ((message: string) => process.stderr.write(`[e2e] ${message}\n`));
	const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
		name: string;
		version: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const override = process.env.E2E_PACKAGE_TARBALL;
	if (override) {
		// Test a given tarball as it is (e.g. one from the registry, or a deliberately broken one).
		const given = JSON.parse((await run('tar', ['-xzOf', path.resolve(override), 'package/package.json'])).stdout) as {
			name: string;
			version: string;
		};
		log(`using E2E_PACKAGE_TARBALL=${override} (${given.name}@${given.version})`);
		return { tarball: path.resolve(override), name: given.name, version: given.version, built: false };
	}
	const hash = sourceHash();
	const packDir = path.join(E2E_DIR, 'pack');
	const tarball = path.join(packDir, `${manifest.name}-${manifest.version}-${hash}.tgz`);
	const force = options.force ?? process.env.E2E_REBUILD === '1';
	if (!force && existsSync(tarball)) {
		return { tarball, name: manifest.name, version: manifest.version, built: false };
	}

	const elapsed = stopwatch();
	const env = node24Env();
	const staging = stageSources(path.join(E2E_DIR, 'build', `${process.pid}`));
	try {
		return await buildAndPack(staging, packDir, tarball, manifest, env, log, elapsed);
	} finally {
		rmSync(staging, { recursive: true, force: true });
	}
}

async function buildAndPack(
	staging: string,
	packDir: string,
	tarball: string,
	manifest: { name: string; version: string; n8n?: { nodes?: string[]; credentials?: string[] } },
	env: ReturnType<typeof node24Env>,
	log: (message: string) => void,
	elapsed: () => string,
): Promise<PackageTarball> {
	await run('npm', ['run', 'build'], { cwd: staging, env, timeoutMs: 5 * 60_000 });
	const tmp = path.join(packDir, `tmp-${process.pid}`);
	rmSync(tmp, { recursive: true, force: true });
	mkdirSync(tmp, { recursive: true });
	const packed = await run('npm', ['pack', '--pack-destination', tmp, '--json', '--ignore-scripts'], {
		cwd: staging,
		env,
		timeoutMs: 2 * 60_000,
	});
	const info = readPackJson(packed.stdout);
	const packedFiles = new Set(info.files.map((file) => file.path));
	const declared = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])];
	const missing = declared.filter((file) => !packedFiles.has(file));
	if (declared.length === 0 || missing.length > 0) {
		throw new Error(
			`npm pack did not include what package.json "n8n" declares: ${missing.join(', ') || '(nothing declared)'}`,
		);
	}
	// Drop tarballs older than a day.
	for (const old of readdirSync(packDir).filter((f) => f.endsWith('.tgz'))) {
		const file = path.join(packDir, old);
		if (Date.now() - statSync(file).mtimeMs > 24 * 3600_000) rmSync(file, { force: true });
	}
	renameSync(path.join(tmp, info.filename), tarball);
	rmSync(tmp, { recursive: true, force: true });
	log(`built and packed ${path.relative(ROOT, tarball)} (${info.files.length} files) in ${elapsed()}`);
	return { tarball, name: manifest.name, version: manifest.version, built: true };
}

/** Copies what makes the package into `dir`, with the project's node_modules linked in. */
export function stageSources(dir: string): string {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	for (const file of HASHED_FILES) {
		if (!existsSync(path.join(ROOT, file))) continue;
		mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		cpSync(path.join(ROOT, file), path.join(dir, file));
	}
	for (const sub of HASHED_DIRS) {
		if (existsSync(path.join(ROOT, sub))) cpSync(path.join(ROOT, sub), path.join(dir, sub), { recursive: true });
	}
	symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
	return dir;
}

/** A hash of everything that shapes the built package. */
export function sourceHash(): string {
	const hash = createHash('sha256');
	const add = (relative: string) => {
		const file = path.join(ROOT, relative);
		if (!existsSync(file)) return;
		hash.update(relative).update('\0').update(readFileSync(file)).update('\0');
	};
	HASHED_FILES.forEach(add);
	for (const dir of HASHED_DIRS) listFiles(path.join(ROOT, dir)).forEach((file) => add(path.relative(ROOT, file)));
	return hash.digest('hex').slice(0, 12);
}

function listFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.sort((a, b) => a.name.localeCompare(b.name))
		.flatMap((entry) => {
			const full = path.join(dir, entry.name);
			return entry.isDirectory() ? listFiles(full) : [full];
		});
}
