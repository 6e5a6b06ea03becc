/**
 * Faults at scale (`npm run test:faults`): a 10,000-item workflow, IOC Create from the items then a
 * per-item Device Count on the same items, in n8n-core's WorkflowExecute, while the sandbox drops
 * connections, answers 5xx, answers too slowly for the node's timeout, truncates JSON, answers 429
 * in bursts, and every token is revoked several times during the run.
 *
 * With On Error: Continue, every input item must end as exactly one result or one error item of
 * each node, paired with its input (1 in 200 items already exists and 1 in 500 is invalid, so both
 * kinds occur for sure); no indicator may be created twice (the sandbox holds one per type and
 * value, as many new ones as Create reported, and no new one failed as a duplicate of itself); the
 * run must end within its bound. Without it, the run must fail with a NodeApiError naming an item, and
 * stop sending once it has failed.
 *
 * FAULT_ITEMS=<n> runs a smaller or larger workflow (default 10,000).
 */
import type { IConnections, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startSandbox, type RequestLogEntry, type Sandbox } from '../../../sandbox';
import { Prng } from '../../../sandbox/core/prng';
import { CredentialStore, runNode, runWorkflow, type WorkflowNodeInput, type WorkflowRunResult } from '../../harness';

const ITEMS = Number(process.env.FAULT_ITEMS ?? 10_000);
/** The run must end within this (it takes about a minute on 2 shared cores). */
const BOUND_MS = Number(process.env.FAULT_BOUND_MS ?? 300_000);

const FAULTS = { rate5xx: 0.03, rateDrop: 0.02, rateSlow: 0.002, slowMs: 1_500, rateMalformed: 0.02 };
/** Request Options: a timeout below the slow answers' delay, enough retries to get through. */
const REQUEST_OPTIONS = { concurrency: 10, maxRetries: 8, maxWaitSeconds: 30, timeout: 1_000, retryBaseMs: 20 };

type IocType = 'sha256' | 'md5' | 'domain' | 'ipv4';

interface InputIoc extends IDataObject {
	type: IocType;
	value: string;
}

/** `count` distinct indicators of four types, the same for a given seed. */
function indicators(count: number, seed: string): InputIoc[] {
	const prng = new Prng(seed);
	const seen = new Set<string>();
	const out: InputIoc[] = [];
	while (out.length < count) {
		const type = (['sha256', 'sha256', 'md5', 'domain', 'ipv4'] as const)[prng.int(0, 4)];
		const value =
			type === 'sha256'
				? prng.hex(64)
				: type === 'md5'
					? prng.hex(32)
					: type === 'domain'
						? `${prng.hex(10)}.faults.example`
						: `10.${prng.int(0, 255)}.${prng.int(0, 255)}.${prng.int(1, 254)}`;
		if (seen.has(`${type}:${value}`)) continue;
		seen.add(`${type}:${value}`);
		out.push({ type, value });
	}
	return out;
}

function workflow(continueOnFail: boolean, requestOptions: INodeParameters): { nodes: WorkflowNodeInput[]; connections: IConnections } {
	const onError = continueOnFail ? { onError: 'continueRegularOutput' as const } : {};
	return {
		nodes: [
			{ name: 'Input', type: 'harness.input', parameters: {} },
			{
				name: 'Create',
				type: 'n8n-nodes-edr-soar.crowdStrikeFalconIoc',
				parameters: {
					resource: 'indicator',
					operation: 'create',
					type: '={{ $json.type }}',
					value: '={{ $json.value }}',
					action: 'detect',
					severity: 'low',
					platforms: ['windows', 'linux'],
					appliedGlobally: true,
					options: { batchSize: 100 },
					requestOptions,
				},
				...onError,
			},
			{
				name: 'Count',
				type: 'n8n-nodes-edr-soar.crowdStrikeFalconIoc',
				// The Input item each Count item goes back to, through Create's pairing.
				parameters: { resource: 'device', operation: 'count', type: "={{ $('Input').item.json.type }}", value: "={{ $('Input').item.json.value }}", requestOptions },
				...onError,
			},
		],
		connections: {
			Input: { main: [[{ node: 'Create', type: 'main', index: 0 }]] },
			Create: { main: [[{ node: 'Count', type: 'main', index: 0 }]] },
		},
	};
}

interface Chaos {
	stop(): void;
	expiries: number;
	bursts: number;
}

/** Revokes every token every `expireEveryMs`, and turns 429s on for `burstMs` every `burstEveryMs`. */
function chaos(sandbox: Sandbox, options: { expireEveryMs: number; burstEveryMs: number; burstMs: number; burstRate: number }): Chaos {
	const state: Chaos = { expiries: 0, bursts: 0, stop: () => undefined };
	const expire = setInterval(() => {
		sandbox.expireTokens();
		state.expiries++;
	}, options.expireEveryMs);
	let burstOff: NodeJS.Timeout | undefined;
	const burst = setInterval(() => {
		sandbox.config.faults.rate429 = options.burstRate;
		state.bursts++;
		burstOff = setTimeout(() => {
			sandbox.config.faults.rate429 = 0;
		}, options.burstMs);
	}, options.burstEveryMs);
	state.stop = () => {
		clearInterval(expire);
		clearInterval(burst);
		clearTimeout(burstOff);
		sandbox.config.faults.rate429 = 0;
	};
	return state;
}

async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(`${what} did not end within ${ms / 1000} s`)), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}

const paired = (item: INodeExecutionData) => (item.pairedItem as { item?: number } | undefined)?.item;

/** Each input index, the output items paired with it. */
function byInput(items: INodeExecutionData[]): Map<number, INodeExecutionData[]> {
	const map = new Map<number, INodeExecutionData[]>();
	for (const item of items) {
		const index = paired(item) ?? -1;
		map.set(index, [...(map.get(index) ?? []), item]);
	}
	return map;
}

function faultCounts(requests: RequestLogEntry[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const request of requests) {
		const key = request.fault ?? (request.status === 401 ? '401' : request.path === '/oauth2/token' ? 'token' : undefined);
		if (key) counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		seed: 'empty',
		latencyMs: 0,
		// The rate limit is not what this test is about: its 429s come in bursts (below), on purpose.
		rateLimitPerMinute: 0,
		badTokenRateLimitPerMinute: 0,
		requestLogLimit: -1,
		faults: { seed: 'ten-thousand', ...FAULTS },
	});
});
afterAll(async () => await sandbox?.close());

/** Creates these indicators before the run, with the faults off; answers their ids by "type:value". */
async function precreate(iocs: InputIoc[]): Promise<Map<string, string>> {
	const faults = { ...sandbox.config.faults };
	Object.assign(sandbox.config.faults, { rate5xx: 0, rateDrop: 0, rateSlow: 0, rateMalformed: 0, rate429: 0 });
	try {
		const { nodes } = workflow(false, {});
		const result = await runNode({ type: 'crowdStrikeFalconIoc', parameters: nodes[1].parameters, input: iocs.map((json) => ({ json })), credentials: store() });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(iocs.length);
		return new Map(result.items.map((item) => [`${String(item.json.type)}:${String(item.json.value)}`, String(item.json.id)]));
	} finally {
		Object.assign(sandbox.config.faults, faults);
		sandbox.clearRequests();
	}
}

function store(): CredentialStore {
	const credentials = new CredentialStore();
	credentials.add('crowdStrikeFalconApi', { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret });
	return credentials;
}

describe(`Faults: ${ITEMS.toLocaleString('en')} items through Create and Device Count`, () => {
	it('ends every item as one result or one error item, paired with its input, and creates no indicator twice', async () => {
		sandbox.reset();
		const input = indicators(ITEMS, 'ten-thousand-items');
		// Some items fail for sure: 1 in 200 already exists (Create answers a duplicate), 1 in 500 is not valid.
		const existing = new Set(input.map((_, index) => index).filter((index) => index % 200 === 17));
		const invalid = new Set(input.map((_, index) => index).filter((index) => index % 500 === 123 && !existing.has(index)));
		for (const index of invalid) input[index] = { type: 'sha256', value: `not-a-hash-${index}` };
		const precreated = await precreate(input.filter((_, index) => existing.has(index)));
		const started = Date.now();
		const noise = chaos(sandbox, { expireEveryMs: 7_000, burstEveryMs: 5_000, burstMs: 300, burstRate: 0.7 });
		let result: WorkflowRunResult;
		try {
			result = await bounded(
				runWorkflow({ ...workflow(true, REQUEST_OPTIONS), credentials: store(), startNode: 'Input', triggerItems: input.map((json) => ({ json })), timeoutMs: BOUND_MS }),
				BOUND_MS + 10_000,
				'The workflow',
			);
		} finally {
			noise.stop();
		}
		const seconds = (Date.now() - started) / 1000;

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');

		// Create: one item per input, paired with it; a result is that input's indicator.
		const created = result.nodes.Create.items;
		expect(created).toHaveLength(ITEMS);
		const createdBy = byInput(created);
		const createFailures: string[] = [];
		const existingReportedCreated: number[] = [];
		const createdIds = new Map<string, number>();
		input.forEach((ioc, index) => {
			const out = createdBy.get(index) ?? [];
			expect(out).toHaveLength(1);
			const json = out[0].json;
			if (invalid.has(index)) expect(String(json.error)).toMatch(new RegExp(`^Invalid "Value" in item ${index}: `));
			else if (existing.has(index) && json.error === undefined) {
				// KNOWN BUG B9: after a create whose answer was lost, the lookup finds the indicator that
				// existed before and the item is reported as created. It is that indicator, not a second one.
				expect(json.id).toBe(precreated.get(`${ioc.type}:${ioc.value}`));
				existingReportedCreated.push(index);
			} else if (existing.has(index)) expect(String(json.error)).toMatch(/duplicate/i);
			else if (json.error !== undefined) createFailures.push(String(json.error));
			else {
				expect({ type: json.type, value: json.value }).toEqual(ioc);
				expect(typeof json.id).toBe('string');
				createdIds.set(String(json.id), index);
			}
		});
		expect(createdBy.has(-1)).toBe(false);

		// No indicator twice: one per type and value; besides those that existed, as many as Create
		// reported, with its ids; no new indicator refused as a duplicate (a resend of its own create).
		const fresh = new Set(input.filter((_, index) => !existing.has(index) && !invalid.has(index)).map((ioc) => `${ioc.type}:${ioc.value}`));
		const all = sandbox.state.iocs.all();
		expect(new Set(all.map((indicator) => `${indicator.type}:${indicator.value}`)).size).toBe(all.length);
		const stored = all.filter((indicator) => fresh.has(`${indicator.type}:${indicator.value}`));
		expect(stored.length).toBe(createdIds.size);
		expect(new Set(stored.map((indicator) => indicator.id))).toEqual(new Set(createdIds.keys()));
		expect(createFailures.filter((message) => /duplicate/i.test(message))).toEqual([]);
		// An invalid item sent nothing: no request carried its value.
		const invalidValues = [...invalid].map((index) => input[index].value);
		expect(sandbox.requests.filter((request) => invalidValues.some((value) => JSON.stringify([request.query, request.body]).includes(value)))).toEqual([]);

		// Count: one item per Create item (so per input), for the right indicator.
		const counted = result.nodes.Count.items;
		expect(counted).toHaveLength(ITEMS);
		const countedBy = byInput(counted);
		const countFailures: string[] = [];
		input.forEach((ioc, index) => {
			const out = countedBy.get(index) ?? [];
			expect(out).toHaveLength(1);
			const json = out[0].json;
			if (invalid.has(index)) expect(String(json.error)).toMatch(new RegExp(`^Invalid "Value" in item ${index}: `));
			else if (json.error !== undefined) countFailures.push(String(json.error));
			else {
				expect({ type: json.type, value: json.value }).toEqual(ioc);
				expect(typeof json.device_count).toBe('number');
			}
		});

		// The faults did happen.
		const requests = sandbox.requests;
		const faults = faultCounts(requests);
		for (const kind of ['5xx', 'drop', 'slow', 'malformed', '429', '401']) expect(faults[kind] ?? 0).toBeGreaterThan(0);
		expect(noise.expiries).toBeGreaterThan(0);
		console.log(
			[
				`${ITEMS} items in ${seconds.toFixed(1)} s: ${requests.length} requests (${requests.filter((r) => r.path === '/oauth2/token').length} token calls), faults ${JSON.stringify(faults)}`,
				`tokens revoked ${noise.expiries} times, ${noise.bursts} bursts of 429s`,
				`Create: ${createdIds.size} created, ${existing.size - existingReportedCreated.length} duplicates and ${invalid.size} invalid as expected, ${createFailures.length} other failures${createFailures.length ? ` (${[...new Set(createFailures)].slice(0, 3).join(' | ')})` : ''}`,
				`KNOWN BUG B9: ${existingReportedCreated.length} indicator(s) that existed before were reported as created after a lost create answer (items ${existingReportedCreated.slice(0, 10).join(', ')})`,
				`Count: ${ITEMS - invalid.size - countFailures.length} counted, ${invalid.size} invalid as expected, ${countFailures.length} other failures${countFailures.length ? ` (${[...new Set(countFailures)].slice(0, 3).join(' | ')})` : ''}`,
			].join('\n'),
		);
	}, BOUND_MS + 60_000);

	it('without On Error: Continue, fails with a NodeApiError naming an item, and stops sending', async () => {
		sandbox.reset();
		const count = Math.min(ITEMS, 2_000);
		const input = indicators(count, 'fail-fast');
		const harsh = { ...sandbox.config.faults };
		Object.assign(sandbox.config.faults, { rate5xx: 0.25, rateDrop: 0.1 });
		const started = Date.now();
		let result: WorkflowRunResult;
		try {
			result = await bounded(
				runWorkflow({ ...workflow(false, { ...REQUEST_OPTIONS, maxRetries: 0 }), credentials: store(), startNode: 'Input', triggerItems: input.map((json) => ({ json })), timeoutMs: BOUND_MS }),
				BOUND_MS,
				'The failing workflow',
			);
		} finally {
			Object.assign(sandbox.config.faults, harsh);
		}
		const seconds = (Date.now() - started) / 1000;

		expect(result.status).toBe('error');
		const error = (result.nodes.Create?.error ?? result.error) as unknown as IDataObject & { context?: IDataObject };
		expect(error?.name).toBe('NodeApiError');
		expect(result.nodes.Create?.error).toBeDefined();
		expect(result.nodes.Count).toBeUndefined();
		const itemIndex = error.context?.itemIndex;
		expect(typeof itemIndex).toBe('number');
		expect(itemIndex as number).toBeGreaterThanOrEqual(0);
		expect(itemIndex as number).toBeLessThan(count);
		expect(String(error.message)).not.toBe('');

		// Nothing is still being sent once the run has failed (a slow answer may be logged later, but it arrived before).
		const ended = Date.now();
		await new Promise((resolve) => setTimeout(resolve, 2_500));
		expect(sandbox.requests.filter((request) => Date.parse(request.at) > ended)).toEqual([]);

		// Even failing, no indicator was created twice.
		const ours = new Set(input.map((ioc) => `${ioc.type}:${ioc.value}`));
		const stored = sandbox.state.iocs.all().filter((indicator) => ours.has(`${indicator.type}:${indicator.value}`));
		expect(new Set(stored.map((indicator) => `${indicator.type}:${indicator.value}`)).size).toBe(stored.length);
		console.log(`${count} items without continueOnFail: failed after ${seconds.toFixed(1)} s at item ${String(itemIndex)}: ${String(error.message).slice(0, 160)}`);
	}, BOUND_MS + 30_000);
});
