/**
 * `npm run lint:n8n`: `n8n-node lint` (@n8n/node-cli, pinned in scripts/verify/tools/) in strict
 * mode on this package's source as n8n's verification sees it: package.json, eslint.config.mjs
 * (node-cli's own, unchanged, as strict mode demands), tsconfig.json, nodes/, credentials/, icons/.
 *
 * It runs in a staging copy because `n8n-node lint` lints every .ts under the folder it runs in,
 * with n8n Cloud's rules (no `process`, no `node:fs`, no timers…), and strict mode forbids any
 * change to eslint.config.mjs. test/, scripts/, bench/, spec/ and the sandbox are never loaded by
 * n8n; `npm run lint` (eslint.repo.config.mjs) lints them with the repository's rules.
 *
 *   npm run lint:n8n [-- --keep]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { runCommand, type Ran } from './exec';
import { REPO_DIR } from './package-tarball';
import { ensureVerifyTools, type VerifyTools } from './tools';

/** What n8n's verification reads of the source (the scanner's source patterns, plus what they point at). */
export const LINTED_ENTRIES = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials', 'icons'];

export function stageSource(into: string, tools: VerifyTools): string {
	for (const entry of LINTED_ENTRIES) {
		fs.cpSync(path.join(REPO_DIR, entry), path.join(into, entry), { recursive: true });
	}
	// n8n-workflow, zod (import resolution), eslint and node-cli's config, from the pinned tools.
	fs.symlinkSync(tools.nodeModules, path.join(into, 'node_modules'), 'dir');
	return into;
}

export async function n8nNodeLint(tools: VerifyTools, dir: string, echo = true): Promise<Ran> {
	const cli = path.join(tools.nodeModules, '@n8n', 'node-cli', 'bin', 'n8n-node.mjs');
	const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${tools.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`, CI: 'true' };
	for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
	return runCommand(tools.nodeBin, [cli, 'lint'], { cwd: dir, env, echo });
}

/** "✖ 8 problems (2 errors, 6 warnings)" → { errors: 2, warnings: 6 }; none printed → zeros. */
export function lintCounts(output: string): { errors: number; warnings: number } {
	// eslint colours its summary; strip ANSI codes before reading it.
	const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
	const m = /(\d+) problems? \((\d+) errors?, (\d+) warnings?\)/.exec(plain);
	return m ? { errors: Number(m[2]), warnings: Number(m[3]) } : { errors: 0, warnings: 0 };
}

async function main(): Promise<void> {
	const keep = process.argv.includes('--keep');
	const tools = await ensureVerifyTools();
	const dir = stageSource(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-node-lint-')), tools);
	try {
		const r = await n8nNodeLint(tools, dir);
		const counts = lintCounts(r.output);
		const strictViolation = /Strict mode violation/.test(r.output);
		process.stdout.write(
			`\nn8n-node lint (strict mode, ${dir}): exit ${r.code}, ${counts.errors} error(s), ${counts.warnings} warning(s)${strictViolation ? ', STRICT MODE VIOLATION' : ''}\n`,
		);
		process.exitCode = r.code === 0 && !strictViolation ? 0 : 1;
	} finally {
		if (keep) process.stdout.write(`kept ${dir}\n`);
		else fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().catch((e: Error) => {
		process.stderr.write(`${e.stack ?? e.message}\n`);
		process.exit(1);
	});
}
