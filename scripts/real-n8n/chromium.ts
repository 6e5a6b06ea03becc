/**
 * Debian's Chromium for the editor screenshots, installed with apt-get when it is missing.
 *
 *   npx ts-node --transpile-only scripts/real-n8n/chromium.ts     # install if missing, print the version
 *
 * CI runs on a fresh machine as root with no standard input, so the install must need no prompt:
 * `apt-get update` then `apt-get install -y --no-install-recommends chromium` with
 * DEBIAN_FRONTEND=noninteractive. Not root and no Chromium: the caller gets an error that says
 * what to run (or skips the screenshots with --no-screenshots).
 *
 * The browser never goes online: every flag in CHROMIUM_ARGS keeps it on loopback (no
 * component updates, no sync, no background networking, no QUIC, no first-run pages).
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/** The flags of every launch (a fresh --user-data-dir is added per launch). */
export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	'--disable-features=Translate,MediaRouter,OptimizationHints',
	'--no-default-browser-check',
	'--metrics-recording-only',
	'--password-store=basic',
	'--hide-scrollbars',
	'--mute-audio',
	'--lang=en-US',
]);

export function chromiumVersion(bin = CHROMIUM_BIN): string | undefined {
	if (!fs.existsSync(bin)) return undefined;
	const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
	return r.status === 0 ? r.stdout.trim() : undefined;
}

function runLogged(cmd: string, args: string[], logFile: string, env: NodeJS.ProcessEnv, log: (l: string) => void): Promise<void> {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(logFile, 'a');
		fs.writeSync(fd, `$ ${cmd} ${args.join(' ')}\n`);
		const t0 = Date.now();
		const child = spawn(cmd, args, { env, stdio: ['ignore', fd, fd] });
		const beat = setInterval(() => log(`  ${cmd} ${args[0]}: still running (${Math.round((Date.now() - t0) / 1000)}s, log ${logFile})`), 30_000);
		child.on('error', (e) => {
			clearInterval(beat);
			fs.closeSync(fd);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			clearInterval(beat);
			fs.closeSync(fd);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${tail}`));
		});
	});
}

/**
 * Makes sure Chromium is there; installs Debian's package when it is not (root only).
 * Returns the path of the binary and its version.
 */
export async function ensureChromium(
	opts: { log?: (line: string) => void; logDir?: string } = {},
): Promise<{ bin: string; version: string; installedNow: boolean; seconds: number }> {
	const log = opts.log ?? ((l: string) => process.stderr.write(`[chromium] ${l}\n`));
	const t0 = Date.now();
	const have = chromiumVersion();
	if (have) return { bin: CHROMIUM_BIN, version: have, installedNow: false, seconds: (Date.now() - t0) / 1000 };
	if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(`${CHROMIUM_BIN} is missing and this is not a Debian machine: install Chromium and set CHROMIUM_BIN`);
	}
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM_BIN} is missing. Install it as root: apt-get update && apt-get install -y chromium (or run with --no-screenshots)`,
		);
	}
	const logDir = opts.logDir ?? os.tmpdir();
	fs.mkdirSync(logDir, { recursive: true });
	const logFile = path.join(logDir, 'chromium-apt.log');
	const env: NodeJS.ProcessEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };
	log(`${CHROMIUM_BIN} missing: apt-get update && apt-get install -y chromium (log ${logFile})`);
	// Wait for another apt/dpkg (e.g. unattended upgrades) instead of failing on its lock.
	const lock = ['-o', 'DPkg::Lock::Timeout=300'];
	await runLogged('apt-get', [...lock, 'update'], logFile, env, log);
	await runLogged(
		'apt-get',
		[...lock, 'install', '-y', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confold', 'chromium', 'fonts-liberation'],
		logFile,
		env,
		log,
	);
	const version = chromiumVersion();
	if (!version) throw new Error(`apt-get installed chromium but ${CHROMIUM_BIN} --version fails (log ${logFile})`);
	const seconds = (Date.now() - t0) / 1000;
	log(`installed ${version} in ${seconds.toFixed(1)}s`);
	return { bin: CHROMIUM_BIN, version, installedNow: true, seconds };
}

if (require.main === module) {
	ensureChromium().then(
		(r) => process.stdout.write(`${r.bin}: ${r.version}${r.installedNow ? ` (installed in ${r.seconds.toFixed(1)}s)` : ''}\n`),
		(e: Error) => {
			process.stderr.write(`${e.message}\n`);
			process.exit(1);
		},
	);
}
