/**
 * Jest `setupFilesAfterEnv`: every test file's harness runs are checked for secrets.
 *
 * Whatever a test runs through the harness (runNode, runWorkflow, runPoll, testCredential) is
 * scanned when the run returns: its items, run data, errors (with `util.inspect` of error objects,
 * which shows `cause` and other fields JSON leaves out) and everything n8n logged. So is what tests
 * print on the console. The secrets looked for are those of this package's credentials in the
 * store each run used (client secrets, passwords, stored tokens, before and after the run), and
 * every token a sandbox TokenStore issued in this process (Falcon and Orion), also after it was
 * revoked, expired or reset.
 *
 * A find fails the test that produced it (afterEach) and is recorded for the summary the global
 * teardown prints (test/reliability/secret-scan/teardown.js). Nothing here changes what the harness
 * returns or how it runs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { SecretRegistry, visibleText, type Finding } from './scanner';

interface ScanState {
	registry: SecretRegistry;
	findings: Finding[];
	pending: Finding[];
	runs: number;
	bytes: number;
	tokensIssued: number;
}

const state: ScanState = { registry: new SecretRegistry(), findings: [], pending: [], runs: 0, bytes: 0, tokensIssued: 0 };

/** For this package's own tests of the scanner (test/reliability/secrets.test.ts). */
(globalThis as { __edrSoarSecretScan?: ScanState }).__edrSoarSecretScan = state;

interface StoreLike {
	all(): Array<{ type: string; data: Record<string, unknown> }>;
}

function noteStore(store: StoreLike | undefined): void {
	for (const entry of store?.all() ?? []) state.registry.addCredential(entry.type, entry.data);
}

function check(value: unknown, where: string): void {
	const text = visibleText(value);
	state.runs++;
	state.bytes += text.length;
	const found = state.registry.scan(text, where);
	if (found.length > 0) {
		state.findings.push(...found);
		state.pending.push(...found);
	}
}

/**
 * Wraps an async harness entry point: secrets of the stores it used are noted, its result is
 * scanned. Should the harness stop exporting it, the original (undefined) is kept, and the
 * scan's own test (test/reliability/secrets.test.ts) fails instead of every test.
 */
function scanned<A extends unknown[], R>(name: string, run: (...args: A) => Promise<R>, storesOf: (args: A) => Array<StoreLike | undefined>): (...args: A) => Promise<R> {
	if (typeof run !== 'function') return run;
	return async (...args: A): Promise<R> => {
		const noteStores = () => {
			try {
				for (const store of storesOf(args)) noteStore(store);
			} catch {
				// Arguments of another shape: the sandbox's tokens are still tracked.
			}
		};
		noteStores();
		try {
			const result = await run(...args);
			noteStores();
			check(result, `${name} result`);
			return result;
		} catch (error) {
			noteStores();
			check(error, `${name} (thrown)`);
			throw error;
		}
	};
}

/** Credentials given as plain data (`{ crowdStrikeFalconApi: {...} }`) are read the same way. */
function storeOf(input: unknown): StoreLike | undefined {
	if (!input || typeof input !== 'object') return undefined;
	if (typeof (input as StoreLike).all === 'function') return input as StoreLike;
	const entries = Object.entries(input as Record<string, Record<string, unknown>>).map(([type, data]) => ({ type, data }));
	return { all: () => entries };
}

jest.mock('../../harness/run-workflow', () => {
	const actual = jest.requireActual<typeof import('../../harness/run-workflow')>('../../harness/run-workflow');
	return {
		...actual,
		// runNode goes through executeWorkflow, runWorkflow through its own local call.
		executeWorkflow: scanned('runNode', actual.executeWorkflow, ([options]) => [options.prepared.store as unknown as StoreLike]),
		runWorkflow: scanned('runWorkflow', actual.runWorkflow, ([options]) => [storeOf(options.credentials)]),
	};
});

jest.mock('../../harness/run-poll', () => {
	const actual = jest.requireActual<typeof import('../../harness/run-poll')>('../../harness/run-poll');
	return { ...actual, runPoll: scanned('runPoll', actual.runPoll, ([options]) => [storeOf(options.credentials)]) };
});

jest.mock('../../harness/test-credential', () => {
	const actual = jest.requireActual<typeof import('../../harness/test-credential')>('../../harness/test-credential');
	return {
		...actual,
		testCredential: scanned('testCredential', actual.testCredential, ([type, data]) => [
			typeof (data as StoreLike).all === 'function' ? (data as StoreLike) : { all: () => [{ type, data: data as Record<string, unknown> }] },
		]),
	};
});

// Every token a sandbox issues (Falcon and Orion share TokenStore), kept even after expiry or reset.
{
	const { TokenStore } = jest.requireActual<typeof import('../../../sandbox/core/tokens')>('../../../sandbox/core/tokens');
	const issue = TokenStore.prototype.issue;
	TokenStore.prototype.issue = function issueAndRemember(this: InstanceType<typeof TokenStore>, ...args: Parameters<typeof issue>) {
		const issued = issue.apply(this, args);
		state.registry.add(issued.token, 'sandbox token');
		state.tokensIssued++;
		return issued;
	};
	const seeds = jest.requireActual<typeof import('../../../sandbox')>('../../../sandbox');
	state.registry.add(seeds.DEFAULT_FALCON_CLIENT_SECRET, 'client secret');
	state.registry.add(seeds.DEFAULT_ORION_CLIENT_SECRET, 'client secret');
	state.registry.add(seeds.DEFAULT_ORION_PASSWORD, 'password');
}

// What tests (or code under test) print.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
	const original = console[method].bind(console);
	console[method] = (...args: unknown[]) => {
		check(args, `console.${method}`);
		original(...args);
	};
}

afterEach(() => {
	if (state.pending.length === 0) return;
	const found = state.pending.splice(0);
	throw new Error(
		`A secret showed in what this test's runs output or logged:\n${found
			.map((f) => `- ${f.kind} ${f.masked} in ${f.where}: …${f.context}…`)
			.join('\n')}`,
	);
});

afterAll(() => {
	const dir = process.env.EDR_SOAR_SECRET_SCAN_DIR;
	if (!dir) return;
	const file = expect.getState().testPath ?? 'unknown';
	const summary = {
		file: path.relative(process.cwd(), file),
		runsScanned: state.runs,
		bytesScanned: state.bytes,
		secretsTracked: state.registry.size,
		tokensIssued: state.tokensIssued,
		findings: state.findings,
	};
	try {
		fs.writeFileSync(path.join(dir, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`), JSON.stringify(summary));
	} catch {
		// The teardown reports files it cannot find as not scanned.
	}
});
