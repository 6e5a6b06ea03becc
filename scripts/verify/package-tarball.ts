/**
 * The tarballs this repository publishes: `npm pack` of the n8n package (after `npm run build`) and
 * of the sandbox workspace, and what the n8n package's tarball may hold.
 */
import * as fs from 'fs';
import * as path from 'path';

import { mustRun } from './exec';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const SANDBOX_PACKAGE = 'n8n-nodes-edr-soar-sandbox';

/** Builds and packs the n8n package into outDir; answers the .tgz path. */
export async function packNodesPackage(outDir: string, build = true): Promise<string> {
	if (build) await mustRun('npm', ['run', 'build'], { cwd: REPO_DIR });
	return pack(['pack', '--pack-destination', outDir], outDir);
}

/** Builds and packs the sandbox workspace package into outDir; answers the .tgz path. */
export async function packSandboxPackage(outDir: string, build = true): Promise<string> {
	if (build) await mustRun('npm', ['run', 'build:sandbox'], { cwd: REPO_DIR });
	return pack(['pack', '--workspace', SANDBOX_PACKAGE, '--pack-destination', outDir], outDir);
}

async function pack(args: string[], outDir: string): Promise<string> {
	fs.mkdirSync(outDir, { recursive: true });
	const out = await mustRun('npm', [...args, '--json'], { cwd: REPO_DIR });
	const info = JSON.parse(out.slice(out.indexOf('['))) as Array<{ filename: string }>;
	return path.join(outDir, info[0].filename.replace(/^@/, '').replace(/\//, '-'));
}

export async function tarballFiles(tgz: string): Promise<string[]> {
	const out = await mustRun('tar', ['-tzf', tgz], { cwd: path.dirname(tgz) });
	return out.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
}

/** Extracts a tarball the way n8n and the scanner do (the `package/` folder becomes the root). */
export async function extractTarball(tgz: string, intoDir: string): Promise<string> {
	fs.mkdirSync(intoDir, { recursive: true });
	await mustRun('tar', ['-xzf', tgz, '-C', intoDir, '--strip-components=1'], { cwd: path.dirname(tgz) });
	return intoDir;
}

/** Files the n8n package's tarball must not hold: anything but what n8n loads and npm's own files. */
export function unexpectedPackageFiles(files: string[]): string[] {
	const allowed = [/^package\.json$/, /^README\.md$/i, /^LICEN[CS]E(\.md)?$/i, /^CHANGELOG\.md$/, /^dist\/(nodes|credentials)\/.+\.(js|json|svg|png)$/, /^dist\/icons\/.+\.(svg|png)$/];
	return files.filter((f) => /sandbox/i.test(f) || !allowed.some((re) => re.test(f)));
}
