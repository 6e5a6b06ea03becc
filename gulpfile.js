const { src, dest, parallel } = require('gulp');

// n8n loads node icons and codex files from beside the compiled node files.
function copyNodeAssets() {
	return src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.' }).pipe(dest('dist'));
}

function copySharedIcons() {
	return src('icons/**/*.{svg,png}').pipe(dest('dist/icons'));
}

exports['build:icons'] = parallel(copyNodeAssets, copySharedIcons);
