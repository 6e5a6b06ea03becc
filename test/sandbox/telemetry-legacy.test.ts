import { EICAR_SHA256, MALICIOUS_DOMAINS, startSandbox, type Sandbox } from '../../sandbox';
import { call, type Envelope, getToken } from './helpers';

describe('IOC telemetry (device count, devices, processes), legacy IOCs and reference data', () => {
	let sb: Sandbox;
	let token: string;
	beforeAll(async () => {
		sb = await startSandbox();
		token = await getToken(sb);
	});
	afterAll(() => sb.close());

	it('counts and lists devices that saw an indicator (IOC Management and legacy paths agree)', async () => {
		const q = { type: 'sha256', value: EICAR_SHA256.toUpperCase() };
		const count = await call<Envelope<{ id?: string; device_count: number }>>(sb, 'GET', '/iocs/aggregates/indicators/device-count/v1', { token, query: q });
		expect(count.status).toBe(200);
		// api.DeviceCountV1 is {type, value, device_count, limit_exceeded}; the legacy iocapi.IOCDevicesCount adds id.
		expect(count.json.resources[0]).toEqual({ type: 'sha256', value: EICAR_SHA256, device_count: expect.any(Number), limit_exceeded: false });
		const n = count.json.resources[0].device_count;
		expect(n).toBeGreaterThan(1);
		const legacyCount = await call<Envelope<{ id: string; device_count: number }>>(sb, 'GET', '/indicators/aggregates/devices-count/v1', { token, query: q });
		expect(legacyCount.json.resources[0]).toMatchObject({ id: `sha256:${EICAR_SHA256}`, device_count: n });
		expect(legacyCount.json.meta.powered_by).toBeUndefined();

		// api.DetectsQueryPaging: offset is the cursor of the next page (absent on the last), no total.
		const pages: string[] = [];
		let cursor: string | undefined;
		let first: Envelope<string> | undefined;
		do {
			const page = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/devices/v1', { token, query: { ...q, limit: 1, ...(cursor ? { offset: cursor } : {}) } });
			first ??= page.json;
			pages.push(...page.json.resources);
			cursor = page.json.meta.pagination?.offset as string | undefined;
		} while (cursor !== undefined && pages.length <= n);
		expect(first?.meta.pagination).toEqual({ limit: 1, offset: expect.any(String) });
		expect(pages).toHaveLength(n);
		const all = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/devices/v1', { token, query: { ...q, limit: 100 } });
		expect(all.json.meta.pagination).toEqual({ limit: 100 });
		expect(all.json.resources).toEqual(pages);
		expect(new Set(all.json.resources).size).toBe(n);
		const numeric = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/devices/v1', { token, query: { ...q, limit: 1, offset: '1' } });
		expect(numeric.status).toBe(400);
		expect(numeric.json.errors[0].message).toMatch(/meta\.pagination\.offset of the previous page/);
		// iocapi.paginationMeta: numeric offset and a total.
		const legacy = await call<Envelope<string>>(sb, 'GET', '/indicators/queries/devices/v1', { token, query: { ...q, limit: 100 } });
		expect(legacy.json.resources).toEqual(all.json.resources);
		expect(legacy.json.meta.pagination).toMatchObject({ offset: 0, limit: 100, total: n });

		const deviceId = all.json.resources[0];
		const procs = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/processes/v1', { token, query: { ...q, device_id: deviceId } });
		expect(procs.status).toBe(200);
		expect(procs.json.resources.length).toBeGreaterThan(0);
		expect(procs.json.resources[0]).toMatch(new RegExp(`^pid:${deviceId}:\\d+$`));
		const legacyProcs = await call<Envelope<string>>(sb, 'GET', '/indicators/queries/processes/v1', { token, query: { ...q, device_id: deviceId } });
		expect(legacyProcs.json.resources).toEqual(procs.json.resources);

		const details = await call<Envelope<{ device_id: string; file_name: string; process_id: string }>>(sb, 'GET', '/processes/entities/processes/v1', {
			token,
			query: { ids: [...procs.json.resources, 'pid:nope:1'] },
		});
		expect(details.status).toBe(200);
		expect(details.json.resources).toHaveLength(procs.json.resources.length);
		expect(details.json.resources[0].device_id).toBe(deviceId);
		expect(details.json.resources[0].file_name).toMatch(/invoice_0421\.exe$/);
		expect(details.json.errors).toEqual([{ code: 404, message: "Process 'pid:nope:1' not found", id: 'pid:nope:1' }]);
	});

	it('is deterministic across sandboxes and validates type/value', async () => {
		const other = await startSandbox();
		try {
			const t2 = await getToken(other);
			const q = { type: 'domain', value: MALICIOUS_DOMAINS[0] };
			const a = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/devices/v1', { token, query: q });
			const b = await call<Envelope<string>>(other, 'GET', '/iocs/queries/indicators/devices/v1', { token: t2, query: q });
			expect(a.json.resources).toEqual(b.json.resources);
		} finally {
			await other.close();
		}
		expect((await call(sb, 'GET', '/iocs/aggregates/indicators/device-count/v1', { token, query: { type: 'sha1', value: 'x' } })).status).toBe(400);
		expect((await call(sb, 'GET', '/iocs/aggregates/indicators/device-count/v1', { token, query: { type: 'md5', value: 'zz' } })).status).toBe(400);
		expect((await call(sb, 'GET', '/iocs/aggregates/indicators/device-count/v1', { token, query: { type: 'md5' }, invalid: 'value is required' })).status).toBe(400);
		expect(
			(await call(sb, 'GET', '/iocs/queries/indicators/processes/v1', { token, query: { type: 'md5', value: 'a'.repeat(32) }, invalid: 'device_id is required' })).status,
		).toBe(400);
	});

	it('answers 404 "decommissioned" on the retired legacy IOC endpoints', async () => {
		const cases: Array<[string, string]> = [
			['GET', '/indicators/entities/iocs/v1'],
			['POST', '/indicators/entities/iocs/v1'],
			['PATCH', '/indicators/entities/iocs/v1'],
			['DELETE', '/indicators/entities/iocs/v1'],
			['GET', '/indicators/queries/iocs/v1'],
		];
		for (const [method, path] of cases) {
			const res = await call<Envelope>(sb, method, path, {
				token,
				query: { type: 'md5', value: 'a'.repeat(32) },
				...(method === 'POST' || method === 'PATCH' ? { body: [] } : {}),
				invalid: 'a retired legacy operation the published spec no longer has',
			});
			expect(res.status).toBe(404);
			expect(res.json.resources).toBeUndefined();
			expect(res.json.errors[0]).toMatchObject({ code: 404, message: expect.stringMatching(/^This endpoint has been decommissioned: use /) });
		}
	});

	it('serves actions, types, platforms and severities', async () => {
		const actions = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/actions/v1', { token });
		expect(actions.json.resources).toEqual(['no_action', 'allow', 'prevent_no_ui', 'prevent', 'detect']);
		expect(actions.json.meta.pagination).toMatchObject({ offset: 0, total: 5 });
		const got = await call<Envelope<{ id: string; platforms_by_type: Record<string, string[]>; severities: string[] }>>(sb, 'GET', '/iocs/entities/actions/v1', {
			token,
			query: { ids: ['detect', 'prevent', 'bogus'] },
		});
		expect(got.json.resources.map((a) => a.id)).toEqual(['detect', 'prevent']);
		// api.ActionV1: {id, platforms_by_type, severities}; no name, no description.
		expect(Object.keys(got.json.resources[0]).sort()).toEqual(['id', 'platforms_by_type', 'severities']);
		expect(got.json.resources[1].platforms_by_type).toEqual({ sha256: ['windows', 'mac', 'linux'], md5: ['windows', 'mac', 'linux'] });
		expect(got.json.errors[0]).toMatchObject({ code: 404, id: 'bogus' });
		expect((await call<Envelope<string>>(sb, 'GET', '/iocs/queries/ioc-types/v1', { token })).json.resources).toEqual(['sha256', 'md5', 'domain', 'ipv4', 'ipv6']);
		expect((await call<Envelope<string>>(sb, 'GET', '/iocs/queries/platforms/v1', { token, query: { limit: 3 } })).json.resources).toEqual(['windows', 'mac', 'linux']);
		expect((await call<Envelope<string>>(sb, 'GET', '/iocs/queries/severities/v1', { token, query: { offset: 3 } })).json.resources).toEqual(['high', 'critical']);
	});

	it('creates an indicators report resource', async () => {
		const res = await call<Envelope<{ id: string; report_format: string; indicator_count: number }>>(sb, 'POST', '/iocs/entities/indicators-reports/v1', {
			token,
			body: { report_format: 'csv', search: { filter: "type:'md5'", query: '', sort: 'value.asc' } },
		});
		expect(res.status).toBe(200);
		expect(res.json.resources[0]).toMatchObject({ report_format: 'csv', indicator_count: 6 });
		expect(res.json.resources[0].id).toMatch(/^[0-9a-f]{32}$/);
		expect((await call(sb, 'POST', '/iocs/entities/indicators-reports/v1', { token, body: { report_format: 'pdf' }, invalid: 'search is required' })).status).toBe(400);
	});
});
