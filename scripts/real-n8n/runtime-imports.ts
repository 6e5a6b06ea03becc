/**
 * Do the modules our built code imports have, in the real n8n, every export it uses?
 *
 * A community package gets `n8n-workflow` and `zod` from n8n itself (n8n puts its own
 * node_modules on NODE_PATH), not the versions in our devDependencies. An export that exists in
 * our n8n-workflow 2.11.1 but not in the n8n-workflow a given n8n ships fails only when that code
 * path runs ("(0, n8n_workflow_1.x) is not a function"). This reads every `require("<module>")`
 * of the installed package's JS (as tsc emits it: `const m_1 = require("m")` … `m_1.name`),
 * resolves each module the way n8n would (the package's own node_modules first, then n8n's), and
 * lists the names that module does not export.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { realN8nPaths } from './paths';

export interface RuntimeImportReport {
	module: string;
	resolved: string;
	version?: string;
	used: string[];
	missing: string[];
	/** file → names it uses that are missing */
	missingIn: Record<string, string[]>;
}

function jsFiles(dir: string): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'node_modules') out.push(...jsFiles(p));
		} else if (entry.name.endsWith('.js')) out.push(p);
	}
	return out;
}

export function checkRuntimeImports(packageDir: string, subdirs = ['dist/nodes', 'dist/credentials']): RuntimeImportReport[] {
	const uses = new Map<string, Map<string, Set<string>>>(); // module → name → files
	for (const sub of subdirs) {
		const dir = path.join(packageDir, sub);
		if (!fs.existsSync(dir)) continue;
		for (const file of jsFiles(dir)) {
			const src = fs.readFileSync(file, 'utf8');
			const rel = path.relative(packageDir, file);
			for (const m of src.matchAll(/(?:const|var|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:__importStar\()?\s*require\("([^".][^"]*)"\)/g)) {
				const [, variable, mod] = m;
				if (mod.startsWith('node:') || !/^[@a-z]/.test(mod)) continue;
				const names = uses.get(mod) ?? new Map<string, Set<string>>();
				uses.set(mod, names);
				for (const u of src.matchAll(new RegExp(`\\b${variable.replace(/\$/g, '\\$')}\\.([A-Za-z_$][\\w$]*)`, 'g'))) {
					const files = names.get(u[1]) ?? new Set<string>();
					files.add(rel);
					names.set(u[1], files);
				}
			}
		}
	}
	const builtins = new Set(require('module').builtinModules as string[]);
	const modules = [...uses.keys()].filter((m) => !builtins.has(m));
	if (modules.length === 0) return [];
	const p = realN8nPaths();
	const probe = `
const out = {};
for (const mod of ${JSON.stringify(modules)}) {
	try {
		const resolved = require.resolve(mod, { paths: [${JSON.stringify(packageDir)}, ${JSON.stringify(p.n8nPackageDir)}] });
		const m = require(resolved);
		let version;
		try {
			let dir = require('path').dirname(resolved);
			for (let i = 0; i < 6 && !version; i++, dir = require('path').dirname(dir)) {
				const pj = require('path').join(dir, 'package.json');
				if (require('fs').existsSync(pj)) { const j = JSON.parse(require('fs').readFileSync(pj, 'utf8')); if (j.name === mod) version = j.version; }
			}
		} catch {}
		out[mod] = { resolved, version, keys: Object.keys(m).concat(Object.getOwnPropertyNames(m)), isDefaultFn: typeof m === 'function' };
	} catch (e) { out[mod] = { error: String(e && e.message || e) }; }
}
process.stdout.write(JSON.stringify(out));`;
	const r = spawnSync(p.nodeBin, ['-e', probe], { cwd: p.n8nDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (r.status !== 0) throw new Error(`runtime import probe failed: ${r.stderr}`);
	const found = JSON.parse(r.stdout) as Record<string, { resolved?: string; version?: string; keys?: string[]; error?: string }>;
	return modules.map((mod) => {
		const names = uses.get(mod)!;
		const info = found[mod];
		const keys = new Set(info.keys ?? []);
		// `default` and `__esModule` are interop helpers tsc may reference.
		const missing = info.error ? [...names.keys()] : [...names.keys()].filter((n) => !keys.has(n) && n !== 'default' && n !== '__esModule');
		const missingIn: Record<string, string[]> = {};
		for (const n of missing) for (const f of names.get(n) ?? []) (missingIn[f] ??= []).push(n);
		return { module: mod, resolved: info.resolved ?? `unresolved: ${info.error}`, version: info.version, used: [...names.keys()].sort(), missing, missingIn };
	});
}
