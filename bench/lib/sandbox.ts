/**
 * The parent's side of the benchmark sandbox: starts bench/lib/sandbox-child.ts in its own
 * process and drives it through the admin API (/_sandbox/*).
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';

import type { RequestLogEntry } from '../../sandbox';
import { PATHS, type Scenario } from './scenarios';

const REPO = path.resolve(__dirname, '..', '..');

export interface BenchSandbox {
	url: string;
	clientId: string;
	clientSecret: string;
	pid: number;
	/** Fresh state for one run: seed data, tokens, rate windows, request log and config back to the base, then the scenario's own. */
	prepare(scenario: Scenario): Promise<void>;
	traffic(): Promise<Traffic>;
	/** The request log since the last `prepare`. */
	requestLog(): Promise<RequestLogEntry[]>;
	stop(): Promise<void>;
}

export interface Traffic {
	/** API requests (token calls not included). */
	requests: number;
	tokenRequests: number;
	/** Answers by status (0 = connection dropped). */
	statuses: Record<string, number>;
	/** Faults the sandbox injected. */
	faults: number;
	/** From the first request's arrival to the last answer. */
	spanMs: number;
	/** Epoch ms of the first request's arrival and of the last answer. */
	firstAtMs: number;
	lastAtMs: number;
}

async function admin<T = unknown>(url: string, method: string, route: string, body?: unknown): Promise<T> {
	const res = await fetch(`${url}/_sandbox/${route}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(120_000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`sandbox ${method} /_sandbox/${route}: ${res.status} ${text.slice(0, 300)}`);
	return JSON.parse(text) as T;
}

export function summarise(entries: RequestLogEntry[]): Traffic {
	const statuses: Record<string, number> = {};
	let requests = 0;
	let tokenRequests = 0;
	let faults = 0;
	let first = Number.POSITIVE_INFINITY;
	let last = 0;
	for (const entry of entries) {
		if (entry.path === PATHS.token) tokenRequests++;
		else requests++;
		statuses[entry.status] = (statuses[entry.status] ?? 0) + 1;
		if (entry.fault) faults++;
		const at = Date.parse(entry.at);
		first = Math.min(first, at);
		last = Math.max(last, at + entry.durationMs);
	}
	const any = entries.length > 0;
	return {
		requests,
		tokenRequests,
		statuses,
		faults,
		spanMs: any ? Math.round(last - first) : 0,
		firstAtMs: any ? first : 0,
		lastAtMs: any ? Math.round(last) : 0,
	};
}

export async function startBenchSandbox(): Promise<BenchSandbox> {
	const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'sandbox-child.ts')], {
		cwd: REPO,
		stdio: ['pipe', 'pipe', 'inherit'],
		env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const first = await new Promise<string>((resolve, reject) => {
		const lines = readline.createInterface({ input: child.stdout! });
		lines.once('line', (line) => resolve(line));
		child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it listened`)));
	});
	const { url, clientId, clientSecret } = JSON.parse(first) as { url: string; clientId: string; clientSecret: string };
	const requestLog = async () => (await admin<{ requests: RequestLogEntry[] }>(url, 'GET', 'requests')).requests;
	return {
		url,
		clientId,
		clientSecret,
		pid: child.pid ?? -1,
		async prepare(scenario) {
			await admin(url, 'POST', 'reset', { config: true });
			if (scenario.rate429 > 0) await admin(url, 'PATCH', 'config', { faults: { rate429: scenario.rate429 } });
			if (scenario.seedIndicators > 0) await admin(url, 'POST', 'seed/indicators', { count: scenario.seedIndicators });
			if (scenario.feedSeed) await admin(url, 'POST', 'seed/feed', scenario.feedSeed);
			await admin(url, 'DELETE', 'requests');
		},
		requestLog,
		async traffic() {
			return summarise(await requestLog());
		},
		async stop() {
			child.stdin?.end();
			child.kill('SIGTERM');
			await exited;
		},
	};
}
