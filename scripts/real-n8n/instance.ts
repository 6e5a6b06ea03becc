/**
 * Drives a real n8n 2.x installed by install.ts: start/stop a server, run its
 * CLI, install a community package exactly as n8n does, and the REST calls a
 * UI or REST test needs (owner setup, login).
 *
 * Everything runs under the Node 24 from the cache (n8n 2.36+ refuses Node 20),
 * on loopback only, with n8n's calls to n8n.io services switched off.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { npmEnvForNode24, realN8nPaths, runN8nEnv } from './paths';

// ---------------------------------------------------------------------------
// Environment

export interface N8nEnvOptions {
	/** N8N_USER_FOLDER: n8n keeps its data in <userFolder>/.n8n (database, config, nodes/). */
	userFolder: string;
	/** HTTP port (server) — also used for WEBHOOK_URL / N8N_EDITOR_BASE_URL. */
	port?: number;
	/** Task-runner broker port. Every n8n process (server or CLI) opens one; they must differ. */
	runnerBrokerPort?: number;
	/** Folders with custom nodes (N8N_CUSTOM_EXTENSIONS, joined with ';'). */
	customExtensionsDir?: string | string[];
	/** Extra or overriding variables (undefined deletes a variable). */
	env?: Record<string, string | undefined>;
}

/** The variables that keep n8n on loopback, offline and quiet. */
export const QUIET_OFFLINE_ENV: Readonly<Record<string, string>> = Object.freeze({
	N8N_HOST: '127.0.0.1',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_PROTOCOL: 'http',
	N8N_SECURE_COOKIE: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
	N8N_AI_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
	N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	// The MCP registry module polls api.n8n.io for MCP servers at start (ENOTFOUND here).
	N8N_DISABLED_MODULES: 'mcp-registry',
	// Requests a workflow makes to loopback (the sandbox) must never go through a proxy.
	NO_PROXY: '127.0.0.1,localhost,::1',
	no_proxy: '127.0.0.1,localhost,::1',
});

/** Builds the environment for any n8n process (server or CLI). */
export function n8nEnv(opts: N8nEnvOptions): NodeJS.ProcessEnv {
	const env = npmEnvForNode24();
	delete env.npm_config_nodedir;
	delete env.npm_config_build_from_source;
	// Variables of an outer n8n must not leak in (a test may itself run with some set).
	for (const key of Object.keys(env)) {
		if (/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_URL$|GENERIC_TIMEZONE$)/.test(key)) delete env[key];
	}
	Object.assign(env, QUIET_OFFLINE_ENV, runN8nEnv);
	env.N8N_USER_FOLDER = path.resolve(opts.userFolder);
	if (opts.port !== undefined) {
		env.N8N_PORT = String(opts.port);
		env.N8N_WEBHOOK_URL = `http://127.0.0.1:${opts.port}/`;
		env.N8N_EDITOR_BASE_URL = `http://127.0.0.1:${opts.port}`;
	}
	if (opts.runnerBrokerPort !== undefined) env.N8N_RUNNERS_BROKER_PORT = String(opts.runnerBrokerPort);
	if (opts.customExtensionsDir !== undefined) {
		const dirs = Array.isArray(opts.customExtensionsDir) ? opts.customExtensionsDir : [opts.customExtensionsDir];
		env.N8N_CUSTOM_EXTENSIONS = dirs.map((d) => path.resolve(d)).join(';');
	}
	for (const [k, v] of Object.entries(opts.env ?? {})) {
		if (v === undefined) delete env[k];
		else env[k] = v;
	}
	return env;
}

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const addr = srv.address();
			const port = typeof addr === 'object' && addr ? addr.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/** A fresh temporary user folder (caller removes it, or use removeUserFolder). */
export function makeTempUserFolder(prefix = 'n8n-real-'): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeUserFolder(userFolder: string): void {
	fs.rmSync(userFolder, { recursive: true, force: true });
}

function assertInstalled(): void {
	const p = realN8nPaths();
	if (!fs.existsSync(p.nodeBin) || !fs.existsSync(p.n8nBin)) {
		throw new Error(
			`real n8n is not installed in ${p.cacheDir}: run \`npx ts-node --transpile-only scripts/real-n8n/install.ts\` (or call ensureRealN8n())`,
		);
	}
}

// ---------------------------------------------------------------------------
// Server

export interface StartN8nOptions extends N8nEnvOptions {
	/** Default: a free port. */
	port?: number;
	/** How long to wait for /healthz/readiness (default 180 s). */
	timeoutMs?: number;
	/** Where n8n's stdout/stderr go (default <userFolder>/n8n-server.log). */
	logFile?: string;
}

export interface N8nInstance {
	/** http://127.0.0.1:<port> */
	url: string;
	port: number;
	runnerBrokerPort: number;
	userFolder: string;
	pid: number;
	logFile: string;
	/** The environment n8n runs with (reuse it for CLI calls against the same data). */
	env: NodeJS.ProcessEnv;
	/** Seconds from spawn to ready. */
	startupSeconds: number;
	/** What n8n printed so far. */
	logs(): string;
	/** SIGTERM, then SIGKILL after graceMs (default 15 s). Resolves when the process is gone. */
	stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	// Never leave an n8n behind when the calling process ends.
	process.on('exit', () => {
		for (const child of running) {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	});
}

async function sleep(ms: number): Promise<void> {
	await new Promise((r) => setTimeout(r, ms));
}

async function httpStatus(url: string, timeoutMs = 2000): Promise<number> {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

/** Starts `n8n start`; resolves when /healthz/readiness answers 200 (DB migrated, server fully up). */
export async function startN8n(opts: StartN8nOptions): Promise<N8nInstance> {
	assertInstalled();
	installExitHook();
	const p = realN8nPaths();
	const port = opts.port ?? (await freePort());
	const runnerBrokerPort = opts.runnerBrokerPort ?? (await freePort());
	const userFolder = path.resolve(opts.userFolder);
	fs.mkdirSync(userFolder, { recursive: true });
	const env = n8nEnv({ ...opts, port, runnerBrokerPort, userFolder });
	const logFile = opts.logFile ?? path.join(userFolder, 'n8n-server.log');
	const fd = fs.openSync(logFile, 'a');
	const t0 = Date.now();
	// detached: own process group, so stop() also ends the task runner n8n spawns.
	const child = spawn(p.nodeBin, [p.n8nBin, 'start'], {
		cwd: userFolder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	running.add(child);
	let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
	const exitPromise = new Promise<void>((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			running.delete(child);
			resolve();
		});
	});
	const logs = () => {
		try {
			return fs.readFileSync(logFile, 'utf8');
		} catch {
			return '';
		}
	};
	const url = `http://127.0.0.1:${port}`;
	const stop = async (graceMs = 15_000) => {
		if (exited || !child.pid) return;
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const timer = setTimeout(() => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, graceMs);
		await exitPromise;
		clearTimeout(timer);
		// Children of the group (task runner) may outlive the main process briefly.
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			/* group empty */
		}
	};

	const timeoutMs = opts.timeoutMs ?? 180_000;
	for (;;) {
		if (exited) {
			throw new Error(
				`n8n exited before it was ready (${exited.signal ?? `exit ${exited.code}`}); last log lines:\n${logs().split('\n').slice(-40).join('\n')}`,
			);
		}
		if ((await httpStatus(`${url}/healthz/readiness`)) === 200) break;
		if (Date.now() - t0 > timeoutMs) {
			await stop(2000);
			throw new Error(`n8n did not become ready within ${timeoutMs} ms; last log lines:\n${logs().split('\n').slice(-40).join('\n')}`);
		}
		await sleep(500);
	}
	return {
		url,
		port,
		runnerBrokerPort,
		userFolder,
		pid: child.pid ?? -1,
		logFile,
		env,
		startupSeconds: (Date.now() - t0) / 1000,
		logs,
		stop,
	};
}

// ---------------------------------------------------------------------------
// CLI

export interface N8nCliOptions extends N8nEnvOptions {
	/** Default 300 s. */
	timeoutMs?: number;
	/** Throw when the command exits non-zero (default true). */
	check?: boolean;
}

export interface N8nCliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	seconds: number;
}

/**
 * Runs `n8n <args>` with Node 24 against the given user folder. A free
 * task-runner broker port is chosen unless given, so CLI calls can run while a
 * server uses the same user folder.
 */
export async function n8nCli(args: string[], opts: N8nCliOptions): Promise<N8nCliResult> {
	assertInstalled();
	const p = realN8nPaths();
	const runnerBrokerPort = opts.runnerBrokerPort ?? (await freePort());
	fs.mkdirSync(opts.userFolder, { recursive: true });
	const env = n8nEnv({ ...opts, runnerBrokerPort });
	const t0 = Date.now();
	return await new Promise<N8nCliResult>((resolve, reject) => {
		const child = spawn(p.nodeBin, [p.n8nBin, ...args], {
			cwd: opts.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		running.add(child);
		installExitHook();
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
		const timeoutMs = opts.timeoutMs ?? 300_000;
		const timer = setTimeout(() => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			running.delete(child);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			running.delete(child);
			// The task runner n8n spawned may linger in the group.
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group empty */
			}
			const result: N8nCliResult = { code, signal, stdout, stderr, seconds: (Date.now() - t0) / 1000 };
			if ((opts.check ?? true) && code !== 0) {
				const err = new Error(
					`n8n ${args.join(' ')} failed (${signal ?? `exit ${code}`}${signal === 'SIGKILL' ? `, timeout ${timeoutMs} ms?` : ''})\n--- stdout ---\n${tail(stdout)}\n--- stderr ---\n${tail(stderr)}`,
				) as Error & { result: N8nCliResult };
				err.result = result;
				reject(err);
				return;
			}
			resolve(result);
		});
	});
}

function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

/**
 * Every top-level JSON object or array in a text that also holds log lines,
 * in order. A candidate starts at a `{` or `[` that opens a line (after
 * optional spaces) and ends at its balanced closing bracket (strings and
 * escapes respected); candidates that do not parse are skipped.
 */
export function extractJsonValues(text: string): unknown[] {
	const found: unknown[] = [];
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		const atLineStart = i === 0 || /\n[ \t]*$/.test(text.slice(Math.max(0, i - 64), i));
		if ((ch === '{' || ch === '[') && atLineStart) {
			const end = matchBracket(text, i);
			if (end > i) {
				try {
					found.push(JSON.parse(text.slice(i, end + 1)));
					i = end + 1;
					continue;
				} catch {
					/* not JSON: keep scanning */
				}
			}
		}
		i++;
	}
	return found;
}

function matchBracket(text: string, start: number): number {
	const stack: string[] = [];
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{') stack.push('}');
		else if (c === '[') stack.push(']');
		else if (c === '}' || c === ']') {
			if (stack.pop() !== c) return -1;
			if (stack.length === 0) return i;
		}
	}
	return -1;
}

/** The largest JSON value in the text (by serialized length), or undefined. */
export function parseJsonFromOutput(text: string): unknown {
	let best: unknown;
	let bestLen = -1;
	for (const v of extractJsonValues(text)) {
		const len = JSON.stringify(v).length;
		if (len > bestLen) {
			best = v;
			bestLen = len;
		}
	}
	return best;
}

/** The shape of the run `n8n execute --rawOutput` prints (the parts tests read). */
export interface N8nRun {
	finished?: boolean;
	status?: string;
	mode?: string;
	data: {
		resultData: {
			runData: Record<
				string,
				Array<{
					data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
					error?: Record<string, unknown>;
					executionStatus?: string;
				}>
			>;
			lastNodeExecuted?: string;
			error?: Record<string, unknown> & { message?: string };
		};
	};
}

function isRun(v: unknown): v is N8nRun {
	const r = v as N8nRun | undefined;
	return !!r && typeof r === 'object' && !!r.data && typeof r.data === 'object' && !!r.data.resultData;
}

export interface ExecuteResult {
	ok: boolean;
	run: N8nRun;
	cli: N8nCliResult;
}

/**
 * `n8n execute --id=<id> --rawOutput`. On success n8n prints the run as JSON on
 * stdout; on a failed run it logs the run (at info level) and exits 1. Either
 * way the run is parsed out of the output; throws only when there is none.
 */
export async function executeWorkflow(id: string, opts: N8nCliOptions): Promise<ExecuteResult> {
	const cli = await n8nCli(['execute', `--id=${id}`, '--rawOutput'], {
		...opts,
		check: false,
		// The failed-run JSON is only printed at info level.
		env: { N8N_LOG_LEVEL: 'info', ...(opts.env ?? {}) },
	});
	const runs = extractJsonValues(`${cli.stdout}\n${cli.stderr}`).filter(isRun);
	const run = runs[runs.length - 1];
	if (!run) {
		throw new Error(
			`n8n execute --id=${id} printed no run (exit ${cli.code})\n--- stdout ---\n${tail(cli.stdout)}\n--- stderr ---\n${tail(cli.stderr)}`,
		);
	}
	return { ok: cli.code === 0 && !run.data.resultData.error, run, cli };
}

/** The output items of a node in a run (its first run, output 0 unless given). */
export function nodeOutput(run: N8nRun, nodeName: string, output = 0, runIndex = 0): Array<Record<string, unknown>> {
	const taskData = run.data.resultData.runData[nodeName]?.[runIndex];
	const items = taskData?.data?.main?.[output] ?? [];
	return items.map((i) => i.json);
}

function writeTempJson(value: unknown, userFolder: string, stem: string): string {
	const dir = path.join(userFolder, 'imports');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${stem}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

export interface WorkflowJson {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	[key: string]: unknown;
}

/** `n8n import:workflow --input=<file>`; accepts one workflow, an array, or a file path. */
export async function importWorkflow(workflow: WorkflowJson | WorkflowJson[] | string, opts: N8nCliOptions): Promise<N8nCliResult> {
	const file = typeof workflow === 'string' ? workflow : writeTempJson(workflow, opts.userFolder, 'workflow');
	return await n8nCli(['import:workflow', `--input=${file}`], opts);
}

export interface CredentialJson {
	id: string;
	name: string;
	type: string;
	/** Plain-text data: n8n encrypts it on import. */
	data: Record<string, unknown>;
	[key: string]: unknown;
}

/** `n8n import:credentials --input=<file>`; plain-text `data` is encrypted by n8n. */
export async function importCredentials(
	credentials: CredentialJson | CredentialJson[] | string,
	opts: N8nCliOptions,
): Promise<N8nCliResult> {
	// n8n wants an array here ("Make sure the credentials are contained in an array").
	const list = typeof credentials === 'string' ? credentials : Array.isArray(credentials) ? credentials : [credentials];
	const file = typeof list === 'string' ? list : writeTempJson(list, opts.userFolder, 'credentials');
	return await n8nCli(['import:credentials', `--input=${file}`], opts);
}

export interface ExportedNodeType {
	name: string;
	displayName?: string;
	version?: number | number[];
	credentials?: Array<{ name: string }>;
	[key: string]: unknown;
}

/** `n8n export:nodes --output=<file>`: every node type n8n loaded (built-in, community, custom). */
export async function exportNodes(opts: N8nCliOptions): Promise<ExportedNodeType[]> {
	const file = path.join(opts.userFolder, `nodes-export-${Date.now()}.json`);
	await n8nCli(['export:nodes', `--output=${file}`], opts);
	// n8n resolves before its write stream is flushed on some runs: wait for a complete file.
	for (let i = 0; i < 50; i++) {
		try {
			const types = JSON.parse(fs.readFileSync(file, 'utf8')) as ExportedNodeType[];
			fs.rmSync(file, { force: true });
			return types;
		} catch {
			await sleep(100);
		}
	}
	throw new Error(`n8n export:nodes wrote no readable ${file}`);
}

// ---------------------------------------------------------------------------
// Community package install, as n8n 2.x does it

export interface InstalledPackage {
	name: string;
	version: string;
	dir: string;
	seconds: number;
}

/**
 * Installs a package tarball (from `npm pack`) into <userFolder>/.n8n/nodes the
 * way n8n 2.41's CommunityPackagesService.downloadPackage does: extract into
 * nodes/node_modules/<name> (tar --strip-components=1), drop devDependencies,
 * peerDependencies and optionalDependencies from its package.json, run
 * `npm install --audit=false --fund=false --bin-links=false
 * --install-strategy=shallow --ignore-scripts=true --package-lock=false` in that
 * folder, and record it in nodes/package.json ("installed-nodes" ledger).
 *
 * n8n loads every nodes/node_modules/n8n-nodes-* (and @scope/n8n-nodes-*)
 * folder at start, so a server started afterwards (or any CLI command) sees it.
 * Unlike an install from the UI, the package is not written to n8n's
 * installed_packages table, so Settings > Community nodes does not list it.
 */
export async function installPackageLikeN8n(tgzPath: string, userFolder: string): Promise<InstalledPackage> {
	const t0 = Date.now();
	const tgz = path.resolve(tgzPath);
	if (!fs.existsSync(tgz)) throw new Error(`no such tarball: ${tgz}`);
	// Read the manifest from the tarball first, to know the package's name.
	const listed = spawnSync('tar', ['-xzOf', tgz, 'package/package.json'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
	if (listed.status !== 0) throw new Error(`cannot read package/package.json from ${tgz}: ${listed.stderr}`);
	const manifest = JSON.parse(listed.stdout) as { name: string; version: string };
	const name = manifest.name;
	const bare = name.startsWith('@') ? name.split('/')[1] : name;
	if (!bare.startsWith('n8n-nodes-')) {
		throw new Error(`n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-* (got ${name})`);
	}
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tgz, '-C', packageDir, '--strip-components=1'], { encoding: 'utf8' });
	if (untar.status !== 0) throw new Error(`tar -xzf ${tgz} failed: ${untar.stderr}`);

	const pkgJsonPath = path.join(packageDir, 'package.json');
	const pkgJson = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8')) as Record<string, unknown>;
	delete pkgJson.devDependencies;
	delete pkgJson.peerDependencies;
	delete pkgJson.optionalDependencies;
	fs.writeFileSync(pkgJsonPath, JSON.stringify(pkgJson, null, 2), 'utf8');

	const env = npmEnvForNode24();
	delete env.npm_config_build_from_source;
	const install = spawnSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, env, encoding: 'utf8', timeout: 600_000 },
	);
	if (install.status !== 0) {
		throw new Error(`npm install in ${packageDir} failed (exit ${install.status}):\n${install.stdout}\n${install.stderr}`);
	}

	// The ledger n8n keeps (CommunityPackagesService.mutatePackageJsonDependencies).
	const ledgerPath = path.join(nodesDir, 'package.json');
	let ledger: { name: string; private: boolean; dependencies: Record<string, string> } = {
		name: 'installed-nodes',
		private: true,
		dependencies: {},
	};
	try {
		const existing = JSON.parse(fs.readFileSync(ledgerPath, 'utf8')) as typeof ledger;
		if (existing && typeof existing.dependencies === 'object' && existing.dependencies) ledger = existing;
	} catch {
		/* none yet */
	}
	ledger.dependencies[name] = String(pkgJson.version ?? manifest.version);
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');

	return { name, version: String(pkgJson.version ?? manifest.version), dir: packageDir, seconds: (Date.now() - t0) / 1000 };
}

/** `npm pack` of a package folder into outDir; returns the tarball's path. */
export function npmPack(packageDir: string, outDir: string): string {
	fs.mkdirSync(outDir, { recursive: true });
	const env = npmEnvForNode24();
	const r = spawnSync('npm', ['pack', '--ignore-scripts', '--json', `--pack-destination=${outDir}`], {
		cwd: packageDir,
		env,
		encoding: 'utf8',
	});
	if (r.status !== 0) throw new Error(`npm pack in ${packageDir} failed: ${r.stderr}`);
	const info = parseJsonFromOutput(r.stdout) as Array<{ filename: string }> | undefined;
	const filename = info?.[0]?.filename;
	if (!filename) throw new Error(`npm pack printed no file name: ${r.stdout}`);
	// Scoped names are packed as scope-name-version.tgz.
	return path.join(outDir, filename.replace(/^@/, '').replace('/', '-'));
}

// ---------------------------------------------------------------------------
// REST: owner, login, requests

export interface OwnerAccount {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** A valid owner (password: 8+ chars, a digit, an upper-case letter). */
export const DEFAULT_OWNER: Readonly<OwnerAccount> = Object.freeze({
	email: 'owner@example.com',
	password: 'Passw0rd-Edr-Soar',
	firstName: 'Test',
	lastName: 'Owner',
});

export interface N8nSession {
	baseUrl: string;
	/** The `n8n-auth=<jwt>` cookie pair to send as the Cookie header. */
	cookie: string;
	/** Sent as the `browser-id` header (n8n binds the auth cookie to it). */
	browserId: string;
	user: Record<string, unknown>;
}

function authCookieFrom(res: Response): string {
	const setCookies = res.headers.getSetCookie?.() ?? [];
	for (const c of setCookies) {
		const pair = c.split(';')[0];
		if (pair.startsWith('n8n-auth=')) return pair;
	}
	throw new Error(`no n8n-auth cookie in the response (${res.status})`);
}

async function jsonBody(res: Response): Promise<Record<string, unknown>> {
	const text = await res.text();
	try {
		return JSON.parse(text) as Record<string, unknown>;
	} catch {
		return { raw: text };
	}
}

function baseUrlOf(target: string | { url: string }): string {
	return (typeof target === 'string' ? target : target.url).replace(/\/+$/, '');
}

/** POST /rest/owner/setup (only once per user folder). Returns a logged-in session. */
export async function setupOwner(
	target: string | { url: string },
	owner: OwnerAccount = DEFAULT_OWNER,
	browserId = `real-n8n-${process.pid}`,
): Promise<N8nSession> {
	const baseUrl = baseUrlOf(target);
	const res = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify(owner),
	});
	const body = await jsonBody(res);
	if (!res.ok) throw new Error(`POST /rest/owner/setup: ${res.status} ${JSON.stringify(body)}`);
	return { baseUrl, cookie: authCookieFrom(res), browserId, user: (body.data as Record<string, unknown>) ?? body };
}

/** POST /rest/login with { emailOrLdapLoginId, password }. */
export async function login(
	target: string | { url: string },
	account: Pick<OwnerAccount, 'email' | 'password'> = DEFAULT_OWNER,
	browserId = `real-n8n-${process.pid}`,
): Promise<N8nSession> {
	const baseUrl = baseUrlOf(target);
	const res = await fetch(`${baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': browserId },
		body: JSON.stringify({ emailOrLdapLoginId: account.email, password: account.password }),
	});
	const body = await jsonBody(res);
	if (!res.ok) throw new Error(`POST /rest/login: ${res.status} ${JSON.stringify(body)}`);
	return { baseUrl, cookie: authCookieFrom(res), browserId, user: (body.data as Record<string, unknown>) ?? body };
}

/** Sets up the owner if the instance has none yet, else logs in. */
export async function ensureOwnerSession(target: string | { url: string }, owner: OwnerAccount = DEFAULT_OWNER): Promise<N8nSession> {
	try {
		return await setupOwner(target, owner);
	} catch (e) {
		if (!/\b400\b/.test((e as Error).message)) throw e;
		return await login(target, owner);
	}
}

/**
 * A request with the session's cookie. `path` is relative to the base URL
 * (e.g. `/rest/workflows`, `/types/nodes.json`). Returns status and parsed body;
 * n8n's REST wraps results as `{ data: ... }`.
 */
export async function restRequest<T = unknown>(
	session: N8nSession,
	method: string,
	urlPath: string,
	body?: unknown,
): Promise<{ status: number; body: T; headers: Headers }> {
	const res = await fetch(`${session.baseUrl}${urlPath}`, {
		method,
		headers: {
			cookie: session.cookie,
			'browser-id': session.browserId,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		/* not JSON */
	}
	return { status: res.status, body: parsed as T, headers: res.headers };
}

/** GET /types/nodes.json (needs a logged-in session in n8n 2.x). */
export async function listNodeTypesRest(session: N8nSession): Promise<ExportedNodeType[]> {
	const r = await restRequest<ExportedNodeType[]>(session, 'GET', '/types/nodes.json');
	if (r.status !== 200 || !Array.isArray(r.body)) throw new Error(`GET /types/nodes.json: ${r.status}`);
	return r.body;
}
