/**
 * `npm run verify`: what n8n's verification looks at, on the packages as they are published.
 *
 *  1. `npm run build`, `npm pack`: the tarball holds only dist/nodes, dist/credentials, dist/icons;
 *  2. the scanner's analysis (@n8n/scan-community-package) on the source tree and on that tarball;
 *  3. `n8n-node lint` in strict mode on the package source (n8n-node-lint.ts);
 *  4. the sandbox package packed, and `npx n8n-nodes-edr-soar-sandbox` from that tarball starts it.
 *
 * Tools: scripts/verify/tools/ (pinned), installed once into the real-n8n cache with its Node 24.
 * Exit 1 when any check fails.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { lintCounts, n8nNodeLint, stageSource } from './n8n-node-lint';
import { packNodesPackage, packSandboxPackage, SANDBOX_PACKAGE, tarballFiles } from './package-tarball';
import { npxSandbox } from './sandbox-npx';
import { errorCount, scanSource, scanTarball } from './scan';
import { ensureVerifyTools } from './tools';

const t0 = Date.now();
const results: Array<{ name: string; ok: boolean; detail: string }> = [];
function record(name: string, ok: boolean, detail: string): void {
	results.push({ name, ok, detail });
	process.stderr.write(`[verify +${((Date.now() - t0) / 1000).toFixed(0)}s] ${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}\n`);
}

async function main(): Promise<void> {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-'));
	const keep = process.argv.includes('--keep');
	try {
		const tools = await ensureVerifyTools((l) => process.stderr.write(`[verify] ${l}\n`));
		const tgz = await packNodesPackage(path.join(work, 'pack'));
		for (const r of [await scanSource(tools), ...(await scanTarball(tools, tgz, work))]) {
			record(`scanner: ${r.label}`, r.passed, r.passed ? '0 errors' : `${r.message ?? ''} (${errorCount(r)} error(s))\n${r.details ?? ''}`);
		}

		const staged = stageSource(fs.mkdtempSync(path.join(work, 'lint-')), tools);
		const lint = await n8nNodeLint(tools, staged, false);
		const counts = lintCounts(lint.output);
		const strict = /Strict mode violation/.test(lint.output);
		record(
			'n8n-node lint, strict mode',
			lint.code === 0 && !strict,
			`exit ${lint.code}, ${counts.errors} error(s), ${counts.warnings} warning(s)${strict ? ', strict mode violation' : ''}${lint.code === 0 ? '' : `\n${lint.output.slice(-4000)}`}`,
		);

		const sandboxTgz = await packSandboxPackage(path.join(work, 'pack-sandbox'));
		const sandboxFiles = await tarballFiles(sandboxTgz);
		record(`${SANDBOX_PACKAGE} tarball has its bin`, sandboxFiles.includes('dist/bin.js') && !sandboxFiles.some((f) => f.endsWith('.ts')), `${sandboxFiles.length} files`);
		const npx = await npxSandbox(sandboxTgz, work);
		record(`npx ${SANDBOX_PACKAGE} (from ${path.basename(sandboxTgz)}) starts the sandbox`, npx.ok, npx.detail);
	} catch (e) {
		record('verify ran to the end', false, (e as Error).stack ?? String(e));
	} finally {
		if (keep) process.stderr.write(`kept ${work}\n`);
		else fs.rmSync(work, { recursive: true, force: true });
	}
	const failed = results.filter((r) => !r.ok);
	process.stdout.write(`\nverify: ${results.length - failed.length} passed, ${failed.length} failed (${((Date.now() - t0) / 1000).toFixed(0)}s)\n`);
	for (const r of failed) process.stdout.write(`  FAIL ${r.name}\n`);
	process.exitCode = failed.length === 0 && results.length > 0 ? 0 : 1;
}

main();
