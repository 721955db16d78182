// `npm run scan`: n8n's verification scanner (@n8n/scan-community-package, pinned as a
// devDependency) over this package exactly as it would be published: npm pack, unpack, then the
// scanner's own ESLint configuration over the unpacked files. n8n's verdict fails on errors only;
// we also fail on warnings. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { checkPackageContents } from './package-contents.mjs';

const require = createRequire(import.meta.url);
const scannerDir = dirname(require.resolve('@n8n/scan-community-package/package.json'));
const scanner = join(scannerDir, 'scanner', 'scanner.mjs');
const scannerRequire = createRequire(scanner);
const { buildScanConfig } = await import(pathToFileURL(scanner).href);
const { ESLint } = scannerRequire('eslint');
const glob = scannerRequire('fast-glob');

const work = mkdtempSync(join(tmpdir(), 'crm-lead-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { encoding: 'utf8' })
		.trim()
		.split('\n')
		.at(-1);
	const packageDir = join(work, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', packageDir, '--strip-components=1']);

	// What n8n needs besides the linted code (the same check runs before every publish).
	const packed = glob.sync(['**/*'], { cwd: packageDir, dot: true });
	const { missing, strays } = checkPackageContents(packageDir, packed);
	if (missing.length || strays.length) {
		console.log(`package contents: missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(strays)}`);
		process.exitCode = 1;
	} else {
		console.log(`package contents: ${packed.length} files, every node and credential with its codex, icons and output schemas`);
	}

	const eslint = new ESLint({
		cwd: packageDir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(['**/*.js', '**/*.ts', '**/*.json'], {
		cwd: packageDir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const report = await (await eslint.loadFormatter('stylish')).format(results);
	if (report.trim()) console.log(report.replaceAll(`${packageDir}/`, ''));
	console.log(`n8n scanner (${tarball}, ${files.length} files): ${errors} errors, ${warnings} warnings`);
	if (errors || warnings) process.exitCode = 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
