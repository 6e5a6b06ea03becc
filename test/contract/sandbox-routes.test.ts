/**
 * The sandbox's routes against the specs: every Falcon route is an operation of the spec (or a
 * retired one it answers 404 on purpose), and its error answers carry `resources` exactly where
 * the spec's model for that status has them (the route option `errorResources`, which `fail()`
 * follows). Every Orion route is an operation of spec/orion/orion-spec.json.
 */
import { falconSpec } from '../../spec';
import { buildConfig } from '../../sandbox/config';
import { Router } from '../../sandbox/core/router';
import { SERVICES } from '../../sandbox/services';
import { createState } from '../../sandbox/state';
import { falconResponseModel, findFalconOperation } from './falcon';
import { findOrionOperation, orionApiPath } from './orion';

function routes() {
	const config = buildConfig({});
	const state = createState({ config, falcon: { clientId: 'c', clientSecret: 's' } });
	const router = new Router();
	for (const register of SERVICES) register(router, state, config);
	return router.routes;
}

/** Statuses >= 300 whose answer model (declared, or a known extra status of the operation) has `resources`. */
function errorStatusesWithResources(operationId: string): number[] {
	const spec = falconSpec();
	const op = spec.operations.find((o) => o.operationId === operationId);
	if (!op) return [];
	const statuses = new Set<number>([...Object.keys(op.responses).map(Number), ...spec.knownExtraStatuses.map((s) => s.status)]);
	return [...statuses]
		.filter((status) => status >= 300)
		.filter((status) => {
			const model = falconResponseModel(operationId, status)?.model;
			return model ? 'resources' in (spec.models[model]?.fields ?? {}) : false;
		})
		.sort((a, b) => a - b);
}

describe('the sandbox routes', () => {
	const all = routes();
	const falconRoutes = all.filter((r) => !r.path.startsWith('/orion/'));
	const orionRoutes = all.filter((r) => r.path.startsWith('/orion/'));

	it('are operations of the Falcon spec, or retired ones the sandbox refuses on purpose', () => {
		const retired = falconSpec().falconpyOnlyOperations;
		const unknown = falconRoutes.filter((r) => !findFalconOperation(r.method, r.path) && !retired.some((o) => o.method === r.method && o.path === r.path));
		expect(unknown.map((r) => `${r.method} ${r.path}`)).toEqual([]);
		expect(falconRoutes.length).toBeGreaterThan(40);
	});

	it('add resources to error answers exactly where the spec model of that status has them (errorResources)', () => {
		const wrong: string[] = [];
		for (const r of falconRoutes) {
			const op = findFalconOperation(r.method, r.path);
			if (!op) continue;
			const expected = errorStatusesWithResources(op.operationId);
			const actual = [...(r.options.errorResources ?? [])].sort((a, b) => a - b);
			if (JSON.stringify(expected) !== JSON.stringify(actual)) {
				wrong.push(`${r.method} ${r.path} (${op.operationId}): errorResources should be [${expected.join(', ')}], is [${actual.join(', ')}]`);
			}
		}
		expect(wrong).toEqual([]);
	});

	it('serve the Orion operations of the page (and the token and alerts calls it leaves out)', () => {
		const paths = orionRoutes.map((r) => {
			const sample = r.path.replace(/:iocType/, 'IPIoc').replace(/:from/, '1').replace(/:to/, '2');
			const relative = orionApiPath(sample);
			const op = relative === undefined ? undefined : findOrionOperation(r.method, relative);
			return `${r.method} ${r.path} -> ${op?.op.operationId ?? 'NOT IN THE SPEC'}`;
		});
		expect(paths.filter((p) => p.endsWith('NOT IN THE SPEC'))).toEqual([]);
		expect(paths).toHaveLength(7);
	});
});
