/**
 * The contract recorder of a test file: every exchange any sandbox of this process has is held
 * against the specs (test/contract/exchange.ts); violations are kept until the test that caused
 * them ends (test/contract/setup.ts fails it then).
 *
 * Tests that send invalid requests on purpose say so, narrowly:
 * - per request: the header `x-contract-invalid: <why>` (the sandbox tests' `call()` helper sets it
 *   from its `invalid` option);
 * - for a stretch of code: `allowInvalidRequests(why, filter?)` inside a test (until the test ends)
 *   or in a describe block (for its tests); `filter` narrows it to a path and/or to requests the
 *   sandbox refused.
 * Answers are always checked.
 */
import type { Exchange } from '../../sandbox';
import { describeExchange, validateExchange, type ExchangeVerdict } from './exchange';
import type { Violation } from './types';

export interface InvalidRequestFilter {
	/** Only requests to this path (a prefix string, or a pattern). */
	path?: string | RegExp;
	/** Only requests the sandbox refused (a 4xx answer): one it accepted is still a violation. */
	refusedOnly?: boolean;
}

interface Scope {
	reason: string;
	filter: InvalidRequestFilter;
	/** Ends with the current test (else with its describe block). */
	test: boolean;
}

export interface Finding {
	test: string;
	exchange: string;
	side: 'request' | 'response';
	operationId?: string;
	vendor: 'falcon' | 'orion';
	violations: Violation[];
}

export interface ContractState {
	scopes: Scope[];
	pending: Finding[];
	all: Finding[];
	exchanges: number;
	requestsChecked: number;
	requestsExempt: number;
	responsesChecked: number;
	/** Exempt requests: why, and how many. */
	exemptions: Map<string, number>;
}

const STATE_KEY = Symbol.for('edr-soar.contract.state');

export function contractState(): ContractState {
	const holder = globalThis as unknown as Record<symbol, ContractState | undefined>;
	holder[STATE_KEY] ??= { scopes: [], pending: [], all: [], exchanges: 0, requestsChecked: 0, requestsExempt: 0, responsesChecked: 0, exemptions: new Map() };
	return holder[STATE_KEY] as ContractState;
}

function currentTest(): string {
	try {
		return expect.getState().currentTestName ?? '(outside a test)';
	} catch {
		return '(outside jest)';
	}
}

function scopeFor(x: Exchange): Scope | undefined {
	return contractState()
		.scopes.slice()
		.reverse()
		.find((s) => {
			const p = s.filter.path;
			if (p !== undefined && !(typeof p === 'string' ? x.path.startsWith(p) : p.test(x.path))) return false;
			if (s.filter.refusedOnly && !(x.status >= 400 && x.status < 500)) return false;
			return true;
		});
}

/** The listener the setup file registers: checks one exchange and keeps what it finds. */
export function recordExchange(x: Exchange): ExchangeVerdict | undefined {
	const state = contractState();
	const verdict = validateExchange(x);
	if (!verdict) return undefined;
	state.exchanges++;
	const test = currentTest();
	const where = describeExchange(x);
	const scope = verdict.requestSkipped ? undefined : scopeFor(x);
	const exempt = verdict.requestSkipped ?? scope?.reason;
	if (exempt !== undefined) {
		state.requestsExempt++;
		state.exemptions.set(exempt, (state.exemptions.get(exempt) ?? 0) + 1);
	} else {
		state.requestsChecked++;
		if (verdict.request.length > 0) {
			const f: Finding = { test, exchange: where, side: 'request', vendor: verdict.vendor, violations: verdict.request, ...(verdict.operationId ? { operationId: verdict.operationId } : {}) };
			state.pending.push(f);
			state.all.push(f);
		}
	}
	if (!verdict.responseSkipped) state.responsesChecked++;
	if (verdict.response.length > 0) {
		const f: Finding = { test, exchange: where, side: 'response', vendor: verdict.vendor, violations: verdict.response, ...(verdict.operationId ? { operationId: verdict.operationId } : {}) };
		state.pending.push(f);
		state.all.push(f);
	}
	return verdict;
}

/**
 * Requests sent from here on may break the contract on purpose (`why` says why). Inside a test it
 * lasts until the test ends; in a describe block, for the tests of that block.
 */
export function allowInvalidRequests(why: string, filter: InvalidRequestFilter = {}): void {
	if (!why.trim()) throw new Error('allowInvalidRequests: say why the requests are invalid');
	const state = contractState();
	let inTest = false;
	try {
		inTest = expect.getState().currentTestName !== undefined;
	} catch {
		inTest = false;
	}
	const scope: Scope = { reason: why, filter, test: inTest };
	if (inTest) {
		state.scopes.push(scope);
		return;
	}
	beforeAll(() => {
		state.scopes.push(scope);
	});
	afterAll(() => {
		const at = state.scopes.lastIndexOf(scope);
		if (at >= 0) state.scopes.splice(at, 1);
	});
}

/** Ends the scopes opened inside the test that just ended (setup.ts calls it in afterEach). */
export function endTestScopes(): void {
	const state = contractState();
	state.scopes = state.scopes.filter((s) => !s.test);
}

export function formatFindings(findings: Finding[]): string {
	return findings
		.map((f) => {
			const lines = f.violations.map((v) => `    - [${v.rule}] ${v.where}: ${v.message}`);
			return `  ${f.side === 'request' ? 'request' : 'answer'} of ${f.exchange}${f.operationId ? ` (${f.operationId})` : ''}:\n${lines.join('\n')}`;
		})
		.join('\n');
}
