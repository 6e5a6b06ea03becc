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
		const count = await call<Envelope<{ id: string; device_count: number }>>(sb, 'GET', '/iocs/aggregates/indicators/device-count/v1', { token, query: q });
		expect(count.status).toBe(200);
		expect(count.json.resources[0]).toMatchObject({ id: `sha256:${EICAR_SHA256}`, type: 'sha256', value: EICAR_SHA256 });
		const n = count.json.resources[0].device_count;
		expect(n).toBeGreaterThan(1);
		const legacyCount = await call<Envelope<{ device_count: number }>>(sb, 'GET', '/indicators/aggregates/devices-count/v1', { token, query: q });
		expect(legacyCount.json.resources[0].device_count).toBe(n);

		const page1 = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/devices/v1', { token, query: { ...q, limit: 1 } });
		expect(page1.json.meta.pagination).toMatchObject({ offset: 0, limit: 1, total: n });
		const all = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/indicators/devices/v1', { token, query: { ...q, limit: 100 } });
		expect(all.json.resources).toHaveLength(n);
		expect(all.json.resources[0]).toBe(page1.json.resources[0]);
		expect(new Set(all.json.resources).size).toBe(n);
		const legacy = await call<Envelope<string>>(sb, 'GET', '/indicators/queries/devices/v1', { token, query: { ...q, limit: 100 } });
		expect(legacy.json.resources).toEqual(all.json.resources);

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
		expect((await call(sb, 'GET', '/iocs/aggregates/indicators/device-count/v1', { token, query: { type: 'md5' } })).status).toBe(400);
		expect((await call(sb, 'GET', '/iocs/queries/indicators/processes/v1', { token, query: { type: 'md5', value: 'a'.repeat(32) } })).status).toBe(400);
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
			const res = await call<Envelope>(sb, method, path, { token, query: { type: 'md5', value: 'a'.repeat(32) }, ...(method === 'POST' || method === 'PATCH' ? { body: [] } : {}) });
			expect(res.status).toBe(404);
			expect(res.json.errors[0]).toMatchObject({ code: 404, message: 'This endpoint has been decommissioned' });
		}
	});

	it('serves actions, types, platforms and severities', async () => {
		const actions = await call<Envelope<string>>(sb, 'GET', '/iocs/queries/actions/v1', { token });
		expect(actions.json.resources).toEqual(['no_action', 'allow', 'prevent_no_ui', 'prevent', 'detect']);
		expect(actions.json.meta.pagination).toMatchObject({ offset: 0, total: 5 });
		const got = await call<Envelope<{ id: string; name: string; description: string }>>(sb, 'GET', '/iocs/entities/actions/v1', {
			token,
			query: { ids: 'detect,prevent,bogus' },
		});
		expect(got.json.resources.map((a) => a.id)).toEqual(['detect', 'prevent']);
		expect(got.json.resources[0].name).toBe('Detect only');
		expect(got.json.errors[0]).toMatchObject({ code: 404, id: 'bogus' });
		expect((await call<Envelope<string>>(sb, 'GET', '/iocs/queries/ioc-types/v1', { token })).json.resources).toEqual(['sha256', 'md5', 'domain', 'ipv4', 'ipv6']);
		expect((await call<Envelope<string>>(sb, 'GET', '/iocs/queries/platforms/v1', { token, query: { limit: 3 } })).json.resources).toEqual(['windows', 'mac', 'linux']);
		expect((await call<Envelope<string>>(sb, 'GET', '/iocs/queries/severities/v1', { token, query: { offset: 3 } })).json.resources).toEqual(['high', 'critical']);
	});

	it('creates an indicators report resource', async () => {
		const res = await call<Envelope<{ id: string; report_format: string; indicator_count: number }>>(sb, 'POST', '/iocs/entities/indicators-reports/v1', {
			token,
			body: { report_format: 'csv', search: { filter: "type:'md5'", sort: 'value.asc' } },
		});
		expect(res.status).toBe(200);
		expect(res.json.resources[0]).toMatchObject({ report_format: 'csv', indicator_count: 6 });
		expect(res.json.resources[0].id).toMatch(/^[0-9a-f]{32}$/);
		expect((await call(sb, 'POST', '/iocs/entities/indicators-reports/v1', { token, body: { report_format: 'pdf' } })).status).toBe(400);
	});
});
