// Copies what tsc does not emit into dist/: the icons (one pair in icons/, which the nodes and the
// credential name as file:../../icons/… and file:../icons/…) and the nodes' codex files
// (*.node.json) next to the compiled node files, where n8n looks for them.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/*.{png,svg}', 'nodes/**/*.node.json'], { base: '.' }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = buildIcons;
