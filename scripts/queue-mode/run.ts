/**
 * `npm run test:queue`: this package in n8n's queue mode, one main process and two workers,
 * against the sandbox, all on loopback.
 *
 *   npm run test:queue [-- --no-build] [--keep] [--executions=12]
 *
 *  1. Redis from Debian's packages: installed with apt-get when `redis-server` is missing (CI is a
 *     fresh machine, as root), started on 127.0.0.1 on a free port, nothing saved to disk;
 *  2. the real n8n 2.41.1 (scripts/real-n8n/install.ts; skips what is done);
 *  3. `npm run build`, `npm pack`, and the tarball installed into a fresh user folder the way n8n
 *     installs a community package (installPackageLikeN8n);
 *  4. the sandbox on loopback, in this process (its request log is what the checks read);
 *  5. a Falcon credential and a workflow — Webhook → CrowdStrike Falcon IOC (Device Count) →
 *     CrowdStrike Falcon Quarantine (Get Many) — imported and published with n8n's CLI;
 *  6. `n8n start` and two `n8n worker` processes with EXECUTIONS_MODE=queue, the same Redis, user
 *     folder (SQLite) and encryption key, each with its own health and task-runner broker port;
 *  7. the webhook called once, then `--executions` more times, in concurrent waves, until both
 *     workers have run some (bounded: at most 5 waves);
 *  8. checks: every call answered with the nodes' output, each worker's log shows executions it
 *     ran, the main process ran none itself, and the sandbox received exactly ONE token request
 *     (POST /oauth2/token) across all executions and both workers: the token the first execution
 *     fetched is kept in the credential (the shared database) and used by the other worker too.
 *
 * Exit code 1 when a check fails. The temporary folder (user folder, logs, tarball) is removed
 * unless --keep is given or a check failed; its path is printed.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { ensureRealN8n } from '../real-n8n/install';
import {
	freePort,
	importCredentials,
	importWorkflow,
	installPackageLikeN8n,
	makeTempUserFolder,
	n8nCli,
	n8nEnv,
	npmPack,
	removeUserFolder,
	startN8n,
	type N8nInstance,
} from '../real-n8n/instance';
import { realN8nPaths } from '../real-n8n/paths';

const REPO_DIR = path.resolve(__dirname, '..', '..');
const EICAR_MD5 = '44d88612fea8a8f36de82e1278abb02f';

interface Options {
	build: boolean;
	keep: boolean;
	executions: number;
}

function parseArgs(argv: string[]): Options {
	const opts: Options = { build: true, keep: false, executions: 12 };
	for (const arg of argv) {
		if (arg === '--no-build') opts.build = false;
		else if (arg === '--keep') opts.keep = true;
		else if (arg.startsWith('--executions=')) opts.executions = Math.max(2, Number(arg.split('=')[1]) || 12);
		else throw new Error(`unknown argument ${arg} (use --no-build, --keep, --executions=<n>)`);
	}
	return opts;
}

const t0 = Date.now();
const log = (message: string) => console.log(`[queue-mode ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${message}`);

// ---------------------------------------------------------------------------
// Redis

/** `redis-server` from Debian's packages, installed when missing (needs root, as CI is). */
function ensureRedis(): string {
	const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error('redis-server is not installed and this is not root: run `apt-get update && apt-get install -y redis-server`');
	}
	log('redis-server missing: apt-get update && apt-get install -y redis-server');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'redis-server']]) {
		const run = spawnSync('apt-get', args, { env, encoding: 'utf8', timeout: 600_000 });
		if (run.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${run.status}):\n${run.stdout?.slice(-2000)}\n${run.stderr?.slice(-2000)}`);
	}
	const again = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	if (again.status !== 0) throw new Error('redis-server still missing after apt-get install');
	return again.stdout.trim();
}

/** Answers PING with +PONG? (plain RESP over TCP: no client library, no redis-cli). */
async function redisPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			answer += data.toString('utf8');
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

interface Managed {
	name: string;
	child: ChildProcess;
	logFile: string;
	logs(): string;
	stop(): Promise<void>;
}

const managed: Managed[] = [];
process.on('exit', () => {
	for (const m of managed) {
		try {
			if (m.child.pid && m.child.exitCode === null) process.kill(-m.child.pid, 'SIGKILL');
		} catch {
			/* gone */
		}
	}
});

/** Spawns a process in its own group, output to a log file; stop() ends the group (SIGTERM, then SIGKILL). */
function spawnManaged(name: string, command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Managed {
	const fd = fs.openSync(opts.logFile, 'a');
	const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd], detached: true });
	fs.closeSync(fd);
	const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
	const m: Managed = {
		name,
		child,
		logFile: opts.logFile,
		logs: () => (fs.existsSync(opts.logFile) ? fs.readFileSync(opts.logFile, 'utf8') : ''),
		stop: async () => {
			if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				return;
			}
			const timer = setTimeout(() => {
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					/* gone */
				}
			}, 15_000);
			await exited;
			clearTimeout(timer);
		},
	};
	managed.push(m);
	return m;
}

async function startRedis(bin: string, work: string): Promise<{ port: number; process: Managed }> {
	const port = await freePort();
	const redis = spawnManaged('redis', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', work], {
		cwd: work,
		env: process.env,
		logFile: path.join(work, 'redis.log'),
	});
	for (let i = 0; i < 100; i++) {
		if (await redisPing(port)) return { port, process: redis };
		if (redis.child.exitCode !== null) break;
		await sleep(100);
	}
	throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}:\n${redis.logs().slice(-2000)}`);
}

// ---------------------------------------------------------------------------
// n8n processes

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function httpStatus(url: string): Promise<number> {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

/** `n8n worker`: the queue settings, its own health port (on 127.0.0.1) and task-runner broker port. */
async function startWorker(name: string, userFolder: string, queueEnv: Record<string, string>, work: string): Promise<Managed & { healthPort: number }> {
	const p = realN8nPaths();
	const healthPort = await freePort();
	const env = n8nEnv({
		userFolder,
		runnerBrokerPort: await freePort(),
		env: {
			...queueEnv,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		},
	});
	const worker = spawnManaged(name, p.nodeBin, [p.n8nBin, 'worker', '--concurrency=2'], { cwd: userFolder, env, logFile: path.join(work, `${name}.log`) });
	const started = Date.now();
	for (;;) {
		if ((await httpStatus(`http://127.0.0.1:${healthPort}/healthz/readiness`)) === 200) break;
		if (worker.child.exitCode !== null) throw new Error(`${name} exited before it was ready:\n${worker.logs().split('\n').slice(-40).join('\n')}`);
		if (Date.now() - started > 180_000) throw new Error(`${name} was not ready within 180 s:\n${worker.logs().split('\n').slice(-40).join('\n')}`);
		await sleep(500);
	}
	log(`${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (health on 127.0.0.1:${healthPort})`);
	return Object.assign(worker, { healthPort });
}

// ---------------------------------------------------------------------------
// The workflow

const CREDENTIAL = { id: 'qmFalconSandbox1', name: 'Falcon sandbox (queue mode)' };
const WORKFLOW_ID = 'qmEdrSoarWebhook1';

function workflow(webhookPath: string) {
	const credentials = { crowdStrikeFalconApi: CREDENTIAL };
	return {
		id: WORKFLOW_ID,
		name: 'EDR SOAR in queue mode',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: '0f4b2a10-1c1e-4c57-9d0e-3f1a2b3c4d01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2.1,
				position: [0, 0],
				webhookId: '6d1f3f0e-8a55-4f43-9b8b-3b0e7f1c2a02',
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: '0f4b2a10-1c1e-4c57-9d0e-3f1a2b3c4d02',
				name: 'Device Count',
				type: 'n8n-nodes-edr-soar.crowdStrikeFalconIoc',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'device', operation: 'count', type: 'md5', value: '={{ $json.body.md5 }}', requestOptions: {} },
				credentials,
			},
			{
				id: '0f4b2a10-1c1e-4c57-9d0e-3f1a2b3c4d03',
				name: 'Quarantined Files',
				type: 'n8n-nodes-edr-soar.crowdStrikeFalconQuarantine',
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource: 'quarantinedFile', operation: 'getMany', returnAll: false, limit: 1, requestOptions: {} },
				credentials,
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Device Count', type: 'main', index: 0 }]] },
			'Device Count': { main: [[{ node: 'Quarantined Files', type: 'main', index: 0 }]] },
		},
	};
}

interface Call {
	status: number;
	body: unknown;
	ms: number;
}

async function callWebhook(main: N8nInstance, webhookPath: string, wave: number, i: number): Promise<Call> {
	const started = Date.now();
	try {
		const res = await fetch(`${main.url}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ md5: EICAR_MD5, wave, i }),
			signal: AbortSignal.timeout(120_000),
		});
		const text = await res.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			/* not JSON */
		}
		return { status: res.status, body, ms: Date.now() - started };
	} catch (error) {
		return { status: 0, body: String((error as Error).message), ms: Date.now() - started };
	}
}

const executionsIn = (logs: string) => [...logs.matchAll(/Worker started execution (\S+)/g)].map((m) => m[1]);

// ---------------------------------------------------------------------------

function runCommand(cmd: string, args: string[], opts: { cwd: string; logFile: string }): void {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'npm_execpath' || key === 'npm_node_execpath' || key === 'INIT_CWD') delete env[key];
	}
	const run = spawnSync(cmd, args, { cwd: opts.cwd, env, encoding: 'utf8', timeout: 900_000 });
	fs.writeFileSync(opts.logFile, `${run.stdout ?? ''}\n${run.stderr ?? ''}`);
	if (run.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${run.status}):\n${`${run.stdout}\n${run.stderr}`.split('\n').slice(-40).join('\n')}`);
}

async function main(): Promise<number> {
	const opts = parseArgs(process.argv.slice(2));
	const work = makeTempUserFolder('edr-soar-queue-mode-');
	const userFolder = path.join(work, 'user');
	fs.mkdirSync(userFolder);
	log(`work folder ${work}`);
	const failures: string[] = [];
	const check = (ok: boolean, what: string) => {
		log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
		if (!ok) failures.push(what);
	};
	let sandbox: Sandbox | undefined;
	const stops: Array<() => Promise<void>> = [];
	try {
		const redisBin = ensureRedis();
		const redis = await startRedis(redisBin, work);
		stops.push(redis.process.stop);
		log(`redis-server on 127.0.0.1:${redis.port}`);

		await ensureRealN8n();
		if (opts.build) {
			log('npm run build');
			runCommand('npm', ['run', 'build'], { cwd: REPO_DIR, logFile: path.join(work, 'build.log') });
		}
		const tgz = npmPack(REPO_DIR, work);
		const installed = await installPackageLikeN8n(tgz, userFolder);
		log(`installed ${installed.name}@${installed.version} as n8n installs a community package (${installed.seconds.toFixed(1)} s)`);

		sandbox = await startSandbox({ latencyMs: 200 });
		log(`sandbox on ${sandbox.url}`);
		// Every token the sandbox hands out, to look for in the processes' logs afterwards.
		const issued: string[] = [];
		const tokens = sandbox.state.falconAuth.tokens;
		const issue = tokens.issue.bind(tokens);
		tokens.issue = (...args: Parameters<typeof issue>) => {
			const answer = issue(...args);
			issued.push(answer.token);
			return answer;
		};

		// Every process shares the queue, the database (the user folder) and the encryption key.
		const queueEnv: Record<string, string> = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			QUEUE_BULL_PREFIX: `edr-soar-${randomBytes(4).toString('hex')}`,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_LOG_LEVEL: 'info',
		};
		const cli = { userFolder, env: queueEnv };
		const webhookPath = `edr-soar-queue-${randomBytes(3).toString('hex')}`;
		await importCredentials(
			{ ...CREDENTIAL, type: 'crowdStrikeFalconApi', data: { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret } },
			cli,
		);
		await importWorkflow(workflow(webhookPath), cli);
		await n8nCli(['publish:workflow', `--id=${WORKFLOW_ID}`], cli);
		log('credential and workflow imported, workflow published');

		const [mainProcess, worker1, worker2] = await Promise.all([
			startN8n({ userFolder, env: queueEnv, logFile: path.join(work, 'main.log') }),
			startWorker('worker-1', userFolder, queueEnv, work),
			startWorker('worker-2', userFolder, queueEnv, work),
		]);
		stops.push(() => mainProcess.stop(), worker1.stop, worker2.stop);
		log(`main on ${mainProcess.url} (ready in ${mainProcess.startupSeconds.toFixed(1)} s)`);

		sandbox.clearRequests();
		const calls: Call[] = [];
		// One execution first: it fetches the token and keeps it in the credential. The main process
		// registers the published workflow's webhook shortly after it reports ready: until then the
		// call answers 404 and runs nothing.
		let first = await callWebhook(mainProcess, webhookPath, 0, 0);
		for (const started = Date.now(); first.status === 404 && Date.now() - started < 60_000; ) {
			await sleep(250);
			first = await callWebhook(mainProcess, webhookPath, 0, 0);
		}
		calls.push(first);
		log(`first execution answered ${first.status} in ${first.ms} ms`);
		// Then waves of concurrent executions, until both workers have taken some.
		let wave = 0;
		while (wave < 5) {
			wave++;
			const size = Math.ceil(opts.executions / 2);
			calls.push(...(await Promise.all(Array.from({ length: size }, (_, i) => callWebhook(mainProcess, webhookPath, wave, i)))));
			const ran1 = executionsIn(worker1.logs()).length;
			const ran2 = executionsIn(worker2.logs()).length;
			log(`wave ${wave}: ${size} executions; worker-1 has run ${ran1}, worker-2 ${ran2}`);
			if (calls.length - 1 >= opts.executions && ran1 > 0 && ran2 > 0) break;
		}
		// Workers log "finished" after the response went out: give the last lines a moment.
		await sleep(1000);

		const ok = calls.filter((call) => call.status === 200);
		check(ok.length === calls.length, `all ${calls.length} webhook calls answered 200 (${ok.length} did${ok.length < calls.length ? `; e.g. ${JSON.stringify(calls.find((c) => c.status !== 200)).slice(0, 300)}` : ''})`);
		const outputs = ok.map((call) => (Array.isArray(call.body) ? call.body : [call.body]) as Array<Record<string, unknown>>);
		check(
			outputs.every((items) => items.length === 1 && typeof items[0]?.id === 'string'),
			'every execution ran both nodes and answered the Quarantine node\'s item (the Device Count ran before it)',
		);
		const ran1 = executionsIn(worker1.logs());
		const ran2 = executionsIn(worker2.logs());
		check(ran1.length > 0, `worker-1 ran executions (${ran1.length})`);
		check(ran2.length > 0, `worker-2 ran executions (${ran2.length})`);
		check(ran1.length + ran2.length === calls.length, `the workers ran one execution per call (${ran1.length} + ${ran2.length} for ${calls.length} calls)`);
		check(new Set([...ran1, ...ran2]).size === ran1.length + ran2.length, 'no execution ran on both workers');
		check(!/Worker started execution/.test(mainProcess.logs()), 'the main process ran no execution itself');

		const requests = sandbox.requests;
		const tokenCalls = requests.filter((r) => r.method === 'POST' && r.path === '/oauth2/token');
		const deviceCounts = requests.filter((r) => r.path === '/iocs/aggregates/indicators/device-count/v1' && r.status === 200);
		const quarantine = requests.filter((r) => r.path.startsWith('/quarantine/') && r.status === 200);
		const unauthorized = requests.filter((r) => r.status === 401);
		// The first execution (the lowest id) fetched the token; the other worker's executions used it from the database.
		const firstId = [...ran1, ...ran2].map(Number).sort((a, b) => a - b)[0];
		const [fetcher, other] = ran1.map(Number).includes(firstId) ? [['worker-1', ran1], ['worker-2', ran2]] : [['worker-2', ran2], ['worker-1', ran1]];
		log(`token fetched in execution ${firstId} on ${fetcher[0]}; ${other[0]} ran ${other[1].length} execution(s) with it`);
		check(tokenCalls.length === 1, `ONE token request served both workers: POST /oauth2/token ${tokenCalls.length} time(s) for ${calls.length} executions`);
		check(unauthorized.length === 0, `no request was refused for its token (${unauthorized.length} answered 401)`);
		check(deviceCounts.length === calls.length, `one Device Count request per execution (${deviceCounts.length})`);
		check(quarantine.length >= calls.length, `the Quarantine node asked the API in every execution (${quarantine.length} requests)`);
		const secrets = [sandbox.falcon.clientSecret, ...issued];
		const seen = [mainProcess.logs(), worker1.logs(), worker2.logs(), JSON.stringify(calls)].filter((text) => secrets.some((secret) => text.includes(secret)));
		check(issued.length > 0 && seen.length === 0, `no client secret or token (${issued.length} issued) in the main and worker logs or the webhook answers`);
		log(`summary: ${calls.length} executions, worker-1 ${ran1.length}, worker-2 ${ran2.length}, ${requests.length} API requests, ${tokenCalls.length} token request(s); median webhook answer ${median(calls.map((c) => c.ms))} ms`);
	} catch (error) {
		failures.push(`error: ${(error as Error).stack ?? String(error)}`);
		log(`FAIL ${(error as Error).stack ?? String(error)}`);
	} finally {
		for (const stop of stops.reverse()) await stop().catch(() => undefined);
		await sandbox?.close();
	}
	if (failures.length === 0 && !opts.keep) {
		removeUserFolder(work);
		log(`passed; work folder removed`);
	} else {
		log(`${failures.length === 0 ? 'passed' : `${failures.length} check(s) failed`}; logs kept in ${work} (main.log, worker-1.log, worker-2.log, redis.log)`);
	}
	return failures.length === 0 ? 0 : 1;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
