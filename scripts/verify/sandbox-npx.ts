/**
 * `npx n8n-nodes-edr-soar-sandbox` from the packed tarball of the sandbox package, as a user without
 * a clone runs it: it must start, print its URL and the secrets, and answer on that URL.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { plainNpmEnv } from '../real-n8n/install';
import { SANDBOX_PACKAGE } from './package-tarball';

export interface NpxResult {
	ok: boolean;
	detail: string;
}

const PRINTED = ['Client Secret:', 'Password:', '/orion/oauth/token'];

/** Starts `npx --package=<tgz> n8n-nodes-edr-soar-sandbox --port 0` in an empty folder, checks it, stops it. */
export function npxSandbox(tgz: string, workDir: string, timeoutMs = 180_000): Promise<NpxResult> {
	const cwd = path.join(workDir, 'npx-user');
	fs.mkdirSync(cwd, { recursive: true });
	const env = { ...plainNpmEnv(), npm_config_cache: path.join(workDir, 'npm-cache'), npm_config_prefer_offline: 'true' };
	return new Promise((resolve) => {
		const child = spawn('npx', ['--yes', `--package=${tgz}`, SANDBOX_PACKAGE, '--port', '0'], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let settled = false;
		const finish = (result: NpxResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			try {
				process.kill(-child.pid!, 'SIGTERM');
			} catch {
				/* already gone */
			}
			resolve(result);
		};
		const timer = setTimeout(() => finish({ ok: false, detail: `no URL printed within ${timeoutMs / 1000}s:\n${out.slice(-2000)}` }), timeoutMs);
		const take = (chunk: Buffer) => {
			out += chunk.toString();
			const url = /listening on (http:\/\/[^\s]+)/.exec(out)?.[1];
			if (!url || !PRINTED.every((p) => out.includes(p))) return;
			fetch(`${url}/_sandbox/health`)
				.then((r) => finish({ ok: r.status === 200, detail: `${url}/_sandbox/health answered ${r.status}; printed the URL, the Falcon client secret and the Orion credentials` }))
				.catch((e: Error) => finish({ ok: false, detail: `${url} printed but does not answer: ${e.message}` }));
		};
		child.stdout.on('data', take);
		child.stderr.on('data', take);
		child.on('exit', (code) => finish({ ok: false, detail: `npx exited (${code}) before the sandbox answered:\n${out.slice(-2000)}` }));
	});
}
