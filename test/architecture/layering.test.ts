import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

/**
 * The floors of nodes/ (docs/architecture.md): only api/ tables write an API path, and no node
 * folder imports another node's folder or the other vendor.
 */
const ROOT = join(__dirname, '..', '..');
const NODES = join(ROOT, 'nodes');
/** Vendor folders shared by that vendor's nodes: not node folders. */
const SHARED_FOLDERS = new Set(['api', 'transport', 'shared']);
const API_PATH = /['"`]\/(?:iocs|indicators|scanner|samples|quarantine|devices|alerts|processes|oauth2|hosts|quickscanpro|archives)\/[\w{}-]+/;

function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		return entry.isDirectory() ? tsFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** [vendor or 'common', node folder or undefined] of a file under nodes/. */
function ownerOf(file: string): [string, string | undefined] {
	const [vendor, folder, ...rest] = relative(NODES, file).split(sep);
	if (vendor === 'common') return ['common', undefined];
	return [vendor, rest.length > 0 && !SHARED_FOLDERS.has(folder) ? folder : undefined];
}

const files = tsFiles(NODES);

describe('layering of nodes/', () => {
	it('finds the node code', () => {
		expect(files.length).toBeGreaterThan(50);
	});

	it('writes API paths only in api/ tables', () => {
		const writers = files.filter((file) => !relative(NODES, file).split(sep).includes('api') && API_PATH.test(readFileSync(file, 'utf8')));
		expect(writers.map((file) => relative(ROOT, file))).toEqual([]);
	});

	it('lets no node folder import another node folder or the other vendor', () => {
		const crossings: string[] = [];
		for (const file of files) {
			const [vendor, folder] = ownerOf(file);
			for (const match of readFileSync(file, 'utf8').matchAll(/from\s+'(\.[^']+)'/g)) {
				const target = normalize(join(dirname(file), match[1]));
				if (!target.startsWith(NODES)) continue;
				const [targetVendor, targetFolder] = ownerOf(`${target}.ts`);
				if (targetVendor === 'common') continue;
				if (targetVendor !== vendor || (targetFolder !== undefined && targetFolder !== folder)) crossings.push(`${relative(ROOT, file)} → ${relative(ROOT, target)}`);
			}
		}
		expect(crossings).toEqual([]);
	});

	it('keeps nodes/common free of any vendor', () => {
		const vendorImports = files
			.filter((file) => ownerOf(file)[0] === 'common')
			.filter((file) => /from\s+'\.\.?\/.*(CrowdStrike|Cytomic)\//.test(readFileSync(file, 'utf8')));
		expect(vendorImports.map((file) => relative(ROOT, file))).toEqual([]);
	});
});
