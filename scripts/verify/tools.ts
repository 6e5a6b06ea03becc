/**
 * The tools n8n's verification runs, pinned in scripts/verify/tools/package-lock.json:
 * `@n8n/scan-community-package` (the scanner's analysis) and `@n8n/node-cli` (`n8n-node lint`).
 * They want Node 24 and pull packages that do not build on Node 20, so they live in the cache
 * folder, outside the repository, run by the Node 24 scripts/real-n8n/install.ts installs.
 *
 *   <cache>/verify-tools-<hash of the lock>/node_modules/...
 */
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { ensureNode24, plainNpmEnv } from '../real-n8n/install';
import { cacheDir } from '../real-n8n/paths';

const MANIFEST_DIR = path.join(__dirname, 'tools');

export interface VerifyTools {
	/** The folder holding node_modules/ with the pinned tools. */
	dir: string;
	nodeModules: string;
	/** Node 24, which runs them. */
	nodeBin: string;
	nodeBinDir: string;
}

function lockHash(): string {
	const h = createHash('sha256');
	for (const f of ['package.json', 'package-lock.json']) h.update(fs.readFileSync(path.join(MANIFEST_DIR, f)));
	return h.digest('hex').slice(0, 12);
}

function run(cmd: string, args: string[], cwd: string, logFile: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(logFile, 'w');
		const child = spawn(cmd, args, { cwd, env: plainNpmEnv(), stdio: ['ignore', fd, fd] });
		child.on('error', reject);
		child.on('exit', (code) => {
			fs.closeSync(fd);
			if (code === 0) resolve();
			else reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}); log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n')}`));
		});
	});
}

/** Installs the pinned tools once per lock file (npm ci --ignore-scripts, about 3 minutes) and Node 24. */
export async function ensureVerifyTools(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<VerifyTools> {
	const node = await ensureNode24({ log });
	const dir = path.join(cacheDir(), `verify-tools-${lockHash()}`);
	const tools: VerifyTools = { dir, nodeModules: path.join(dir, 'node_modules'), nodeBin: node.nodeBin, nodeBinDir: node.nodeBinDir };
	if (fs.existsSync(path.join(dir, 'installed.json'))) return tools;
	// Installed beside, then renamed: two runs at once never see a half-installed folder.
	const staging = `${dir}.tmp-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(MANIFEST_DIR, f), path.join(staging, f));
	const t0 = Date.now();
	log(`verify tools: npm ci --ignore-scripts into ${dir} (about 3 minutes)`);
	await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], staging, path.join(cacheDir(), `verify-tools-install.log`));
	fs.writeFileSync(path.join(staging, 'installed.json'), JSON.stringify({ finishedAt: new Date().toISOString() }) + '\n');
	try {
		fs.renameSync(staging, dir);
	} catch {
		fs.rmSync(staging, { recursive: true, force: true }); // another run finished first
	}
	log(`verify tools: installed in ${((Date.now() - t0) / 1000).toFixed(0)}s`);
	return tools;
}
