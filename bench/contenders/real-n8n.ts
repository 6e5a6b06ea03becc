/**
 * Contenders in the real n8n (2.41.1, installed by scripts/real-n8n/install.ts):
 *   - "ours (n8n)": this package, built and installed the way n8n installs a community package;
 *   - "(a) HTTP Request": n8n's HTTP Request node with the built-in "CrowdStrike OAuth2 API" credential.
 * Each run is one `n8n execute --id=<workflow>` process (no server needed). Wall time = the node's
 * executionTime from the run n8n prints; peak memory = that process's VmHWM, n8n itself included (the
 * run is printed as a summary, bench/lib/run-summary-hook.js, so printing 100,000 items adds nothing).
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { IDataObject } from 'n8n-workflow';

import { baselineCredential } from '../../scripts/real-n8n/baseline';
import { ensureRealN8n } from '../../scripts/real-n8n/install';
import {
	extractJsonValues,
	freePort,
	importCredentials,
	importWorkflow,
	installPackageLikeN8n,
	makeTempUserFolder,
	n8nEnv,
	npmPack,
	removeUserFolder,
	type N8nRun,
} from '../../scripts/real-n8n/instance';
import { realN8nPaths } from '../../scripts/real-n8n/paths';
import type { ContenderResult } from '../lib/child';
import type { Scenario } from '../lib/scenarios';
import {
	CREDENTIAL_IDS,
	HTTP_CREDENTIAL_NAME,
	OURS_CREDENTIAL_NAME,
	isFailedItem,
	measuredNodes,
	workflowFor,
	workflowId,
	type N8nContender,
} from '../lib/workflows';

const REPO = path.resolve(__dirname, '..', '..');

export interface RealN8n {
	/** Seconds spent installing/building/importing before the first run. */
	setupSeconds: number;
	version: string;
	run(contender: N8nContender, scenario: Scenario, options: { timeoutMs: number; cpuProfileDir?: string }): Promise<ContenderResult>;
	close(): void;
}

function copyTree(from: string, to: string, keep: (file: string) => boolean): void {
	if (!fs.existsSync(from)) return;
	for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
		const source = path.join(from, entry.name);
		const target = path.join(to, entry.name);
		if (entry.isDirectory()) copyTree(source, target, keep);
		else if (keep(entry.name)) {
			fs.mkdirSync(to, { recursive: true });
			fs.copyFileSync(source, target);
		}
	}
}

/** The only node and credential the benchmark needs from this package. */
const BENCH_NODE = 'dist/nodes/CrowdStrike/Ioc/CrowdStrikeFalconIoc.node.js';
const BENCH_CREDENTIAL = 'dist/credentials/CrowdStrikeFalconApi.credentials.js';

/**
 * The package as `npm run build` makes it, but into a temporary folder (the repository's dist/
 * is left alone: colleagues build it too), and declaring only the IOC node and the Falcon
 * credential, so that another node being written elsewhere in the tree cannot keep n8n from
 * loading the package. Type errors elsewhere do not stop the emit.
 */
function buildPackage(workDir: string, log: (line: string) => void): string {
	const pkgDir = path.join(workDir, 'package');
	const dist = path.join(pkgDir, 'dist');
	const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', dist], {
		cwd: REPO,
		encoding: 'utf8',
	});
	if (tsc.status !== 0) log(`tsc reported problems (emitted anyway):\n${(tsc.stdout + tsc.stderr).split('\n').slice(0, 10).join('\n')}`);
	for (const file of [BENCH_NODE, BENCH_CREDENTIAL]) {
		if (!fs.existsSync(path.join(pkgDir, file))) throw new Error(`the build did not produce ${file}`);
	}
	copyTree(path.join(REPO, 'nodes'), path.join(dist, 'nodes'), (name) => /\.(svg|png|json)$/.test(name));
	copyTree(path.join(REPO, 'credentials'), path.join(dist, 'credentials'), (name) => /\.(svg|png)$/.test(name));
	copyTree(path.join(REPO, 'icons'), path.join(dist, 'icons'), (name) => /\.(svg|png)$/.test(name));
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { n8n: Record<string, unknown> };
	manifest.n8n = { ...manifest.n8n, nodes: [BENCH_NODE], credentials: [BENCH_CREDENTIAL] };
	fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(manifest, null, 2));
	return npmPack(pkgDir, path.join(workDir, 'packs'));
}

function findRun(text: string): N8nRun | undefined {
	const runs = extractJsonValues(text).filter((value): value is N8nRun => {
		const run = value as N8nRun | undefined;
		return !!run && typeof run === 'object' && !!run.data?.resultData;
	});
	return runs[runs.length - 1];
}

interface CliRun {
	code: number | null;
	output: string;
	seconds: number;
	peakKb?: number;
}

/** `n8n execute --id=… --rawOutput` with the peak-memory hook preloaded. */
async function executeMeasured(userFolder: string, id: string, timeoutMs: number, cpuProfileDir?: string): Promise<CliRun> {
	const paths = realN8nPaths();
	const rssFile = path.join(userFolder, `maxrss-${id}-${Date.now()}.jsonl`);
	const env = n8nEnv({
		userFolder,
		runnerBrokerPort: await freePort(),
		env: {
			// A failed run is only printed at info level.
			N8N_LOG_LEVEL: 'info',
			NODE_OPTIONS: [
				`--require ${path.join(REPO, 'bench', 'lib', 'maxrss-hook.js')}`,
				`--require ${path.join(REPO, 'bench', 'lib', 'run-summary-hook.js')}`,
				...(cpuProfileDir ? [`--cpu-prof --cpu-prof-dir=${cpuProfileDir}`] : []),
			].join(' '),
			BENCH_MAXRSS_FILE: rssFile,
		},
	});
	// Into a file, not a pipe: n8n ends with process.exit(), which cuts a large run short on a pipe.
	const outFile = path.join(userFolder, `execute-${id}-${Date.now()}.log`);
	const fd = fs.openSync(outFile, 'w');
	const started = Date.now();
	const code = await new Promise<number | null>((resolve, reject) => {
		const child = spawn(paths.nodeBin, [paths.n8nBin, 'execute', `--id=${id}`, '--rawOutput'], {
			cwd: userFolder,
			env,
			stdio: ['ignore', fd, fd],
			detached: true,
		});
		const killGroup = () => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		};
		const timer = setTimeout(killGroup, timeoutMs);
		child.once('error', reject);
		child.once('close', (exitCode) => {
			clearTimeout(timer);
			// n8n's task runner may linger in the group.
			killGroup();
			resolve(exitCode);
		});
	});
	fs.closeSync(fd);
	const output = fs.readFileSync(outFile, 'utf8');
	fs.rmSync(outFile, { force: true });
	let peakKb: number | undefined;
	if (fs.existsSync(rssFile)) {
		for (const line of fs.readFileSync(rssFile, 'utf8').split('\n').filter(Boolean)) {
			const entry = JSON.parse(line) as { argv: string[]; vmHwmKb?: number; maxRssKb: number };
			if (entry.argv.includes('execute')) peakKb = entry.vmHwmKb ?? entry.maxRssKb;
		}
		fs.rmSync(rssFile, { force: true });
	}
	return { code, output, seconds: (Date.now() - started) / 1000, peakKb };
}

export async function setUpRealN8n(
	sandbox: { url: string; clientId: string; clientSecret: string },
	scenarios: Scenario[],
	contenders: N8nContender[],
	log: (line: string) => void,
): Promise<RealN8n> {
	const started = Date.now();
	await ensureRealN8n({ log });
	const paths = realN8nPaths();
	const version = (JSON.parse(fs.readFileSync(path.join(paths.n8nPackageDir, 'package.json'), 'utf8')) as { version: string }).version;
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-n8n-'));
	const userFolder = makeTempUserFolder('n8n-bench-user-');
	const cli = { userFolder };
	if (contenders.includes('ours-n8n')) {
		log('building and installing this package into the real n8n');
		const tgz = buildPackage(workDir, log);
		await installPackageLikeN8n(tgz, userFolder);
	}
	const credentials = [
		// n8n's built-in credential, as scripts/real-n8n/baseline.ts (npm run test:n8n) makes it.
		baselineCredential({ apiUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret }, { id: CREDENTIAL_IDS.http, name: HTTP_CREDENTIAL_NAME }),
		...(contenders.includes('ours-n8n')
			? [
					{
						id: CREDENTIAL_IDS.ours,
						name: OURS_CREDENTIAL_NAME,
						type: 'crowdStrikeFalconApi',
						data: { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
					},
				]
			: []),
	];
	const credentialsFile = path.join(workDir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(credentials));
	await importCredentials(credentialsFile, cli);
	const workflows = contenders.flatMap((contender) =>
		scenarios.filter((scenario) => contender !== 'floor-n8n' || scenario.items > 1).map((scenario) => workflowFor(contender, scenario, sandbox.url)),
	);
	await importWorkflow(workflows, cli);

	return {
		setupSeconds: (Date.now() - started) / 1000,
		version,
		async run(contender, scenario, { timeoutMs, cpuProfileDir }) {
			// Both credentials keep their token in the database: import them afresh, so each run
			// starts without one (one token request), as the in-process runs do.
			await importCredentials(credentialsFile, cli);
			const measured = measuredNodes(contender, scenario);
			const cliRun = await executeMeasured(userFolder, workflowId(contender, scenario), timeoutMs, cpuProfileDir);
			const run = findRun(cliRun.output);
			const peakRssMb = cliRun.peakKb ? Math.round(cliRun.peakKb / 1024) : 0;
			if (!run) {
				// Killed at the time limit: the wall time is at least that long.
				const killed = cliRun.code === null && cliRun.seconds * 1000 >= timeoutMs;
				return {
					wallMs: killed ? cliRun.seconds * 1000 : 0,
					totalMs: cliRun.seconds * 1000,
					outputItems: 0,
					failedItems: scenario.items,
					peakRssMb,
					error: killed
						? `killed at the time limit of ${Math.round(timeoutMs / 60_000)} min before the workflow ended`
						: `n8n execute printed no run (exit ${cliRun.code}): ${cliRun.output.split('\n').slice(-5).join(' | ')}`,
				};
			}
			type NodeRun = { executionTime?: number; data?: { main?: Array<Array<{ json: IDataObject }> | null> }; error?: { message?: string } };
			const nodeRun = (name: string) => run.data.resultData.runData[name]?.[0] as NodeRun | undefined;
			const items = measured.results.flatMap((name) => nodeRun(name)?.data?.main?.[0] ?? []);
			const failed = items.filter((item) => isFailedItem(item.json)).length;
			const execution = run as N8nRun & { startedAt?: string; stoppedAt?: string };
			const totalMs =
				execution.startedAt && execution.stoppedAt ? Date.parse(execution.stoppedAt) - Date.parse(execution.startedAt) : cliRun.seconds * 1000;
			const ran = measured.job.map(nodeRun);
			const error = ran.find((node) => node?.error)?.error?.message ?? run.data.resultData.error?.message;
			const missing = measured.job.filter((_name, index) => ran[index]?.executionTime === undefined);
			const perNode = measured.job.length > 1 ? [`per node: ${measured.job.map((name, index) => `${name} ${((ran[index]?.executionTime ?? 0) / 1000).toFixed(1)} s (${ran[index]?.data?.main?.reduce((sum, output) => sum + (output?.length ?? 0), 0) ?? 0} items)`).join(', ')}`] : [];
			return {
				wallMs: missing.length === 0 ? ran.reduce((sum, node) => sum + (node?.executionTime ?? 0), 0) : totalMs,
				totalMs,
				outputItems: items.length,
				failedItems: error ? Math.max(failed, scenario.items) : failed,
				peakRssMb,
				...(error ? { error } : missing.length > 0 ? { error: `${missing.join(', ')} did not run` } : {}),
				notes: [`n8n execute took ${cliRun.seconds.toFixed(1)} s with start-up`, ...perNode],
			};
		},
		close() {
			removeUserFolder(userFolder);
			fs.rmSync(workDir, { recursive: true, force: true });
		},
	};
}
