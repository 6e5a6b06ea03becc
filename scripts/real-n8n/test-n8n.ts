/**
 * `npm run test:n8n`: this package in a real n8n 2.x, end to end, against the sandbox.
 *
 *   npm run test:n8n [-- --n8n=<version>] [--ssrf] [--no-screenshots] [--keep] [--no-build] [--only=<example file>]...
 *
 * --n8n=<version>  the n8n to install and drive (default LATEST_TESTED_N8N in paths.ts, 2.41.1);
 * --ssrf           n8n's SSRF protection on (N8N_SSRF_PROTECTION_ENABLED=true, as n8n 3.0 has it),
 *                  the sandbox reachable only through N8N_SSRF_ALLOWED_IP_RANGES; first checks that
 *                  without that allow-list our nodes' requests are blocked (they go through n8n's helpers).
 *
 *  1. installs that n8n and Node 24 into the cache folder (install.ts; skips what is done);
 *  2. `npm run build`, `npm pack`, and installs the tarball into a fresh user folder the way n8n
 *     installs a community package (installPackageLikeN8n);
 *  3. starts the sandbox on loopback (in this process) and `n8n start` on loopback;
 *  4. checks that n8n loaded every node and credential package.json declares (`n8n export:nodes`);
 *  5. imports a sandbox credential for every credential reference in examples/ and every example
 *     workflow with n8n's CLI (pinned items become a Code node: `n8n execute` ignores pinData),
 *     runs each with `n8n execute --id` on a freshly reset sandbox and checks its output
 *     (example-checks.ts);
 *     examples/ai-triage-agent.json instead runs in agent-run.ts: the AI Agent with our nodes as
 *     tools and a scripted chat model on loopback (read-only refusal, then the allowed write);
 *  6. runs the baseline: n8n's HTTP Request node with the built-in "CrowdStrike OAuth2 API"
 *     credential against the same sandbox (baseline.ts);
 *  7. editor screenshots with headless Chromium (editor.ts): owner setup, nodes panel searches,
 *     each node's Resource/Operation dropdown, saved in docs/screenshots/ (skip: --no-screenshots
 *     or TEST_N8N_SCREENSHOTS=0);
 *  8. the node and credential types over REST as the editor loads them (logged-in session);
 *  9. examples that start at a polling trigger: published (activated) in the running n8n, new data
 *     put in the sandbox, and the execution the next scheduled poll starts read back over REST;
 * 10. prints a summary; the exit code is 1 when any check failed.
 *
 * Step 2 also checks that every n8n-workflow/zod export the built code uses exists in the copies
 * n8n hands the package at run time (runtime-imports.ts). docs/real-n8n.md has the details.
 *
 * The temporary folder (user folder, logs, tarball) is removed unless --keep is given or a check
 * failed; its path is printed.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startSandbox, type Sandbox } from '../../sandbox';
import { AGENT_EXAMPLE, TOOL_USAGE_ENV, runAgentScenario } from './agent-run';
import { BASELINE_NODE, httpRequestBaseline, targetFromSandbox } from './baseline';
import { EXAMPLE_EXPECTATIONS, type CheckContext } from './example-checks';
import { credentialRefs, executionOrder, loadExamples, nodeErrors, REPO_DIR, type CredentialRef, type Example } from './examples';
import { ensureRealN8n } from './install';
import {
	ensureOwnerSession,
	executeWorkflow,
	exportNodes,
	importCredentials,
	importWorkflow,
	installPackageLikeN8n,
	listNodeTypesRest,
	nodeOutput,
	npmPack,
	restRequest,
	startN8n,
	type CredentialJson,
	type ExportedNodeType,
	type N8nInstance,
	type N8nRun,
	type N8nSession,
} from './instance';
import { readPackageInfo, type PackageInfo } from './package-info';
import { N8N_VERSION, realN8nPaths, runN8nEnv, useN8nVersion } from './paths';
import { checkRuntimeImports } from './runtime-imports';

// ---------------------------------------------------------------------------
// Options, log, checks, timings

interface Options {
	screenshots: boolean;
	keep: boolean;
	build: boolean;
	only: string[];
	screenshotsDir: string;
	ssrf: boolean;
}

function parseArgs(argv: string[]): Options {
	const envOff = /^(0|false|no|off)$/i.test(process.env.TEST_N8N_SCREENSHOTS ?? '');
	const opts: Options = {
		screenshots: !envOff,
		keep: false,
		build: true,
		only: [],
		screenshotsDir: process.env.TEST_N8N_SCREENSHOTS_DIR || path.join(REPO_DIR, 'docs', 'screenshots'),
		ssrf: false,
	};
	for (const arg of argv) {
		if (arg === '--no-screenshots') opts.screenshots = false;
		else if (arg === '--screenshots') opts.screenshots = true;
		else if (arg === '--keep') opts.keep = true;
		else if (arg === '--no-build') opts.build = false;
		else if (arg.startsWith('--n8n=')) useN8nVersion(arg.slice('--n8n='.length));
		else if (arg === '--ssrf') opts.ssrf = true;
		else if (arg.startsWith('--only=')) opts.only.push(...arg.slice('--only='.length).split(',').filter(Boolean));
		else if (arg.startsWith('--screenshots-dir=')) opts.screenshotsDir = path.resolve(arg.slice('--screenshots-dir='.length));
		else if (arg === '--help' || arg === '-h') {
			process.stdout.write(
				'npm run test:n8n [-- --n8n=<version>] [--ssrf] [--no-screenshots] [--keep] [--no-build] [--only=<example.json>] [--screenshots-dir=<dir>]\n',
			);
			process.exit(0);
		} else throw new Error(`unknown argument ${arg}`);
	}
	return opts;
}

const t0 = Date.now();
const timings: Array<[string, number]> = [];
interface Check {
	group: string;
	name: string;
	ok: boolean;
	detail?: string;
}
const checks: Check[] = [];
const notes: string[] = [];

function log(line: string): void {
	process.stderr.write(`[test:n8n +${((Date.now() - t0) / 1000).toFixed(1)}s] ${line}\n`);
}

function detailText(detail: unknown): string | undefined {
	if (detail === undefined) return undefined;
	const s = typeof detail === 'string' ? detail : JSON.stringify(detail);
	return s.length > 600 ? `${s.slice(0, 597)}...` : s;
}

function check(group: string, name: string, ok: boolean, detail?: unknown): boolean {
	const d = detailText(detail);
	checks.push({ group, name, ok, detail: d });
	log(`${ok ? 'PASS' : 'FAIL'} [${group}] ${name}${d ? ` — ${d}` : ''}`);
	return ok;
}

async function timed<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
	const s = Date.now();
	log(`${label} ...`);
	try {
		return await fn();
	} finally {
		const secs = (Date.now() - s) / 1000;
		timings.push([label, secs]);
		log(`${label}: ${secs.toFixed(1)}s`);
	}
}

function runCommand(cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<void> {
	return new Promise((resolve, reject) => {
		const fd = fs.openSync(opts.logFile, 'w');
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', fd, fd] });
		child.on('error', (e) => {
			fs.closeSync(fd);
			reject(e);
		});
		child.on('exit', (code, signal) => {
			fs.closeSync(fd);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(opts.logFile, 'utf8').split('\n').slice(-40).join('\n');
			reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${code}`})\n${tail}`));
		});
	});
}

/** The machine's npm and Node 20 for the build, without what a parent `npm run` exported. */
function buildEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) {
		if (/^npm_(config|package|lifecycle)_/i.test(key) || key === 'npm_execpath' || key === 'npm_node_execpath' || key === 'INIT_CWD') {
			delete env[key];
		}
	}
	return env;
}

// ---------------------------------------------------------------------------
// Credentials for the sandbox

/** Field names of a credential type, from package.json's list or else from any built credential file. */
function credentialFields(type: string, pkg: PackageInfo): string[] | undefined {
	const declared = pkg.credentials.find((c) => c.name === type);
	if (declared) return declared.fields;
	const dir = path.join(REPO_DIR, 'dist', 'credentials');
	for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
		if (!file.endsWith('.credentials.js')) continue;
		try {
			const mod = require(path.join(dir, file)) as Record<string, new () => { name: string; properties?: Array<{ name: string }> }>;
			for (const Ctor of Object.values(mod)) {
				if (typeof Ctor !== 'function') continue;
				const c = new Ctor();
				if (c.name === type) return (c.properties ?? []).map((p) => p.name);
			}
		} catch {
			/* not loadable here */
		}
	}
	return undefined;
}

function pick(fields: string[] | undefined, candidates: string[]): string {
	return candidates.find((c) => fields?.includes(c)) ?? candidates[0];
}

/** Plain-text credential data that points a credential type at the sandbox. */
export function sandboxCredentialData(type: string, sandbox: Sandbox, fields?: string[]): Record<string, unknown> {
	if (type === 'crowdStrikeFalconApi') {
		return { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret };
	}
	if (type === 'cytomicOrionApi') {
		const orion = (sandbox as Sandbox & { orion?: Record<string, string> }).orion;
		if (!orion) throw new Error('the sandbox has no Orion credentials (sandbox.orion)');
		// The credential names them authUrl/baseUrl; older drafts said tokenUrl/apiBaseUrl.
		return {
			[pick(fields, ['authUrl', 'tokenUrl'])]: `${sandbox.url}/orion/oauth/token`,
			[pick(fields, ['baseUrl', 'apiBaseUrl'])]: `${sandbox.url}/orion/api/v1/applications`,
			clientId: orion.clientId,
			clientSecret: orion.clientSecret,
			username: orion.username,
			password: orion.password,
		};
	}
	throw new Error(`no sandbox data for credential type ${type}: add it to sandboxCredentialData() in scripts/real-n8n/test-n8n.ts`);
}

// ---------------------------------------------------------------------------
// Steps

function checkLoadedTypes(pkg: PackageInfo, types: ExportedNodeType[]): Set<string> {
	const names = new Set(types.map((t) => t.name));
	const ours = types.filter((t) => t.name.startsWith(`${pkg.name}.`));
	check(
		'package',
		`n8n export:nodes lists the ${pkg.nodes.length} node(s) package.json declares`,
		pkg.nodes.every((n) => names.has(n.type)),
		`declared: ${pkg.nodes.map((n) => n.name).join(', ')}; loaded: ${ours.map((t) => t.name.split('.')[1]).join(', ') || 'none'}; ${types.length} types in all`,
	);
	const credentialTypesOfOurNodes = new Set(ours.flatMap((t) => (t.credentials ?? []).map((c) => c.name)));
	check(
		'package',
		'our nodes refer to the credentials package.json declares',
		[...credentialTypesOfOurNodes].every((c) => pkg.credentials.some((d) => d.name === c)),
		`nodes use ${[...credentialTypesOfOurNodes].join(', ')}; declared ${pkg.credentials.map((c) => c.name).join(', ')}`,
	);
	return names;
}

interface ExampleResult {
	file: string;
	how: 'n8n execute' | 'activated, polled';
	ok: boolean;
	seconds: number;
	executionMs?: number;
	apiRequests: number;
	tokenRequests: number;
	specific: boolean;
}

interface ExampleEnv {
	sandbox: Sandbox;
	loadedTypes: Set<string>;
	pkg: PackageInfo;
	declaredCredentialTypes: Set<string>;
	userFolder: string;
}

/** Node types and credential types the example needs: loaded in n8n and declared by us. */
function preflight(ex: Example, env: ExampleEnv): boolean {
	const group = ex.file;
	const unknownTypes = [...new Set(ex.runnable.nodes.map((n) => n.type))].filter((t) => !env.loadedTypes.has(t));
	const ourUndeclared = unknownTypes.filter((t) => t.startsWith(`${env.pkg.name}.`));
	const typesOk = check(
		group,
		'every node type it uses is loaded in n8n',
		unknownTypes.length === 0,
		unknownTypes.length ? `missing: ${unknownTypes.join(', ')}${ourUndeclared.length ? ' (not in package.json n8n.nodes)' : ''}` : undefined,
	);
	const credTypes = [...new Set(ex.runnable.nodes.flatMap((n) => Object.keys(n.credentials ?? {})))];
	check(
		group,
		'every credential type it uses is declared in package.json',
		credTypes.every((t) => env.declaredCredentialTypes.has(t)),
		credTypes.filter((t) => !env.declaredCredentialTypes.has(t)).map((t) => `${t} is not in n8n.credentials`).join('; ') || credTypes.join(', '),
	);
	return typesOk;
}

/** The checks every run gets, then the example's own (example-checks.ts). */
function checkRun(ex: Example, env: ExampleEnv, run: N8nRun, ok: boolean, okDetail: string, how: string): { requests: number; tokens: number; specific: boolean } {
	const group = ex.file;
	const requests = env.sandbox.requests.filter((q) => !q.path.startsWith('/_sandbox'));
	const tokenRequests = requests.filter((q) => /\/(oauth2?\/token)$/.test(q.path)).length;
	check(group, `${how}: the run finished without an error`, ok, okDetail);
	const errors = nodeErrors(run);
	check(group, 'no node failed', errors.length === 0, errors.map(([n, m]) => `${n}: ${m}`).join('; ') || undefined);

	const synthetic = new Set(ex.runnable.nodes.filter((n) => !ex.original.nodes.some((o) => o.name === n.name)).map((n) => n.name));
	const order = executionOrder(run).filter((n) => !synthetic.has(n));
	const ourNodesRan = order.filter((name) => ex.runnable.nodes.find((n) => n.name === name)?.type.startsWith(`${env.pkg.name}.`));
	check(group, 'at least one of our nodes ran', ourNodesRan.length > 0, order.join(' → '));
	const errorItems = ourNodesRan.flatMap((name) =>
		nodeOutput(run, name)
			.filter((j) => j.error !== undefined && j.error !== null)
			.map((j) => `${name}: ${detailText(j.error)}`),
	);
	check(group, 'no output item of our nodes carries an error', errorItems.length === 0, errorItems.join('; ') || undefined);
	const serverErrors = requests.filter((q) => q.status >= 500 || q.status === 0);
	check(
		group,
		'the sandbox answered its API calls (no 5xx)',
		requests.length > 0 && serverErrors.length === 0,
		`${requests.length} request(s), ${tokenRequests} token request(s)${serverErrors.length ? `; 5xx: ${serverErrors.map((q) => `${q.method} ${q.path} ${q.status}`).join(', ')}` : ''}`,
	);
	if (ex.pinnedNodes.length) {
		const pinnedCounts = ex.pinnedNodes.map((n) => [n, nodeOutput(run, n).length, ex.original.pinData?.[n]?.length ?? 0] as const);
		check(
			group,
			'the pinned items reached the workflow (as a Code node)',
			pinnedCounts.every(([, got, want]) => got === want),
			pinnedCounts.map(([n, got, want]) => `${n}: ${got}/${want}`).join(', '),
		);
	}

	const expectation = EXAMPLE_EXPECTATIONS[ex.file];
	if (expectation && !ok) {
		notes.push(`${ex.file}: the run failed, so its expected results were not compared (see the failed checks)`);
	} else if (expectation) {
		if (expectation.order) {
			check(group, 'the expected nodes ran, in order', JSON.stringify(order) === JSON.stringify(expectation.order), order.join(' → '));
		}
		for (const [node, count] of Object.entries(expectation.counts ?? {})) {
			const got = nodeOutput(run, node).length;
			check(group, `${node}: ${count} item(s)`, got === count, `got ${got}`);
		}
		if (expectation.check) {
			const ctx: CheckContext = { run, order, out: (node, output = 0) => nodeOutput(run, node, output), sandbox: env.sandbox, requests };
			try {
				expectation.check(ctx, (name, passed, detail) => check(group, name, passed, detail));
			} catch (e) {
				check(group, 'example-specific checks ran', false, (e as Error).stack ?? String(e));
			}
		}
	} else {
		notes.push(`${ex.file}: generic checks only; add its expected results to scripts/real-n8n/example-checks.ts`);
	}
	return { requests: requests.length, tokens: tokenRequests, specific: !!expectation };
}

/** A workflow that starts at a Manual Trigger (pinned items as a Code node): `n8n execute --id`. */
async function runExample(ex: Example, env: ExampleEnv): Promise<ExampleResult> {
	const before = checks.filter((c) => !c.ok).length;
	const base = { file: ex.file, how: 'n8n execute' as const };
	if (!preflight(ex, env)) return { ...base, ok: false, seconds: 0, apiRequests: 0, tokenRequests: 0, specific: false };
	env.sandbox.reset();
	const started = Date.now();
	const { ok, run, cli } = await executeWorkflow(ex.runnable.id, { userFolder: env.userFolder, timeoutMs: 300_000 });
	const seconds = (Date.now() - started) / 1000;
	const executionMs = runMs(run);
	const errMsg = run.data.resultData.error?.message;
	const r = checkRun(
		ex,
		env,
		run,
		ok && cli.code === 0,
		ok ? `${seconds.toFixed(1)}s, execution ${executionMs ?? '?'} ms` : `exit ${cli.code}: ${errMsg ?? ''}`,
		'`n8n execute --id`',
	);
	return { ...base, ok: checks.filter((c) => !c.ok).length === before, seconds, executionMs, apiRequests: r.requests, tokenRequests: r.tokens, specific: r.specific };
}

/** One example's failure to run at all is its failed check, not the end of the whole test. */
async function guarded(ex: Example, how: ExampleResult['how'], fn: () => Promise<ExampleResult>): Promise<ExampleResult> {
	try {
		return await fn();
	} catch (e) {
		check(ex.file, 'the example ran', false, ((e as Error).stack ?? String(e)).split('\n').slice(0, 8).join(' | '));
		return { file: ex.file, how, ok: false, seconds: 0, apiRequests: 0, tokenRequests: 0, specific: false };
	}
}

function runMs(run: N8nRun): number | undefined {
	const r = run as N8nRun & { startedAt?: string; stoppedAt?: string };
	return r.startedAt && r.stoppedAt ? Date.parse(r.stoppedAt) - Date.parse(r.startedAt) : undefined;
}

/** True when the workflow starts at a polling trigger (nothing `n8n execute` can start). */
function startsAtPollingTrigger(ex: Example, pollingTypes: Set<string>): boolean {
	const types = ex.runnable.nodes.map((n) => n.type);
	return !types.includes('n8n-nodes-base.manualTrigger') && types.some((t) => pollingTypes.has(t));
}

interface ExecutionSummary {
	id: string;
	status?: string;
	mode?: string;
	finished?: boolean;
	stoppedAt?: string | null;
}

/**
 * A workflow that starts at a polling trigger, the way users run it: published (activated) in the
 * running n8n, whose activation runs the first poll (it records where it stands and emits
 * nothing); then the example's new data appears in the sandbox, the next scheduled poll emits it,
 * and n8n starts a 'trigger' execution, read back over REST.
 */
async function runTriggerExample(ex: Example, env: ExampleEnv, session: N8nSession): Promise<ExampleResult> {
	const group = ex.file;
	const before = checks.filter((c) => !c.ok).length;
	const base = { file: ex.file, how: 'activated, polled' as const };
	if (!preflight(ex, env)) return { ...base, ok: false, seconds: 0, apiRequests: 0, tokenRequests: 0, specific: false };
	const id = ex.runnable.id;
	env.sandbox.reset();
	const started = Date.now();
	let activated = false;
	try {
		const wf = await restRequest<{ data: { versionId: string } }>(session, 'GET', `/rest/workflows/${id}`);
		const act = await restRequest<{ data?: { active?: boolean; activeVersionId?: string | null }; message?: string }>(session, 'POST', `/rest/workflows/${id}/activate`, {
			versionId: wf.body.data.versionId,
		});
		activated = act.status === 200 && !!act.body.data?.activeVersionId;
		// n8n 2.41 publishes through an outbox: the answer comes before the trigger is activated and
		// its activation poll has run. Wait for that poll's requests (then 2 s of quiet) before
		// anything new appears in the sandbox, or the activation poll would take it as history.
		const firstPoll = activated ? await quietAfterRequests(env.sandbox, 30_000, 2000) : 0;
		if (!check(group, 'published (activated) in the running n8n; the activation poll passed', activated, activated ? `${firstPoll} API request(s) in the first poll` : `${act.status} ${JSON.stringify(act.body).slice(0, 300)}`)) {
			return { ...base, ok: false, seconds: (Date.now() - started) / 1000, apiRequests: 0, tokenRequests: 0, specific: false };
		}
		const expectation = EXAMPLE_EXPECTATIONS[ex.file];
		if (!expectation?.stimulate) {
			notes.push(`${ex.file}: starts at a polling trigger; without a stimulate() in example-checks.ts only its activation was checked`);
			return { ...base, ok: checks.filter((c) => !c.ok).length === before, seconds: (Date.now() - started) / 1000, apiRequests: firstPoll, tokenRequests: 0, specific: false };
		}
		const early = await listExecutions(session, id);
		check(group, 'the first poll emitted nothing (no flood of history on activation)', early.length === 0, `${early.length} execution(s)`);
		log(`  ${ex.file}: ${expectation.stimulate(env.sandbox)}; waiting for the next scheduled poll`);
		const finished = await waitForExecution(session, id, 150_000, env.sandbox);
		if (!check(group, 'the next scheduled poll started an execution', !!finished, finished ? `execution ${finished.id} (${finished.mode}) after ${((Date.now() - started) / 1000).toFixed(0)}s` : 'none within 150 s')) {
			return { ...base, ok: false, seconds: (Date.now() - started) / 1000, apiRequests: 0, tokenRequests: 0, specific: true };
		}
		check(group, "n8n ran it as a production 'trigger' execution", finished!.mode === 'trigger', finished!.mode);
		const run = await readExecution(session, finished!.id);
		const ok = (finished!.status === 'success' || finished!.finished === true) && !run.data.resultData.error;
		const r = checkRun(ex, env, run, ok, `${finished!.status}${run.data.resultData.error ? `: ${run.data.resultData.error.message}` : ''}`, 'scheduled poll');
		const more = await listExecutions(session, id);
		check(group, 'exactly one execution started for the new files', more.length === 1, `${more.length} execution(s)`);
		return { ...base, ok: checks.filter((c) => !c.ok).length === before, seconds: (Date.now() - started) / 1000, executionMs: runMs(run), apiRequests: r.requests, tokenRequests: r.tokens, specific: true };
	} finally {
		if (activated) {
			const off = await restRequest(session, 'POST', `/rest/workflows/${id}/deactivate`, {});
			if (off.status !== 200) log(`  ${ex.file}: deactivate answered ${off.status}`);
		}
	}
}

/** Waits for API requests to reach the sandbox and then stop for quietMs; answers how many came. */
async function quietAfterRequests(sandbox: Sandbox, timeoutMs: number, quietMs: number): Promise<number> {
	const count = () => sandbox.requests.filter((q) => !q.path.startsWith('/_sandbox')).length;
	const start = Date.now();
	let last = count();
	let changed = Date.now();
	while (Date.now() - start < timeoutMs) {
		await new Promise((r) => setTimeout(r, 250));
		const now = count();
		if (now !== last) {
			last = now;
			changed = Date.now();
		}
		if (last > 0 && Date.now() - changed >= quietMs) break;
	}
	return last;
}

async function listExecutions(session: N8nSession, workflowId: string): Promise<ExecutionSummary[]> {
	const q = encodeURIComponent(JSON.stringify({ workflowId }));
	const r = await restRequest<{ data?: { results?: ExecutionSummary[] } }>(session, 'GET', `/rest/executions?filter=${q}&limit=20`);
	return r.body?.data?.results ?? [];
}

async function waitForExecution(session: N8nSession, workflowId: string, timeoutMs: number, sandbox?: Sandbox): Promise<ExecutionSummary | undefined> {
	const end = Date.now() + timeoutMs;
	let lastBeat = Date.now();
	while (Date.now() < end) {
		if (sandbox && Date.now() - lastBeat > 15_000) {
			lastBeat = Date.now();
			const api = sandbox.requests.filter((q) => !q.path.startsWith('/_sandbox'));
			log(`  still waiting; the sandbox has answered ${api.length} API request(s)${api.length ? `, the last ${api[api.length - 1].method} ${api[api.length - 1].path} at ${api[api.length - 1].at}` : ''}`);
		}
		const done = (await listExecutions(session, workflowId)).find((e) => !!e.stoppedAt && e.status !== 'running' && e.status !== 'new');
		if (done) return done;
		await new Promise((r) => setTimeout(r, 2000));
	}
	return undefined;
}

/** GET /rest/executions/:id; its data is flatted-encoded (n8n's own `flatted`, read from its folder). */
async function readExecution(session: N8nSession, executionId: string): Promise<N8nRun> {
	const r = await restRequest<{ data: { data: string; status?: string; mode?: string; startedAt?: string; stoppedAt?: string } }>(session, 'GET', `/rest/executions/${executionId}`);
	if (r.status !== 200) throw new Error(`GET /rest/executions/${executionId}: ${r.status}`);
	const flatted = require(path.join(realN8nPaths().n8nDir, 'node_modules', 'flatted')) as { parse(text: string): unknown };
	const data = (typeof r.body.data.data === 'string' ? flatted.parse(r.body.data.data) : r.body.data.data) as N8nRun['data'];
	return { status: r.body.data.status, mode: r.body.data.mode, data, startedAt: r.body.data.startedAt, stoppedAt: r.body.data.stoppedAt } as N8nRun;
}

/** n8n 3.0's default (SSRF protection on), with the sandbox on loopback allowed by IP range only. */
const SSRF_ENV: Readonly<Record<string, string>> = Object.freeze({
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
});

/**
 * With SSRF protection on and no allow-list, n8n must block every request of ours: proof that each
 * goes through n8n's request helpers (a client of our own would reach the sandbox).
 */
async function ssrfBlocksWithoutAllowList(ex: Example, env: ExampleEnv): Promise<void> {
	const group = 'ssrf';
	env.sandbox.reset();
	const { ok, run } = await executeWorkflow(ex.runnable.id, { userFolder: env.userFolder, timeoutMs: 300_000, env: { N8N_SSRF_ALLOWED_IP_RANGES: undefined } });
	const reached = env.sandbox.requests.filter((q) => !q.path.startsWith('/_sandbox'));
	const error = run.data.resultData.error;
	const said = JSON.stringify(error ?? {});
	check(group, `${ex.file} fails when the sandbox is not on the allow-list`, !ok, error?.message ?? 'the run succeeded');
	check(group, 'no request of ours reached the sandbox (n8n blocked them all)', reached.length === 0, `${reached.length} request(s): ${reached.slice(0, 5).map((q) => `${q.method} ${q.path}`).join(', ')}`);
	// What the user reads: n8n's own words are worth passing on; today the credentials' token fetch
	// says "network error" (a note, not a check: the block itself is what the two checks above prove).
	const saysSsrf = /blocked because|restricted IP|SsrfBlocked/i.test(said);
	notes.push(`SSRF block as the user sees it: ${saysSsrf ? "n8n's SSRF message is shown" : `"${error?.message ?? ''}" (n8n's SSRF message is not passed on)`}`);
}

async function runBaseline(sandbox: Sandbox, userFolder: string): Promise<void> {
	const group = 'baseline';
	sandbox.reset();
	const result = await httpRequestBaseline(targetFromSandbox(sandbox), { userFolder });
	const requests = sandbox.requests.filter((q) => !q.path.startsWith('/_sandbox'));
	const item = result.items[0] ?? {};
	const resources = item.resources as unknown[] | undefined;
	check(
		group,
		`HTTP Request node + crowdStrikeOAuth2Api: GET /iocs/combined/indicator/v1?limit=5 succeeded`,
		result.ok,
		result.ok ? `${result.cliSeconds.toFixed(1)}s, execution ${result.executionMs ?? '?'} ms` : result.error,
	);
	check(
		group,
		`"${BASELINE_NODE}" returned the raw Falcon envelope with 5 indicators`,
		result.items.length === 1 && Array.isArray(resources) && resources.length === 5 && typeof (item.meta as Record<string, unknown> | undefined)?.pagination === 'object',
		`${result.items.length} item(s), ${Array.isArray(resources) ? resources.length : 'no'} resources`,
	);
	const tokenCalls = requests.filter((q) => q.path === '/oauth2/token');
	const apiCalls = requests.filter((q) => q.path === '/iocs/combined/indicator/v1');
	check(
		group,
		'one token request (client credentials), then the API call with its bearer token',
		tokenCalls.length === 1 && apiCalls.length === 1 && apiCalls[0].status === 200 && apiCalls[0].clientId === sandbox.falcon.clientId,
		`${tokenCalls.length} token, ${apiCalls.length} API request(s): ${requests.map((q) => `${q.method} ${q.path} ${q.status}`).join(', ')}`,
	);
}

async function restTypeChecks(instance: N8nInstance, pkg: PackageInfo): Promise<void> {
	const group = 'editor types';
	const session = await ensureOwnerSession(instance);
	const nodeTypes = await listNodeTypesRest(session);
	const names = new Set(nodeTypes.map((t) => t.name));
	check(
		group,
		'GET /types/nodes.json (what the editor loads) lists our nodes',
		pkg.nodes.every((n) => names.has(n.type)),
		pkg.nodes.map((n) => `${n.name}:${names.has(n.type) ? 'yes' : 'NO'}`).join(', '),
	);
	// The node window's Docs link: the description's documentationUrl, else the codex's primaryDocumentation.
	const repoWeb = (JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as { repository: { url: string } }).repository.url
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	const docsLinks = pkg.nodes.map((n) => {
		const t = nodeTypes.find((x) => x.name === n.type) as { documentationUrl?: string; codex?: { resources?: { primaryDocumentation?: Array<{ url?: string }> } } } | undefined;
		const url = t?.documentationUrl?.startsWith('http') ? t.documentationUrl : t?.codex?.resources?.primaryDocumentation?.[0]?.url;
		return { node: n.name, url, ok: typeof url === 'string' && url.startsWith(`${repoWeb}/blob/main/docs/nodes/`) && url.endsWith('.md') };
	});
	check(
		group,
		"each node's Docs link (as the editor gets it) opens the package's own page for that node",
		docsLinks.every((d) => d.ok),
		docsLinks.map((d) => `${d.node}: ${d.url ?? 'none'}`).join(', '),
	);
	const creds = await restRequest<Array<{ name: string; displayName?: string }>>(session, 'GET', '/types/credentials.json');
	const credNames = new Set(Array.isArray(creds.body) ? creds.body.map((c) => c.name) : []);
	check(
		group,
		'GET /types/credentials.json lists our credentials',
		creds.status === 200 && pkg.credentials.every((c) => credNames.has(c.name)),
		`status ${creds.status}; ${pkg.credentials.map((c) => `${c.name}:${credNames.has(c.name) ? 'yes' : 'NO'}`).join(', ')}; crowdStrikeOAuth2Api:${credNames.has('crowdStrikeOAuth2Api') ? 'yes' : 'NO'}`,
	);
	const wfs = await restRequest<{ data: Array<{ id: string; name: string }> }>(session, 'GET', '/rest/workflows');
	check('editor types', 'GET /rest/workflows shows the imported examples', wfs.status === 200 && Array.isArray(wfs.body?.data), `${wfs.body?.data?.length ?? 0} workflow(s)`);
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
	const opts = parseArgs(process.argv.slice(2));
	log(`repository ${REPO_DIR}; n8n ${N8N_VERSION}; SSRF protection ${opts.ssrf ? 'on' : 'off'}; screenshots ${opts.screenshots ? `on (${opts.screenshotsDir})` : 'off'}`);
	if (opts.ssrf) Object.assign(runN8nEnv, SSRF_ENV);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-test-'));
	const userFolder = path.join(work, 'user');
	fs.mkdirSync(userFolder);
	log(`work folder ${work}`);
	let instance: N8nInstance | undefined;
	let sandbox: Sandbox | undefined;
	try {
		await timed('install n8n + Node 24 (skips what is done)', () => ensureRealN8n({ log: (l) => log(`  ${l}`) }));
		if (opts.build) {
			await timed('npm run build', () => runCommand('npm', ['run', 'build'], { cwd: REPO_DIR, env: buildEnv(), logFile: path.join(work, 'build.log') }));
		}
		const pkg = readPackageInfo();
		log(`package.json: ${pkg.nodes.length} node(s) (${pkg.nodes.map((n) => n.name).join(', ')}), ${pkg.credentials.length} credential(s) (${pkg.credentials.map((c) => c.name).join(', ')})`);
		const tgz = await timed('npm pack', () => npmPack(REPO_DIR, path.join(work, 'pack')));
		const installed = await timed('install the tarball like n8n (nodes/node_modules)', () => installPackageLikeN8n(tgz, userFolder));
		const missingFiles = [...pkg.nodes.map((n) => n.file), ...pkg.credentials.map((c) => c.file)].filter((f) => !fs.existsSync(path.join(installed.dir, f)));
		check('package', 'the tarball holds every file package.json n8n lists', missingFiles.length === 0, missingFiles.join(', ') || path.basename(tgz));
		const pkgJson = JSON.parse(fs.readFileSync(path.join(installed.dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
		log(`runtime dependencies n8n installed: ${Object.keys(pkgJson.dependencies ?? {}).join(', ') || 'none'}`);
		for (const rep of checkRuntimeImports(installed.dir)) {
			check(
				'package',
				`every ${rep.module} export our code uses exists in the one n8n gives it (${rep.version ?? '?'})`,
				rep.missing.length === 0,
				rep.missing.length
					? `missing: ${Object.entries(rep.missingIn).map(([f, names]) => `${names.join(', ')} (${f})`).join('; ')}`
					: `${rep.used.length} name(s): ${rep.used.join(', ')}`,
			);
		}

		sandbox = await timed('start the sandbox (loopback)', () => startSandbox({ host: '127.0.0.1' }));
		log(`sandbox ${sandbox.url}`);
		const sb = sandbox;
		instance = await timed('n8n start (until /healthz/readiness)', () => startN8n({
				userFolder,
				logFile: path.join(work, 'n8n-server.log'),
				env: { ...TOOL_USAGE_ENV, ...(process.env.TEST_N8N_LOG_LEVEL ? { N8N_LOG_LEVEL: process.env.TEST_N8N_LOG_LEVEL } : {}) },
			}));
		log(`n8n ${instance.url} (pid ${instance.pid}, log ${instance.logFile})`);

		const types = await timed('n8n export:nodes', () => exportNodes({ userFolder }));
		const loaded = checkLoadedTypes(pkg, types);

		// Credentials: one per reference in the examples, under the id and name the example uses.
		// The agent example needs a chat model: runAgentScenario (agent-run.ts) runs it with a scripted one.
		const agentExample = loadExamples(undefined, opts.only).some((e) => e.file === AGENT_EXAMPLE);
		const examples = loadExamples(undefined, opts.only).filter((e) => e.file !== AGENT_EXAMPLE);
		log(`examples: ${examples.map((e) => `${e.file}${e.pinnedNodes.length ? ` (pinned: ${e.pinnedNodes.join(', ')})` : ''}`).join('; ')}`);
		check('examples', 'examples/ holds at least one workflow', examples.length > 0 || agentExample, `${examples.length}`);
		const refs = credentialRefs(examples);
		const credentials: CredentialJson[] = [];
		const skippedRefs: CredentialRef[] = [];
		for (const ref of refs) {
			try {
				credentials.push({ id: ref.id, name: ref.name, type: ref.type, data: sandboxCredentialData(ref.type, sb, credentialFields(ref.type, pkg)) });
			} catch (e) {
				skippedRefs.push(ref);
				check('examples', `a sandbox credential for ${ref.type} "${ref.name}"`, false, `${(e as Error).message} (used by ${ref.usedBy.join(', ')})`);
			}
		}
		if (credentials.length) {
			await timed(`n8n import:credentials (${credentials.map((c) => `${c.type} "${c.name}"`).join(', ')})`, () => importCredentials(credentials, { userFolder }));
		}
		if (examples.length) {
			await timed(`n8n import:workflow (${examples.length} example(s))`, () => importWorkflow(examples.map((e) => e.runnable), { userFolder }));
		}

		const env: ExampleEnv = { sandbox: sb, loadedTypes: loaded, pkg, declaredCredentialTypes: new Set(pkg.credentials.map((c) => c.name)), userFolder };
		const pollingTypes = new Set(types.filter((t) => (t as { polling?: boolean }).polling === true).map((t) => t.name));
		const triggerExamples = examples.filter((ex) => startsAtPollingTrigger(ex, pollingTypes));
		const results: ExampleResult[] = [];
		if (opts.ssrf) {
			const first = examples.find((e) => !triggerExamples.includes(e) && e.runnable.nodes.every((n) => env.loadedTypes.has(n.type)));
			if (first) await timed(`SSRF: ${first.file} without the allow-list`, () => ssrfBlocksWithoutAllowList(first, env));
		}
		for (const ex of examples.filter((e) => !triggerExamples.includes(e))) {
			results.push(await timed(`n8n execute ${ex.file}`, () => guarded(ex, 'n8n execute', () => runExample(ex, env))));
		}

		if (agentExample) {
			await timed(`AI Agent with our nodes as tools (${AGENT_EXAMPLE}, scripted chat model)`, () =>
				runAgentScenario({ sandbox: sb, userFolder, check: (name, ok, detail) => check('agent tools', name, ok, detail), log: (l) => log(`  ${l}`) }).catch((e: Error) =>
					check('agent tools', 'the agent scenario ran', false, e.stack ?? String(e)),
				),
			);
		}

		await timed('baseline: HTTP Request + crowdStrikeOAuth2Api', () => runBaseline(sb, userFolder));

		if (opts.screenshots) {
			// Loaded only when wanted: playwright-core is a dev dependency.
			const { takeEditorScreenshots } = await import('./editor');
			await timed('editor screenshots (headless Chromium)', () =>
				takeEditorScreenshots({
					instance: instance!,
					pkg,
					nodeTypes: types,
					outDir: opts.screenshotsDir,
					workDir: work,
					log: (l) => log(`  ${l}`),
					check: (name, ok, detail) => check('editor', name, ok, detail),
				}),
			);
		} else {
			notes.push('editor screenshots skipped (--no-screenshots / TEST_N8N_SCREENSHOTS=0)');
		}
		await timed('REST: node and credential types', () => restTypeChecks(instance!, pkg));
		if (triggerExamples.length) {
			// After the editor step: it sets up the owner through the form; this logs in.
			const session = await ensureOwnerSession(instance);
			for (const ex of triggerExamples) {
				results.push(
					await timed(`activate ${ex.file} and wait for its scheduled poll`, () => guarded(ex, 'activated, polled', () => runTriggerExample(ex, env, session))),
				);
			}
		}

		process.stderr.write('\nExamples:\n');
		for (const r of results) {
			process.stderr.write(
				`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.file.padEnd(28)} ${r.how.padEnd(18)} ${r.seconds.toFixed(1).padStart(5)}s  execution ${String(r.executionMs ?? '?').padStart(5)} ms  ${r.apiRequests} API requests (${r.tokenRequests} token)${r.specific ? '' : '  [generic checks only]'}\n`,
			);
		}
	} catch (e) {
		check('run', 'test:n8n ran to the end', false, (e as Error).stack ?? String(e));
		if (instance) process.stderr.write(`\n--- last lines of ${instance.logFile} ---\n${instance.logs().split('\n').slice(-30).join('\n')}\n`);
	} finally {
		if (instance) {
			const inst = instance;
			await timed('n8n stop', () => inst.stop());
		}
		if (sandbox) await sandbox.close();
		const failed = checks.some((c) => !c.ok);
		if (opts.keep || failed) log(`kept ${work} (user folder, n8n-server.log, build.log)`);
		else fs.rmSync(work, { recursive: true, force: true });
	}
}

main().finally(() => {
	const passed = checks.filter((c) => c.ok).length;
	const failed = checks.length - passed;
	process.stderr.write('\nTimings:\n');
	for (const [label, secs] of timings) process.stderr.write(`  ${secs.toFixed(1).padStart(7)}s  ${label}\n`);
	process.stderr.write(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)}s  total\n`);
	if (notes.length) process.stderr.write(`\nNotes:\n${notes.map((n) => `  - ${n}`).join('\n')}\n`);
	if (failed) {
		process.stdout.write('\nFailed checks:\n');
		for (const c of checks.filter((x) => !x.ok)) process.stdout.write(`  FAIL [${c.group}] ${c.name}${c.detail ? ` — ${c.detail}` : ''}\n`);
	}
	process.stdout.write(`\ntest:n8n ${failed === 0 && passed > 0 ? 'PASSED' : 'FAILED'}\nreal-n8n: ${passed} passed, ${failed} failed\n`);
	process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
});
