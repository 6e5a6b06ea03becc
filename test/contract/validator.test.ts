/**
 * The contract validators themselves: each class of violation is caught, and what the spec allows
 * passes. (Every other test's sandbox exchanges are checked by test/contract/setup.ts.)
 */
import { falconSpec, orionSpec } from '../../spec';
import {
	falconResponseModel,
	findFalconOperation,
	validateFalconRequest,
	validateFalconResponse,
	validateOrionRequest,
	validateOrionResponse,
	type ContractRequest,
	type Violation,
} from '.';

const SHA = 'a'.repeat(64);
const META = { query_time: 0.01, powered_by: 'x', trace_id: 't' };

function rules(violations: Violation[]): string[] {
	return violations.map((v) => `${v.rule} ${v.where}`);
}

function falcon(req: Partial<ContractRequest> & { method: string; path: string }): string[] {
	return rules(validateFalconRequest(req));
}

describe('the Falcon spec file', () => {
	const spec = falconSpec();

	it('holds the ten collections, every model a response or body names, and sources for every overlay entry', () => {
		expect(new Set(spec.operations.map((o) => o.collection))).toEqual(
			new Set(['ioc', 'iocs', 'quick_scan', 'sample_uploads', 'quarantine', 'host_group', 'oauth2', 'hosts', 'alerts', 'quick_scan_pro']),
		);
		for (const op of spec.operations) {
			for (const model of Object.values(op.responses)) if (model && model !== 'string') expect(spec.models[model]).toBeDefined();
			for (const p of op.params) if (p.in === 'body' && p.model && /^[A-Z]/.test(p.model)) expect(spec.models[p.model]).toBeDefined();
		}
		for (const model of Object.values(spec.models)) for (const f of Object.values(model.fields ?? {})) if (f.ref) expect(spec.models[f.ref]).toBeDefined();
		for (const e of [...spec.enums, ...spec.knownExtraStatuses, ...spec.quirks]) expect(e.source.length).toBeGreaterThan(10);
	});

	it('has the operations the next nodes need', () => {
		for (const [method, path] of [
			['GET', '/devices/queries/devices/v1'],
			['GET', '/devices/queries/devices-scroll/v1'],
			['GET', '/devices/entities/devices/v2'],
			['GET', '/devices/entities/online-state/v1'],
			['POST', '/devices/entities/devices-actions/v2'],
			['GET', '/alerts/queries/alerts/v2'],
			['POST', '/alerts/combined/alerts/v1'],
			['POST', '/alerts/entities/alerts/v2'],
			['POST', '/alerts/aggregates/alerts/v2'],
			['PATCH', '/alerts/entities/alerts/v3'],
			['POST', '/quickscanpro/entities/files/v1'],
			['DELETE', '/quickscanpro/entities/files/v1'],
			['POST', '/quickscanpro/entities/scans/v1'],
			['GET', '/quickscanpro/entities/scans/v1'],
			['DELETE', '/quickscanpro/entities/scans/v1'],
			['GET', '/quickscanpro/queries/scans/v1'],
		]) {
			expect(findFalconOperation(method, path)).toBeDefined();
		}
	});
});

describe('validateFalconRequest', () => {
	it('passes requests as the spec declares them', () => {
		expect(falcon({ method: 'GET', path: '/iocs/entities/indicators/v1', query: { ids: [SHA, 'b'.repeat(64)] } })).toEqual([]);
		expect(falcon({ method: 'GET', path: '/scanner/entities/scans/v1', query: { ids: 'a,b' } })).toEqual([]);
		expect(falcon({ method: 'GET', path: '/iocs/combined/indicator/v1', query: { filter: "type:'md5'", limit: '10', sort: 'created_on.desc' } })).toEqual([]);
		expect(
			falcon({
				method: 'POST',
				path: '/iocs/entities/indicators/v1',
				contentType: 'application/json',
				query: { retrodetects: 'false' },
				body: {
					comment: 'c',
					indicators: [{ type: 'sha256', value: SHA, action: 'prevent', severity: 'high', platforms: ['windows'], applied_globally: true, expiration: '2030-01-02T03:04:05Z' }],
				},
			}),
		).toEqual([]);
		expect(
			falcon({ method: 'PATCH', path: '/quarantine/entities/quarantined-files/v1', contentType: 'application/json', body: { action: 'release', comment: 'x', ids: ['i'] } }),
		).toEqual([]);
		expect(falcon({ method: 'POST', path: '/oauth2/token', contentType: 'application/x-www-form-urlencoded', body: { client_id: ['a'], client_secret: ['b'] } })).toEqual([]);
		expect(
			falcon({
				method: 'POST',
				path: '/samples/entities/samples/v3',
				contentType: 'multipart/form-data; boundary=x',
				body: { file_name: ['a.exe'], is_confidential: ['true'] },
				files: ['sample'],
			}),
		).toEqual([]);
	});

	it('catches an unknown route, a retired legacy one, a wrong method and a trailing slash', () => {
		expect(falcon({ method: 'GET', path: '/iocs/queries/nothing/v1' })).toEqual(['route route']);
		expect(falcon({ method: 'GET', path: '/indicators/entities/iocs/v1', query: { type: 'md5', value: 'x' } })).toEqual(['retired route']);
		expect(falcon({ method: 'PUT', path: '/iocs/entities/indicators/v1' })).toEqual(['route route']);
		expect(validateFalconRequest({ method: 'GET', path: '/iocs/queries/indicators/v1/' })[0].message).toMatch(/no trailing slash/);
		// Legacy /indicators/... and IOC Management /iocs/... are different operations.
		expect(findFalconOperation('GET', '/indicators/queries/devices/v1')?.operationId).toBe('DevicesRanOn');
		expect(findFalconOperation('GET', '/iocs/queries/indicators/devices/v1')?.operationId).toBe('indicator.get.devices_ran_on.v1');
	});

	it('catches undeclared query parameters and parameters in the wrong place', () => {
		expect(falcon({ method: 'GET', path: '/iocs/queries/indicators/v1', query: { colour: 'red' } })).toEqual(['undeclared query.colour']);
		const action = validateFalconRequest({
			method: 'PATCH',
			path: '/quarantine/entities/quarantined-files/v1',
			query: { action: 'release' },
			contentType: 'application/json',
			body: { ids: ['i'] },
		});
		expect(rules(action)).toEqual(['location query.action']);
		expect(action[0].message).toMatch(/field of the DomainEntitiesPatchRequest request body/);
		expect(
			falcon({ method: 'POST', path: '/samples/entities/samples/v3', contentType: 'multipart/form-data', query: { file_name: 'x' }, body: {}, files: ['sample'] }),
		).toEqual(['location query.file_name', 'required form.file_name']);
		// A query parameter sent as a field of the JSON body.
		expect(
			falcon({ method: 'POST', path: '/iocs/aggregates/indicators/v1', contentType: 'application/json', body: { name: 'n', type: 'terms', field: 'type', from_parent: true } }),
		).toEqual(['location body.from_parent']);
	});

	it('catches missing required parameters, bodies and form fields', () => {
		expect(falcon({ method: 'GET', path: '/iocs/aggregates/indicators/device-count/v1', query: { type: 'md5' } })).toEqual(['required query.value']);
		expect(falcon({ method: 'GET', path: '/iocs/entities/indicators/v1' })).toEqual(['required query.ids']);
		expect(falcon({ method: 'POST', path: '/scanner/entities/scans/v1' })).toEqual(['required body']);
		expect(falcon({ method: 'POST', path: '/samples/entities/samples/v3', contentType: 'multipart/form-data', body: { file_name: ['x'] } })).toEqual(['required form.sample']);
		expect(falcon({ method: 'POST', path: '/oauth2/token', contentType: 'application/x-www-form-urlencoded', body: { client_id: ['a'] } })).toEqual([
			'required form.client_secret',
		]);
	});

	it('catches query values of the wrong type, out of range, or sent more than once', () => {
		expect(falcon({ method: 'GET', path: '/iocs/queries/indicators/v1', query: { limit: 'ten' } })).toEqual(['type query.limit']);
		expect(falcon({ method: 'GET', path: '/iocs/combined/indicator/v1', query: { from_parent: 'yes' } })).toEqual(['type query.from_parent']);
		expect(falcon({ method: 'GET', path: '/devices/queries/host-groups/v1', query: { limit: '5001' } })).toEqual(['range query.limit']);
		expect(falcon({ method: 'GET', path: '/iocs/queries/indicators/v1', query: { filter: ['a', 'b'] } })).toEqual(['type query.filter']);
	});

	it('catches the wrong collection format: a comma list for multi, a repeated key for csv', () => {
		const multi = validateFalconRequest({ method: 'GET', path: '/iocs/entities/indicators/v1', query: { ids: `${SHA},${'b'.repeat(64)}` } });
		expect(rules(multi)).toEqual(['collection-format query.ids']);
		expect(multi[0].message).toMatch(/repeat the key/);
		expect(falcon({ method: 'GET', path: '/scanner/entities/scans/v1', query: { ids: ['a', 'b'] } })).toEqual(['collection-format query.ids']);
	});

	it('catches enum values outside the spec and the overlay, in the query and the body', () => {
		expect(falcon({ method: 'POST', path: '/devices/entities/host-group-actions/v1', query: { action_name: 'nuke' }, contentType: 'application/json', body: { ids: ['x'] } })).toEqual([
			'enum query.action_name',
		]);
		expect(falcon({ method: 'GET', path: '/iocs/queries/indicators/v1', query: { sort: 'colour.asc' } })).toEqual(['enum query.sort']);
		// The overlay: host actions (FalconPy), quarantine actions (FalconPy), IOC values (PSFalcon), alert updates (FalconPy).
		expect(falcon({ method: 'POST', path: '/devices/entities/devices-actions/v2', query: { action_name: 'reboot' }, contentType: 'application/json', body: { ids: ['x'] } })).toEqual([
			'enum query.action_name',
		]);
		expect(falcon({ method: 'POST', path: '/devices/entities/devices-actions/v2', query: { action_name: 'lift_containment' }, contentType: 'application/json', body: { ids: ['x'] } })).toEqual([]);
		expect(falcon({ method: 'PATCH', path: '/quarantine/queries/quarantined-files/v1', contentType: 'application/json', body: { action: 'purge', filter: 'x' } })).toEqual([
			'enum body.action',
		]);
		expect(
			falcon({
				method: 'POST',
				path: '/iocs/entities/indicators/v1',
				contentType: 'application/json',
				body: { indicators: [{ type: 'url', value: 'x', action: 'block', severity: 'HIGH', platforms: ['amiga'], applied_globally: true }] },
			}),
		).toEqual(['enum body.indicators[0].type', 'enum body.indicators[0].action', 'enum body.indicators[0].severity', 'enum body.indicators[0].platforms[0]']);
		const alerts = (value: string) =>
			falcon({
				method: 'PATCH',
				path: '/alerts/entities/alerts/v3',
				contentType: 'application/json',
				body: { composite_ids: ['c'], action_parameters: [{ name: 'update_status', value }] },
			});
		expect(alerts('closed')).toEqual([]);
		expect(alerts('done')).toEqual(['enum body.action_parameters[0].value']);
		expect(
			falcon({ method: 'PATCH', path: '/alerts/entities/alerts/v3', contentType: 'application/json', body: { composite_ids: ['c'], action_parameters: [{ name: 'close', value: 'x' }] } }),
		).toEqual(['enum body.action_parameters[0].name']);
	});

	it('catches body fields the model lacks and required fields missing, recursively', () => {
		expect(
			falcon({
				method: 'POST',
				path: '/iocs/entities/indicators/v1',
				contentType: 'application/json',
				body: { indicators: [{ type: 'md5', value: 'x', action: 'detect', severity: 'low', platforms: ['mac'], colour: 'red', metadata: { filename: 'a', size: 1 } }] },
			}),
		).toEqual(['unknown-field body.indicators[0].colour', 'unknown-field body.indicators[0].metadata.size', 'required body.indicators[0].applied_globally']);
		expect(falcon({ method: 'POST', path: '/iocs/entities/indicators/v1', contentType: 'application/json', body: { comment: 'c' } })).toEqual(['required body.indicators']);
		expect(falcon({ method: 'POST', path: '/quarantine/entities/quarantined-files/GET/v1', contentType: 'application/json', body: {} })).toEqual(['required body.ids']);
	});

	it('catches values of the wrong type and a date-time in another format', () => {
		expect(falcon({ method: 'POST', path: '/scanner/entities/scans/v1', contentType: 'application/json', body: { samples: SHA } })).toEqual(['type body.samples']);
		expect(falcon({ method: 'POST', path: '/scanner/entities/scans/v1', contentType: 'application/json', body: [SHA] })).toEqual(['type body']);
		for (const expiration of ['2020-01-01', '01/02/2030']) {
			expect(
				falcon({
					method: 'PATCH',
					path: '/iocs/entities/indicators/v1',
					contentType: 'application/json',
					body: { indicators: [{ id: SHA, expiration }] },
				}),
			).toEqual(['format body.indicators[0].expiration']);
		}
	});

	it('holds the aggregate body to one msa.AggregateQueryRequest object, without its all-required flags (the documented quirk)', () => {
		const path = '/quarantine/aggregates/quarantined-files/GET/v1';
		expect(falcon({ method: 'POST', path, contentType: 'application/json', body: { name: 'n', type: 'terms', field: 'state' } })).toEqual([]);
		expect(falcon({ method: 'POST', path, contentType: 'application/json', body: [{ name: 'n', type: 'terms', field: 'state' }] })).toEqual(['type body']);
		expect(falcon({ method: 'POST', path, contentType: 'application/json', body: { name: 'n', type: 'terms', field: 'state', colour: 1 } })).toEqual(['unknown-field body.colour']);
		// The alerts aggregates take a list (gofalcon: []*models.DetectsapiAggregateAlertQueryRequest).
		expect(falcon({ method: 'POST', path: '/alerts/aggregates/alerts/v2', contentType: 'application/json', body: [{ name: 'n', type: 'terms', field: 'status' }] })).toEqual([]);
	});

	it('takes indicators or bulk_update on an IOC update (the documented quirk), and refuses neither', () => {
		const path = '/iocs/entities/indicators/v1';
		expect(falcon({ method: 'PATCH', path, contentType: 'application/json', body: { indicators: [{ id: SHA, action: 'detect' }] } })).toEqual([]);
		expect(falcon({ method: 'PATCH', path, contentType: 'application/json', body: { bulk_update: { filter: "type:'md5'", action: 'detect' } } })).toEqual([]);
		expect(falcon({ method: 'PATCH', path, contentType: 'application/json', body: { comment: 'x' } })).toEqual(['required body']);
	});

	it('catches a body sent as another content type than the operation consumes, and a body where none is taken', () => {
		expect(falcon({ method: 'POST', path: '/oauth2/token', contentType: 'application/json', body: { client_id: 'a', client_secret: 'b' } })).toContain('content-type content-type');
		expect(falcon({ method: 'POST', path: '/scanner/entities/scans/v1', contentType: 'text/plain', body: 'x' })).toEqual(['content-type content-type']);
		expect(falcon({ method: 'GET', path: '/iocs/queries/indicators/v1', contentType: 'application/json', body: { filter: 'x' } })).toEqual(['body body']);
		expect(falcon({ method: 'POST', path: '/samples/entities/samples/v3', contentType: 'multipart/form-data', body: { file_name: ['x'], comment: ['c'] }, files: ['file'] })).toEqual([
			'undeclared form.file',
			'required form.sample',
		]);
	});
});

describe('validateFalconResponse', () => {
	const ok = (resources: unknown[], meta: Record<string, unknown> = META) => ({ meta, resources, errors: [] });

	it('passes answers that follow the model of their status', () => {
		expect(validateFalconResponse('QueryQuarantineFiles', 200, ok(['a'], { ...META, pagination: { offset: 0, limit: 1, total: 1 } }))).toEqual([]);
		expect(validateFalconResponse('UpdateQuarantinedDetectsByIds', 200, { meta: META, errors: [] })).toEqual([]);
		expect(validateFalconResponse('ActionUpdateCount', 200, ok([{ name: 'release', buckets: [{ label: 'release', count: 3 }] }]))).toEqual([]);
		expect(validateFalconResponse('action.get.v1', 200, ok([{ id: 'detect', platforms_by_type: { sha256: ['windows'] }, severities: ['low'] }]))).toEqual([]);
		expect(validateFalconResponse('oauth2AccessToken', 201, { access_token: 't', token_type: 'bearer', expires_in: 1799 })).toEqual([]);
	});

	it('catches resources on a meta-only answer, {name, count} action counts and action descriptions', () => {
		expect(rules(validateFalconResponse('UpdateQuarantinedDetectsByIds', 200, ok(['id'])))).toEqual(['unknown-field response.resources']);
		expect(rules(validateFalconResponse('UpdateQfByQuery', 200, ok(['id'])))).toEqual(['unknown-field response.resources']);
		expect(rules(validateFalconResponse('ActionUpdateCount', 200, ok([{ name: 'release', count: 3 }])))).toEqual([
			'unknown-field response.resources[0].count',
			'required response.resources[0].buckets',
		]);
		expect(rules(validateFalconResponse('action.get.v1', 200, ok([{ id: 'detect', name: 'Detect', description: 'd' }])))).toEqual([
			'unknown-field response.resources[0].name',
			'unknown-field response.resources[0].description',
			'required response.resources[0].platforms_by_type',
			'required response.resources[0].severities',
		]);
	});

	it('catches meta.writes, resources[].message, and pagination the model does not have', () => {
		const indicator = { id: SHA, type: 'sha256', value: SHA };
		expect(rules(validateFalconResponse('indicator.create.v1', 201, ok([indicator], { ...META, writes: { resources_affected: 1 } })))).toEqual(['unknown-field response.meta.writes']);
		expect(rules(validateFalconResponse('indicator.create.v1', 201, ok([{ ...indicator, message: 'bad' }])))).toEqual(['unknown-field response.resources[0].message']);
		expect(rules(validateFalconResponse('QueryQuarantineFiles', 200, ok(['a'], { ...META, pagination: { offset: 0, limit: 1, total: 9, after: 'x' } })))).toEqual([
			'unknown-field response.meta.pagination.after',
		]);
		expect(rules(validateFalconResponse('indicator.get.devices_ran_on.v1', 200, ok(['d'], { ...META, pagination: { offset: 0, limit: 1, total: 3 } })))).toEqual([
			'type response.meta.pagination.offset',
			'unknown-field response.meta.pagination.total',
		]);
		expect(validateFalconResponse('indicator.get.devices_ran_on.v1', 200, ok(['d'], { ...META, pagination: { offset: 'cursor', limit: 1 } }))).toEqual([]);
	});

	it('catches missing required fields and wrong types in answers', () => {
		expect(rules(validateFalconResponse('QueryQuarantineFiles', 200, { meta: { powered_by: 'x' }, resources: 'a' }))).toEqual([
			'required response.meta.query_time',
			'required response.meta.trace_id',
			'type response.resources',
		]);
		// api.IndicatorRespV1 requires errors (msaspec.QueryResponse above does not).
		expect(rules(validateFalconResponse('indicator.get.v1', 200, { meta: META, resources: [] }))).toEqual(['required response.errors']);
		expect(rules(validateFalconResponse('getHostGroups', 200, ok([{ id: 'g', name: 'n', group_type: 'weird' }])))).toContain('enum response.resources[0].group_type');
	});

	it('takes a status the spec omits only when it is a known extra status, with its model', () => {
		expect(falconResponseModel('indicator.get.device_count.v1', 404)).toEqual({ model: 'APIDeviceCountRespV1', declared: false });
		expect(validateFalconResponse('indicator.get.device_count.v1', 404, { meta: META, resources: [], errors: [{ code: 404, message: 'No results' }] })).toEqual([]);
		expect(falconResponseModel('oauth2AccessToken', 308)).toEqual({ model: null, declared: false });
		expect(validateFalconResponse('QueryQuarantineFiles', 401, { meta: META, errors: [{ code: 401, message: 'access denied' }] })).toEqual([]);
		expect(rules(validateFalconResponse('QueryQuarantineFiles', 418, { meta: META, errors: [] }))).toEqual(['status status']);
		// The known 400 of an operation that declares none is meta + errors: no resources.
		expect(rules(validateFalconResponse('QueryQuarantineFiles', 400, { meta: META, resources: [], errors: [{ code: 400, message: 'bad' }] }))).toEqual(['unknown-field response.resources']);
		// Error items are msa.APIError: code, id, message.
		expect(rules(validateFalconResponse('indicator.create.v1', 400, { meta: META, errors: [{ code: 400, message: 'm', index: 3 }] }))).toEqual(['unknown-field response.errors[0].index']);
	});

	it('reads quickscanpro.MetaInfo as Go embedding (the documented quirk)', () => {
		expect(validateFalconResponse('QueryScanResults', 200, { meta: { ...META, quota: { total: 1, used: 0, in_progress: 0 } }, resources: [], errors: [] })).toEqual([]);
	});
});

describe('the Orion spec file and validators', () => {
	const API = '/orion/api/v1/applications';
	const orion = (req: Partial<ContractRequest> & { method: string; path: string }) => rules(validateOrionRequest(req));
	const JSON_PATCH = 'application/json-patch+json';

	it('copies the five operations of the page', () => {
		expect(orionSpec().operations.filter((o) => !(o as { outsidePage?: boolean }).outsidePage).map((o) => `${o.method} ${o.path}`)).toEqual([
			'POST /iocs/{iocType}',
			'POST /iocs/{iocType}/eraser/',
			'POST /iocs/{iocType}/getter/',
			'GET /iocs/{iocType}',
			'POST /iocs/{iocType}/retrospectivesearcher',
		]);
	});

	it('passes requests as the page (and the decisions) describe them', () => {
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc`, query: { retrospective: 'true' }, contentType: JSON_PATCH, body: [{ ip: '192.0.2.1', daysToExpiration: 10, source: 's' }] })).toEqual([]);
		expect(orion({ method: 'POST', path: `${API}/iocs/Hash/eraser/`, contentType: JSON_PATCH, body: [{ hash: 'a'.repeat(32) }] })).toEqual([]);
		expect(orion({ method: 'POST', path: `${API}/iocs/DomainIoc/retrospectivesearcher`, contentType: JSON_PATCH, body: [{ Domain: 'example.com' }] })).toEqual([]);
		expect(orion({ method: 'POST', path: `${API}/iocs/DomainIoc/retrospectivesearcher`, contentType: JSON_PATCH, body: [{ domain: 'example.com' }] })).toEqual([]);
		expect(orion({ method: 'GET', path: `${API}/iocs/UrlIoc`, query: { from: '1', to: '2', includeDeleted: 'false' } })).toEqual([]);
	});

	it('catches what the page does not allow', () => {
		expect(orion({ method: 'GET', path: `${API}/iocs/UrlIoc`, query: { from: '1' }, contentType: 'application/json', body: { to: 2 } })).toEqual([
			'required query.to',
			'required query.includeDeleted',
			'body body',
		]);
		expect(orion({ method: 'POST', path: `${API}/iocs/Sha256Ioc`, contentType: JSON_PATCH, body: [{ hash: 'x' }] })).toEqual(['enum path.iocType']);
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc`, contentType: JSON_PATCH, body: [{ ip: '1.2.3.4', domain: 'x' }] })).toEqual(['required body[0]']);
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc`, contentType: JSON_PATCH, body: [{ domain: 'x' }] })).toEqual(['body body[0].domain']);
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc/getter/`, contentType: JSON_PATCH, body: [{ ip: '1.2.3.4', ttl: 3 }] })).toEqual(['unknown-field body[0].ttl']);
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc`, contentType: 'application/json', body: [{ ip: '1.2.3.4' }] })).toEqual(['content-type content-type']);
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc`, contentType: JSON_PATCH })).toEqual(['required body']);
		expect(orion({ method: 'POST', path: `${API}/iocs/IPIoc`, query: { ttlDays: '3' }, contentType: JSON_PATCH, body: [{ ip: '1.2.3.4' }] })).toEqual(['undeclared query.ttlDays']);
		expect(orion({ method: 'DELETE', path: `${API}/iocs/IPIoc` })).toEqual(['route route']);
	});

	it('checks answers against the page shapes and the known error statuses', () => {
		expect(validateOrionResponse('importIocs', 200, { success: true, message: '1 IPIoc added', error: null, PandaAlertId: 'x' })).toEqual([]);
		expect(rules(validateOrionResponse('importIocs', 200, { success: true, message: 'ok', count: 1 }))).toEqual(['unknown-field response.count']);
		expect(rules(validateOrionResponse('listIocsByAttributes', 200, [{ IocType: 'IPIoc' }]))).toEqual(['required response[0].KeyValueAsString']);
		expect(validateOrionResponse('listIocsByDate', 401, { message: 'Authorization has been denied for this request.' })).toEqual([]);
		expect(rules(validateOrionResponse('listIocsByDate', 418, {}))).toEqual(['status status']);
	});
});
