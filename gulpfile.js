// Copies node and credential icons and the nodes' codex files (*.node.json) next to the compiled
// files, where n8n looks for them.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], { base: '.' }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
