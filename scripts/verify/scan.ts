/**
 * `npm run scan`: the analysis of `@n8n/scan-community-package` (the scanner n8n runs before it
 * verifies a package), run here on the source tree and on the `npm pack` tarball, exactly as the
 * scanner runs it after its provenance check: `analyzePackage(dir, patterns)` with ESLint's
 * `allowInlineConfig: false`, so an `eslint-disable` comment counts for nothing.
 *
 *   npm run scan [-- --source-only] [--tarball=<file.tgz>] [--no-build]
 *
 * Also checks that the tarball holds only what n8n loads (no sandbox file). Exit 1 on any error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { runCommand } from './exec';
import { extractTarball, packNodesPackage, REPO_DIR, tarballFiles, unexpectedPackageFiles } from './package-tarball';
import { ensureVerifyTools, type VerifyTools } from './tools';

/** The scanner's own patterns (scanner.mjs: SOURCE_FILE_PATTERNS, and the tarball leg's). */
export const SOURCE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];
export const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

export interface ScanResult {
	label: string;
	passed: boolean;
	message?: string;
	details?: string;
}

const RUNNER = `
const [scanner, dir, patterns] = process.argv.slice(1);
const { analyzePackage } = await import(scanner);
const r = await analyzePackage(dir, JSON.parse(patterns));
process.stdout.write('\\n@@RESULT@@' + JSON.stringify({ passed: r.passed, message: r.message, details: r.details }));
`;

/** Runs the scanner's analyzePackage on a folder, under Node 24, from the pinned tools. */
export async function analyze(tools: VerifyTools, label: string, dir: string, patterns: string[]): Promise<ScanResult> {
	const scanner = path.join(tools.nodeModules, '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	const r = await runCommand(tools.nodeBin, ['--input-type=module', '-e', RUNNER, scanner, dir, JSON.stringify(patterns)], {
		cwd: tools.dir,
		env: { ...process.env, PATH: `${tools.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1' },
	});
	const at = r.output.lastIndexOf('@@RESULT@@');
	if (at < 0) return { label, passed: false, message: `the scanner did not answer (exit ${r.code})`, details: r.output.slice(-3000) };
	return { label, ...(JSON.parse(r.output.slice(at + '@@RESULT@@'.length)) as Omit<ScanResult, 'label'>) };
}

export function errorCount(result: ScanResult): number {
	const m = /\((\d+) errors?,/.exec(result.details ?? '');
	return m ? Number(m[1]) : result.passed ? 0 : 1;
}

export async function scanSource(tools: VerifyTools): Promise<ScanResult> {
	return analyze(tools, `source tree (${SOURCE_PATTERNS.join(', ')})`, REPO_DIR, SOURCE_PATTERNS);
}

export async function scanTarball(tools: VerifyTools, tgz: string, workDir: string): Promise<ScanResult[]> {
	const files = await tarballFiles(tgz);
	const unexpected = unexpectedPackageFiles(files);
	const contents: ScanResult = {
		label: `${path.basename(tgz)} holds only what n8n loads (${files.length} files, no sandbox file)`,
		passed: unexpected.length === 0,
		message: unexpected.length ? `unexpected files: ${unexpected.slice(0, 20).join(', ')}${unexpected.length > 20 ? ', …' : ''}` : undefined,
	};
	const dir = await extractTarball(tgz, path.join(workDir, 'extracted'));
	return [contents, await analyze(tools, `tarball ${path.basename(tgz)} (${TARBALL_PATTERNS.join(', ')})`, dir, TARBALL_PATTERNS)];
}

export function report(results: ScanResult[]): boolean {
	for (const r of results) {
		process.stdout.write(`${r.passed ? 'PASS' : 'FAIL'}  ${r.label}${r.passed ? '' : `: ${r.message ?? ''} (${errorCount(r)} error(s))`}\n`);
		if (!r.passed && r.details) process.stdout.write(`${r.details}\n`);
	}
	return results.every((r) => r.passed);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const sourceOnly = args.includes('--source-only');
	const given = args.find((a) => a.startsWith('--tarball='))?.slice('--tarball='.length);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
	try {
		const tools = await ensureVerifyTools();
		const results = [await scanSource(tools)];
		if (!sourceOnly) {
			const tgz = given ? path.resolve(given) : await packNodesPackage(work, !args.includes('--no-build'));
			results.push(...(await scanTarball(tools, tgz, work)));
		}
		process.exitCode = report(results) ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((e: Error) => {
		process.stderr.write(`${e.stack ?? e.message}\n`);
		process.exit(1);
	});
}
