/**
 * `npm run test:n8n:matrix`: the real-n8n runs the release checklist adds to .ci/run's one
 * (the newest tested n8n): the oldest n8n the README claims, and the newest with SSRF protection
 * on as n8n 3.0 has it. Each is a full `npm run test:n8n` without screenshots; an n8n version not
 * in the cache is installed first (10 to 25 minutes each).
 *
 *   npm run test:n8n:matrix [-- --only=oldest|ssrf] [--keep]
 */
import { spawn } from 'child_process';
import * as path from 'path';

import { LATEST_TESTED_N8N, OLDEST_SUPPORTED_N8N } from './paths';

interface MatrixRun {
	name: string;
	args: string[];
}

export const MATRIX: readonly MatrixRun[] = [
	{ name: 'oldest', args: [`--n8n=${OLDEST_SUPPORTED_N8N}`, '--no-screenshots'] },
	{ name: 'ssrf', args: [`--n8n=${LATEST_TESTED_N8N}`, '--ssrf', '--no-screenshots'] },
];

function runOne(run: MatrixRun, extra: string[]): Promise<number> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'test-n8n.ts'), ...run.args, ...extra], {
			stdio: 'inherit',
			env: process.env,
		});
		child.on('exit', (code) => resolve(code ?? 1));
	});
}

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
	const extra = argv.filter((a) => a === '--keep');
	const results: Array<[string, number, number]> = [];
	for (const run of MATRIX.filter((r) => !only || r.name === only)) {
		const t0 = Date.now();
		process.stderr.write(`\n=== test:n8n ${run.args.join(' ')} (${run.name})\n`);
		results.push([`${run.name}: test:n8n ${run.args.join(' ')}`, await runOne(run, extra), (Date.now() - t0) / 1000]);
	}
	process.stdout.write('\ntest:n8n:matrix\n');
	for (const [label, code, secs] of results) process.stdout.write(`  ${code === 0 ? 'PASS' : 'FAIL'}  ${label}  (${secs.toFixed(0)}s)\n`);
	process.exitCode = results.length > 0 && results.every(([, code]) => code === 0) ? 0 : 1;
}

main().catch((e: Error) => {
	process.stderr.write(`${e.stack ?? e.message}\n`);
	process.exit(1);
});
