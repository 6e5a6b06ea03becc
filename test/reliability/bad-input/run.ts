/**
 * Runs the generated bad inputs through the nodes in n8n-core's WorkflowExecute (the harness) and
 * checks each one's contract: a NodeOperationError `Invalid "<Field>" in item N: …` naming the
 * item and the field, no request to the API (no token call either), and a run that ends with an
 * error instead of throwing.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../../sandbox';
import { CredentialStore, runNode, type InputItem, type RunNodeResult } from '../../harness';
import { FILE, SPECS, isBadValue, specName, type BadValue, type FieldSpec, type OperationSpec } from './cases';
import { Prng } from './generate';

const EXPRESSION = '={{ $json.v }}';

/** `a.b` is the path of b in collection a; `a.b\.c` is option `b.c` of collection a. */
function pathOf(param: string): string[] {
	return param.split(/(?<!\\)\./).map((part) => part.replace(/\\\./g, '.'));
}

export function parametersFor(spec: OperationSpec, field: FieldSpec): INodeParameters {
	const params = JSON.parse(JSON.stringify({ resource: spec.resource, operation: spec.operation, ...spec.base, ...(field.params ?? {}) })) as IDataObject;
	const path = pathOf(field.param);
	let target = params;
	for (const key of path.slice(0, -1)) {
		const current = target[key];
		target[key] = (Array.isArray(current) ? [...current] : { ...((current as IDataObject | undefined) ?? {}) }) as IDataObject;
		target = target[key] as IDataObject;
	}
	target[path[path.length - 1]] = EXPRESSION;
	return params as INodeParameters;
}

function itemFor(spec: OperationSpec, value: unknown): InputItem {
	return spec.binary ? { json: { v: value as never }, binary: { data: FILE } } : { json: { v: value as never } };
}

export interface BadCase {
	spec: OperationSpec;
	field: FieldSpec;
	value: unknown;
	item: InputItem;
}

/** Every bad input of an operation's field, in a fixed order for a given seed. */
export function casesOf(spec: OperationSpec, field: FieldSpec, prng: Prng): BadCase[] {
	return field.bad(prng).map((bad) => {
		const { value, item } = isBadValue(bad) ? (bad as BadValue) : { value: bad, item: undefined };
		return { spec, field, value, item: item ?? itemFor(spec, value) };
	});
}

/** A short, printable rendering of a value (control characters escaped, long text cut). */
export function preview(value: unknown): string {
	let text: string;
	try {
		text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
	} catch {
		text = String(value);
	}
	return text.length > 70 ? `${text.slice(0, 60)}…(${text.length} chars)` : text;
}

export interface Violation {
	field: string;
	value: string;
	mode: 'alone' | 'together';
	problem: string;
}

interface Fixture {
	sandbox: Sandbox;
	falcon: CredentialStore;
	orion: CredentialStore;
	runs: number;
}

const apiRequests = (sandbox: Sandbox) => sandbox.requests.filter((request) => !request.path.startsWith('/_sandbox'));

async function runCase(fixture: Fixture, spec: OperationSpec, field: FieldSpec, input: InputItem[], continueOnFail: boolean): Promise<{ result?: RunNodeResult; thrown?: unknown; requests: string[] }> {
	fixture.sandbox.clearRequests();
	fixture.runs++;
	const credentials = spec.node === 'cytomicOrion' ? fixture.orion : fixture.falcon;
	try {
		const result = await runNode({ type: spec.node, parameters: parametersFor(spec, field), input, credentials, continueOnFail, timeoutMs: 20_000 });
		return { result, requests: apiRequests(fixture.sandbox).map((r) => `${r.method} ${r.path}`) };
	} catch (thrown) {
		return { thrown, requests: apiRequests(fixture.sandbox).map((r) => `${r.method} ${r.path}`) };
	}
}

const expectedMessage = (label: string, index: number) => `Invalid "${label}" in item ${index}: `;

/** One bad input, after `position` valid items, without continueOnFail: the run must fail on it, naming it, before any request. */
export async function checkAlone(fixture: Fixture, bad: BadCase, position: number): Promise<string | undefined> {
	const goodItem = itemFor(bad.spec, bad.field.good);
	const input = bad.field.nodeLevel ? [bad.item] : [...Array.from({ length: position }, () => goodItem), bad.item];
	const at = bad.field.nodeLevel ? 0 : position;
	const { result, thrown, requests } = await runCase(fixture, bad.spec, bad.field, input, false);
	const problems: string[] = [];
	if (thrown) problems.push(`the harness threw: ${(thrown as Error).message}`);
	if (requests.length > 0) problems.push(`sent ${requests.length} request(s): ${[...new Set(requests)].join(', ')}`);
	const error = result?.error as (IDataObject & { context?: IDataObject }) | undefined;
	if (result && !error) problems.push(`no error (${result.items.length} item(s) out)`);
	if (error) {
		const message = String(error.message ?? '');
		if (error.name !== 'NodeOperationError') problems.push(`${String(error.name)}, not NodeOperationError: ${message.slice(0, 160)}`);
		else if (!message.startsWith(expectedMessage(bad.field.label, at))) problems.push(`message ${JSON.stringify(message.slice(0, 160))}`);
		const itemIndex = error.context?.itemIndex;
		if (itemIndex !== undefined && itemIndex !== at) problems.push(`context.itemIndex ${String(itemIndex)}, not ${at}`);
	}
	return problems.length > 0 ? problems.join('; ') : undefined;
}

/** All bad inputs of a field as the items of one run with continueOnFail: each must become its own error item. */
export async function checkTogether(fixture: Fixture, cases: BadCase[]): Promise<Array<string | undefined>> {
	const { spec, field } = cases[0];
	const { result, thrown, requests } = await runCase(fixture, spec, field, cases.map((c) => c.item), true);
	if (thrown || !result) return cases.map(() => `the harness threw: ${(thrown as Error).message}`);
	if (result.error) return cases.map(() => `the run failed: ${String(result.error?.name)} ${String(result.error?.message).slice(0, 160)}`);
	const byItem = new Map<number, INodeExecutionData[]>();
	for (const item of result.items) {
		const paired = item.pairedItem as { item?: number } | undefined;
		const index = typeof paired?.item === 'number' ? paired.item : -1;
		byItem.set(index, [...(byItem.get(index) ?? []), item]);
	}
	const problems: Array<string | undefined> = cases.map((_, index) => {
		const problems: string[] = [];
		const out = byItem.get(index) ?? [];
		if (out.length !== 1) problems.push(`${out.length} output items`);
		const message = String(out[0]?.json.error ?? '');
		if (out.length > 0 && !message.startsWith(expectedMessage(field.label, index))) problems.push(out[0].json.error === undefined ? 'a result, not an error item' : `error item ${JSON.stringify(message.slice(0, 160))}`);
		return problems.length > 0 ? problems.join('; ') : undefined;
	});
	// Requests only go out for items that passed validation: those are named above. Any other request is a problem of its own.
	if (requests.length > 0 && !problems.some((problem) => problem !== undefined)) {
		problems.push(`the run sent ${requests.length} request(s) though every item failed validation: ${[...new Set(requests)].join(', ')}`);
	}
	return problems;
}

export interface SuiteOptions {
	/** Node types this file covers. */
	nodes: string[];
	seed: string;
	/**
	 * Bugs found and reported, not fixed here (another engineer owns the code): `<node> <resource → operation> <param>` →
	 * the bug. Their cases run in an `it.failing`, which starts failing once the bug is fixed (then remove the entry).
	 */
	knownBugs?: Record<string, { bug: string; values?: (value: unknown) => boolean }>;
}

const fieldKey = (spec: OperationSpec, field: FieldSpec) => `${spec.node} ${specName(spec)} ${field.param}${field.params ? ` ${JSON.stringify(field.params)}` : ''}`;

/** Describes one test per operation field: every bad input alone, then all of them together. */
export function badInputSuite(options: SuiteOptions): void {
	// An unhandled rejection fails the running test by itself (jest reports it as the test's error).
	const fixture: Fixture = { sandbox: undefined as unknown as Sandbox, falcon: new CredentialStore(), orion: new CredentialStore(), runs: 0 };
	const counts: Record<string, number> = {};

	beforeAll(async () => {
		fixture.sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
		const { sandbox } = fixture;
		fixture.falcon.add('crowdStrikeFalconApi', { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret });
		fixture.orion.add('cytomicOrionApi', {
			authUrl: `${sandbox.url}/orion/oauth/token`,
			baseUrl: `${sandbox.url}/orion/api/v1/applications`,
			clientId: sandbox.orion.clientId,
			clientSecret: sandbox.orion.clientSecret,
			username: sandbox.orion.username,
			password: sandbox.orion.password,
		});
	});
	afterAll(async () => {
		await fixture.sandbox?.close();
		if (process.env.BAD_INPUT_COUNTS) console.log(`Bad inputs per operation (seed ${options.seed}):\n${Object.entries(counts).map(([op, n]) => `  ${op}: ${n}`).join('\n')}\n  runs: ${fixture.runs}`);
	});

	for (const node of options.nodes) {
		describe(node, () => {
			for (const spec of SPECS[node]) {
				describe(specName(spec), () => {
					if (spec.fields.length === 0) {
						it('takes no input per item (nothing to get wrong)', () => expect(spec.fields).toEqual([]));
						return;
					}
					spec.fields.forEach((field) => {
						const key = fieldKey(spec, field);
						const known = options.knownBugs?.[key];
						const prng = new Prng(`${options.seed}:${key}`);
						const all = casesOf(spec, field, prng);
						counts[`${node} ${specName(spec)}`] = (counts[`${node} ${specName(spec)}`] ?? 0) + all.length;
						const isKnown = (c: BadCase) => known !== undefined && (known.values?.(c.value) ?? true);
						const check = async (cases: BadCase[]) => {
							const violations: Violation[] = [];
							for (const [i, bad] of cases.entries()) {
								const problem = await checkAlone(fixture, bad, field.nodeLevel ? 0 : (i * 7) % 4);
								if (problem) violations.push({ field: field.label, value: preview(bad.value), mode: 'alone', problem });
							}
							if (!field.nodeLevel && cases.length > 0) {
								(await checkTogether(fixture, cases)).forEach((problem, i) => {
									if (problem) violations.push({ field: field.label, value: preview(cases[i].value), mode: 'together', problem });
								});
							}
							expect(violations).toEqual([]);
						};
						const title = `${field.label}${field.params ? ` (${JSON.stringify(field.params)})` : ''}: ${all.length} bad inputs`;
						const clean = all.filter((c) => !isKnown(c));
						const buggy = all.filter(isKnown);
						if (clean.length > 0) it(`${title}${buggy.length ? ` (${buggy.length} in the known-bug test)` : ''}`, async () => await check(clean));
						if (buggy.length > 0) it.failing(`KNOWN BUG, ${buggy.length} of them: ${known?.bug}`, async () => await check(buggy));
					});
				});
			}
		});
	}
}
