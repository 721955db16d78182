// prepublishOnly: `npm publish` stops before uploading when the tarball it is about to send
// lacks a built file n8n loads (a node, a credential, a codex, an icon) or carries anything but
// dist/ and the top files. npm runs it on every publish from the folder (the release workflow,
// the installer suite's local registry), so a missing build output fails here and not in users'
// n8n. (prepublishOnly is not one of the install-time scripts n8n's scanner forbids.)
import { execFileSync } from 'node:child_process';

import { checkPackageContents, packEntry } from './package-contents.mjs';

const info = packEntry(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' }));
const packed = info.files.map((file) => file.path);
const { missing, strays } = checkPackageContents(process.cwd(), packed);
if (missing.length || strays.length) {
	console.error(
		`prepublish check: ${info.name}@${info.version} is not publishable: ` +
			`missing ${JSON.stringify(missing)}, unexpected ${JSON.stringify(strays)} (run npm run build first)`,
	);
	process.exit(1);
}
console.log(`prepublish check: ${info.name}@${info.version}, ${packed.length} files, every node and credential with its codex, icons and output schemas`);
