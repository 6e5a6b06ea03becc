/**
 * FQL injection: values a node puts into a filter it builds. Where a value has a format (IOC types
 * and values, IDs), FQL syntax in it is bad input and refused before any request (bad-input-*.test.ts).
 * Free text (the legacy IOCs filters: values, sources, created/deleted by) is valid with quotes,
 * commas or pluses in it, so it is sent, quoted: the filter the API received must parse to exactly
 * the clauses the node meant, each holding the whole value, whatever the value tried to add.
 */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox';
import { parseFql, type FqlNode } from '../../sandbox/core/fql';
import { Prng } from '../../sandbox/core/prng';
import { CredentialStore, runNode } from '../harness';
import { fqlInjections } from './bad-input/generate';

let sandbox: Sandbox;
let store: CredentialStore;
beforeAll(async () => {
	sandbox = await startSandbox({ badTokenRateLimitPerMinute: 0 });
	store = new CredentialStore();
	store.add('crowdStrikeFalconApi', { cloud: 'custom', customBaseUrl: sandbox.url, clientId: sandbox.falcon.clientId, clientSecret: sandbox.falcon.clientSecret });
});
afterAll(async () => await sandbox?.close());

interface Clause {
	field: string;
	values: string[];
}

/** The comparisons of an AND of clauses, in order; anything else (an OR, a nested group) fails. */
function clauses(node: FqlNode): Clause[] {
	if (node.kind === 'cmp') return [{ field: node.field, values: node.values.map((literal) => literal.text) }];
	if (node.kind === 'and') return node.items.flatMap(clauses);
	throw new Error(`the filter has an OR (${JSON.stringify(node).slice(0, 200)})`);
}

const PAYLOADS = [
	...fqlInjections(new Prng('fql-injection'), 'feed', 19),
	"a\\",
	"a\\'",
	"\\\\'+type:'md5",
	"x'],value:['y",
	"it's",
	"O'Brien, ACME",
	"' ",
];

describe('FQL injection in the legacy IOCs filters', () => {
	it.each([
		['Sources', 'sources', 'source'],
		['Created By', 'created_by', 'created_by'],
		['Deleted By', 'deleted_by', 'modified_by'],
	] as const)('%s: every payload stays one quoted value', async (_label, filterName, field) => {
		const violations: string[] = [];
		for (const payload of PAYLOADS) {
			// Sources are a list (commas and spaces separate them): each part must stay whole.
			const expected = filterName === 'sources' ? payload.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean) : [payload];
			sandbox.clearRequests();
			const result = await runNode({
				type: 'crowdStrikeFalconIocs',
				parameters: { resource: 'ioc', operation: 'getMany', returnAll: false, limit: 5, filters: { [filterName]: '={{ $json.v }}' } },
				input: [{ json: { v: payload } }],
				credentials: store,
			});
			const sent = sandbox.requests.find((request) => request.path === '/iocs/combined/indicator/v1');
			if (result.error || !sent) {
				violations.push(`${JSON.stringify(payload)}: ${result.error ? `failed: ${result.error.message}` : 'no request'}`);
				continue;
			}
			const filter = String((sent.query as IDataObject).filter);
			let parsed: Clause[];
			try {
				parsed = clauses(parseFql(filter));
			} catch (error) {
				violations.push(`${JSON.stringify(payload)}: ${(error as Error).message} in ${filter}`);
				continue;
			}
			const own = parsed.filter((clause) => clause.field === field);
			const others = parsed.filter((clause) => clause.field !== field).map((clause) => clause.field);
			// Besides its own clause, the filter has only the deleted flag the node adds.
			if (own.length !== 1 || JSON.stringify(own[0].values) !== JSON.stringify(expected) || JSON.stringify(others) !== JSON.stringify(['deleted'])) {
				violations.push(`${JSON.stringify(payload)} became ${filter}`);
			}
		}
		expect(violations).toEqual([]);
	});

	it('Values: every payload stays one quoted value (lower-cased, as values are stored)', async () => {
		const violations: string[] = [];
		for (const payload of PAYLOADS.filter((p) => !/[\s,]/.test(p))) {
			sandbox.clearRequests();
			const result = await runNode({
				type: 'crowdStrikeFalconIocs',
				parameters: { resource: 'ioc', operation: 'getMany', returnAll: false, limit: 5, filters: { values: '={{ $json.v }}' } },
				input: [{ json: { v: payload } }],
				credentials: store,
			});
			const sent = sandbox.requests.find((request) => request.path === '/iocs/combined/indicator/v1');
			const filter = String((sent?.query as IDataObject | undefined)?.filter ?? '');
			try {
				const parsed = clauses(parseFql(filter));
				const own = parsed.filter((clause) => clause.field === 'value');
				if (result.error || own.length !== 1 || JSON.stringify(own[0].values) !== JSON.stringify([payload.toLowerCase()]) || parsed.length !== 2) {
					violations.push(`${JSON.stringify(payload)} became ${filter}`);
				}
			} catch (error) {
				violations.push(`${JSON.stringify(payload)}: ${(error as Error).message} in ${filter}`);
			}
		}
		expect(violations).toEqual([]);
	});
});
