/**
 * The nodes' endpoint tables against the specs: every operation of `nodes/CrowdStrike/api` and
 * `nodes/Cytomic/api` (their `ALL_OPERATIONS`) exists in spec/falcon/falcon-spec.json or
 * spec/orion/orion-spec.json with the same operation id, collection, method and path, and every
 * parameter a node may send is declared there, in the same place.
 *
 * Until those tables exist, the table checks are skipped with a message saying so; the checker
 * itself is proven on a small fixture table either way.
 */
import { falconSpec, orionSpec } from '../../spec';

export type ParamLocation = 'query' | 'body' | 'formData' | 'path' | 'header';
export interface ApiOperation {
	collection: string;
	operationId: string;
	method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
	path: string;
	params: Record<string, ParamLocation>;
}

/** What is wrong with a Falcon table: one line per problem. */
export function checkFalconTable(table: readonly ApiOperation[]): string[] {
	const spec = falconSpec();
	const problems: string[] = [];
	for (const op of table) {
		const name = `${op.collection}.${op.operationId}`;
		const found = spec.operations.find((o) => o.operationId === op.operationId);
		if (!found) {
			const byRoute = spec.operations.find((o) => o.method === op.method && o.path === op.path);
			problems.push(`${name}: no such operation in the spec${byRoute ? ` (${op.method} ${op.path} is ${byRoute.operationId})` : ''}`);
			continue;
		}
		if (found.collection !== op.collection) problems.push(`${name}: the spec's collection is ${found.collection}`);
		if (found.method !== op.method) problems.push(`${name}: method ${op.method}, the spec says ${found.method}`);
		if (found.path !== op.path) problems.push(`${name}: path ${op.path}, the spec says ${found.path}`);
		for (const [param, location] of Object.entries(op.params)) {
			const declared = found.params.find((p) => p.name === param);
			if (!declared) problems.push(`${name}: parameter '${param}' is not declared (the spec has ${found.params.map((p) => `${p.name} in ${p.in}`).join(', ') || 'none'})`);
			else if (declared.in !== location) problems.push(`${name}: parameter '${param}' goes in the ${declared.in}, not the ${location}`);
		}
	}
	return problems;
}

/** What is wrong with an Orion table (paths relative to the API base path, as the spec writes them). */
export function checkOrionTable(table: readonly ApiOperation[]): string[] {
	const spec = orionSpec();
	const problems: string[] = [];
	for (const op of table) {
		const name = `${op.collection}.${op.operationId}`;
		const found = spec.operations.find((o) => o.operationId === op.operationId);
		if (!found) {
			problems.push(`${name}: no such operation in spec/orion/orion-spec.json`);
			continue;
		}
		if (op.collection !== 'orion') problems.push(`${name}: the collection of every Orion operation is 'orion'`);
		if (found.method !== op.method) problems.push(`${name}: method ${op.method}, the page says ${found.method}`);
		const paths = [found.path, ...(found.pathAliases ?? [])];
		if (!paths.includes(op.path)) problems.push(`${name}: path ${op.path}, the page says ${paths.join(' or ')}`);
		for (const [param, location] of Object.entries(op.params)) {
			if (param === 'body') {
				if (!found.body) problems.push(`${name}: the page gives this operation no body`);
				else if (location !== 'body') problems.push(`${name}: the body goes in the body, not the ${location}`);
				continue;
			}
			const declared = found.params.find((p) => p.name === param);
			if (!declared) problems.push(`${name}: parameter '${param}' is not on the page (it has ${found.params.map((p) => `${p.name} in ${p.in}`).join(', ')})`);
			else if (declared.in !== location) problems.push(`${name}: parameter '${param}' goes in the ${declared.in}, not the ${location}`);
		}
	}
	return problems;
}

/** A node table module, or undefined when it does not exist yet (any other load error is thrown). */
function loadTable(modulePath: string): ApiOperation[] | undefined {
	let mod: { ALL_OPERATIONS?: ApiOperation[] };
	try {
		// A computed path: the table modules may not exist in this branch yet.
		mod = require(modulePath) as { ALL_OPERATIONS?: ApiOperation[] };
	} catch (error) {
		const e = error as { code?: string; message?: string };
		if (e.code === 'MODULE_NOT_FOUND' && (e.message ?? '').includes(modulePath)) return undefined;
		throw error;
	}
	if (!Array.isArray(mod.ALL_OPERATIONS)) throw new Error(`${modulePath} does not export ALL_OPERATIONS: ApiOperation[]`);
	return mod.ALL_OPERATIONS;
}

const FALCON_TABLE = '../../nodes/CrowdStrike/api';
const ORION_TABLE = '../../nodes/Cytomic/api';

for (const [vendor, modulePath, check] of [
	['CrowdStrike Falcon', FALCON_TABLE, checkFalconTable],
	['Cytomic Orion', ORION_TABLE, checkOrionTable],
] as const) {
	const table = loadTable(modulePath);
	if (!table) {
		describe.skip(`${vendor} endpoint table (skipped: ${modulePath.replace('../../', '')}/index.ts does not exist in this branch yet)`, () => {
			it('matches the spec', () => undefined);
		});
		continue;
	}
	describe(`${vendor} endpoint table (${modulePath.replace('../../', '')})`, () => {
		it('has operations, each once', () => {
			expect(table.length).toBeGreaterThan(0);
			const ids = table.map((op) => `${op.collection}.${op.operationId}`);
			expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
		});

		it('matches the spec: operation ids, methods, paths and where each parameter goes', () => {
			expect(check(table)).toEqual([]);
		});
	});
}

describe('the table checker itself', () => {
	const good: ApiOperation[] = [
		{
			collection: 'quarantine',
			operationId: 'UpdateQuarantinedDetectsByIds',
			method: 'PATCH',
			path: '/quarantine/entities/quarantined-files/v1',
			params: { body: 'body' },
		},
		{ collection: 'ioc', operationId: 'indicator.get.v1', method: 'GET', path: '/iocs/entities/indicators/v1', params: { ids: 'query' } },
		{ collection: 'sample_uploads', operationId: 'UploadSampleV3', method: 'POST', path: '/samples/entities/samples/v3', params: { sample: 'formData', file_name: 'formData' } },
	];

	it('passes a table that matches the Falcon spec', () => {
		expect(checkFalconTable(good)).toEqual([]);
	});

	it('fails a wrong method, path, location, collection, parameter or operation id', () => {
		expect(
			checkFalconTable([
				{ ...good[0], method: 'POST' },
				{ ...good[0], path: '/quarantine/entities/quarantined-files/v2' },
				{ ...good[0], params: { action: 'query' } },
				{ ...good[1], params: { ids: 'body' } },
				{ ...good[1], collection: 'iocs' },
				{ ...good[2], params: { sample: 'body' } },
				{ ...good[1], operationId: 'indicator_get_v1' },
			]),
		).toEqual([
			'quarantine.UpdateQuarantinedDetectsByIds: method POST, the spec says PATCH',
			'quarantine.UpdateQuarantinedDetectsByIds: path /quarantine/entities/quarantined-files/v2, the spec says /quarantine/entities/quarantined-files/v1',
			"quarantine.UpdateQuarantinedDetectsByIds: parameter 'action' is not declared (the spec has body in body)",
			"ioc.indicator.get.v1: parameter 'ids' goes in the query, not the body",
			'iocs.indicator.get.v1: the spec\'s collection is ioc',
			"sample_uploads.UploadSampleV3: parameter 'sample' goes in the formData, not the body",
			'ioc.indicator_get_v1: no such operation in the spec (GET /iocs/entities/indicators/v1 is indicator.get.v1)',
		]);
	});

	it('checks an Orion table against the page, body and query included', () => {
		const byDate: ApiOperation = {
			collection: 'orion',
			operationId: 'listIocsByDate',
			method: 'GET',
			path: '/iocs/{iocType}',
			params: { iocType: 'path', from: 'query', to: 'query', includeDeleted: 'query' },
		};
		const search: ApiOperation = {
			collection: 'orion',
			operationId: 'retrospectiveSearch',
			method: 'POST',
			path: '/iocs/{iocType}/retrospectivesearcher',
			params: { iocType: 'path', body: 'body' },
		};
		expect(checkOrionTable([byDate, search])).toEqual([]);
		expect(
			checkOrionTable([
				{ ...byDate, params: { ...byDate.params, from: 'body' } },
				{ ...byDate, params: { body: 'body' } },
				{ ...search, path: '/iocs/{iocType}/retrospective' },
				{ ...search, method: 'PUT' },
			]),
		).toEqual([
			"orion.listIocsByDate: parameter 'from' goes in the query, not the body",
			'orion.listIocsByDate: the page gives this operation no body',
			'orion.retrospectiveSearch: path /iocs/{iocType}/retrospective, the page says /iocs/{iocType}/retrospectivesearcher or /iocs/{iocType}/retrospectivesearcher/',
			'orion.retrospectiveSearch: method PUT, the page says POST',
		]);
	});
});
