import { EICAR_SHA256 } from '../../sandbox';
import { apiCalls, json, pairedItems, runFalcon, useSandbox } from '../falcon/fixture';

const sandbox = useSandbox();
const NODE = 'crowdStrikeFalconIoc';

const idOf = (type: string, value: string) => sandbox().state.iocs.findByValue(type, value)?.id as string;

describe('Indicator: Get, Get Many, Update, Delete, Aggregates, Report', () => {
	it('gets indicators for many items in one batched request, each item its own records', async () => {
		const eicar = idOf('sha256', EICAR_SHA256);
		const domain = idOf('domain', 'evil-updates.example');
		const result = await runFalcon(
			sandbox(),
			NODE,
			{ resource: 'indicator', operation: 'get', ids: '={{ $json.ids }}' },
			{ input: [{ json: { ids: eicar } }, { json: { ids: `${domain}, ${eicar}` } }] },
		);
		expect(result.error).toBeUndefined();
		const calls = apiCalls(sandbox());
		expect(calls).toHaveLength(1);
		expect(calls[0].query.ids).toEqual([eicar, domain]);
		expect(json(result).map((item) => item.value)).toEqual([EICAR_SHA256, 'evil-updates.example', EICAR_SHA256]);
		expect(pairedItems(result)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(Object.keys(json(result)[0])).not.toContain('created_by');
	});

	it('fails only the item whose ID is unknown', async () => {
		const unknown = 'f'.repeat(64);
		const result = await runFalcon(
			sandbox(),
			NODE,
			{ resource: 'indicator', operation: 'get', ids: '={{ $json.ids }}', simplify: false },
			{ input: [{ json: { ids: idOf('sha256', EICAR_SHA256) } }, { json: { ids: unknown } }], continueOnFail: true },
		);
		expect(json(result)[0]).toMatchObject({ value: EICAR_SHA256, created_by: expect.any(String) });
		expect(json(result)[1].error).toContain(`Indicator not found: ${unknown}`);
	});

	it('returns exactly Limit indicators in one request, with the filter and sort as given', async () => {
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'indicator',
			operation: 'getMany',
			limit: 7,
			filter: "type:'domain'",
			options: { sort: 'value.asc' },
		});
		expect(result.items).toHaveLength(7);
		expect(json(result).every((item) => item.type === 'domain')).toBe(true);
		const values = json(result).map((item) => String(item.value));
		expect(values).toEqual([...values].sort());
		const [call] = apiCalls(sandbox());
		expect(call.path).toBe('/iocs/combined/indicator/v1');
		expect(call.query).toEqual({ filter: ["type:'domain'"], sort: ['value.asc'], limit: ['7'] });
	});

	it('returns all indicators past 10,000 by following the after cursor, 2,000 per page', async () => {
		sandbox().seedIndicators(25_000);
		const total = sandbox().state.iocs.size;
		const result = await runFalcon(sandbox(), NODE, { resource: 'indicator', operation: 'getMany', returnAll: true, options: { idsOnly: true } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(total);
		expect(new Set(json(result).map((item) => item.id)).size).toBe(total);
		const calls = apiCalls(sandbox());
		expect(calls).toHaveLength(Math.ceil(total / 2000));
		expect(calls.every((call) => call.path === '/iocs/queries/indicators/v1' && call.query.offset === undefined)).toBe(true);
		expect(calls[1].query.after).toEqual([expect.any(String)]);
	});

	it('updates indicators by ID in one batch, and fails only an unknown one', async () => {
		const eicar = idOf('sha256', EICAR_SHA256);
		const unknown = 'e'.repeat(64);
		const result = await runFalcon(
			sandbox(),
			NODE,
			{
				resource: 'indicator',
				operation: 'update',
				indicatorId: '={{ $json.id }}',
				updateFields: { severity: 'critical', description: 'Confirmed by sandbox detonation' },
				options: { comment: 'escalated' },
			},
			{ input: [{ json: { id: eicar } }, { json: { id: unknown } }], continueOnFail: true },
		);
		const [call] = apiCalls(sandbox());
		expect(call.method).toBe('PATCH');
		expect(call.body).toEqual({
			comment: 'escalated',
			indicators: [
				{ id: eicar, severity: 'critical', description: 'Confirmed by sandbox detonation' },
				{ id: unknown, severity: 'critical', description: 'Confirmed by sandbox detonation' },
			],
		});
		expect(json(result)[0]).toMatchObject({ id: eicar, severity: 'critical' });
		expect(json(result)[1].error).toEqual(expect.stringContaining(unknown));
	});

	it('updates every indicator a filter matches in one bulk request', async () => {
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'indicator',
			operation: 'update',
			updateBy: 'filter',
			filter: "type:'domain'",
			updateFields: { action: 'no_action' },
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox())[0].body).toEqual({ bulk_update: { filter: "type:'domain'", action: 'no_action' } });
		expect(json(result)[0]).toMatchObject({ filter: "type:'domain'", updated: expect.any(Number) });
		expect(Number(json(result)[0].updated)).toBeGreaterThan(0);
	});

	it('refuses an update without fields or with a bad ID before any request', async () => {
		const noFields = await runFalcon(sandbox(), NODE, { resource: 'indicator', operation: 'update', indicatorId: 'a'.repeat(64) });
		const badId = await runFalcon(sandbox(), NODE, { resource: 'indicator', operation: 'update', indicatorId: 'xyz', updateFields: { severity: 'low' } });
		expect(noFields.error?.message).toContain('Invalid "Update Fields" in item 0');
		expect(badId.error?.message).toContain('Invalid "Indicator ID" in item 0');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('deletes by IDs across items in one request, and by filter', async () => {
		const eicar = idOf('sha256', EICAR_SHA256);
		const domain = idOf('domain', 'evil-updates.example');
		const byIds = await runFalcon(
			sandbox(),
			NODE,
			{ resource: 'indicator', operation: 'delete', ids: '={{ $json.id }}', options: { comment: 'false positive' } },
			{ input: [{ json: { id: eicar } }, { json: { id: domain } }] },
		);
		expect(byIds.error).toBeUndefined();
		expect(json(byIds)).toEqual([
			{ id: eicar, deleted: true },
			{ id: domain, deleted: true },
		]);
		const [call] = apiCalls(sandbox());
		expect(call).toMatchObject({ method: 'DELETE', query: { ids: [eicar, domain], comment: ['false positive'] } });
		expect(sandbox().state.iocs.get(eicar)).toBeUndefined();

		const byFilter = await runFalcon(sandbox(), NODE, { resource: 'indicator', operation: 'delete', deleteBy: 'filter', filter: "type:'ipv4'" });
		expect(json(byFilter)[0]).toMatchObject({ filter: "type:'ipv4'", deleted: expect.any(Number) });
		expect(sandbox().state.iocs.all().some((indicator) => indicator.type === 'ipv4')).toBe(false);
	});

	it('aggregates indicators by a field', async () => {
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'indicator',
			operation: 'getAggregates',
			field: 'type',
			aggregateOptions: { size: 5 },
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox())[0]).toMatchObject({
			method: 'POST',
			path: '/iocs/aggregates/indicators/v1',
			body: { name: 'type', size: 5, type: 'terms', field: 'type' },
		});
		const buckets = json(result)[0].buckets as Array<{ label: string; count: number }>;
		expect(buckets.map((bucket) => bucket.label)).toEqual(expect.arrayContaining(['sha256', 'domain']));
	});

	it('takes an aggregate query as JSON, and refuses JSON that is not one', async () => {
		const ok = await runFalcon(sandbox(), NODE, {
			resource: 'indicator',
			operation: 'getAggregates',
			aggregateMode: 'json',
			aggregateJson: '[{"name":"per_action","type":"terms","field":"action"}]',
		});
		expect(json(ok)[0]).toMatchObject({ name: 'per_action' });
		sandbox().clearRequests();
		const bad = await runFalcon(sandbox(), NODE, { resource: 'indicator', operation: 'getAggregates', aggregateMode: 'json', aggregateJson: '{"type": ' });
		expect(bad.error?.message).toContain('Invalid "Aggregate Query (JSON)" in item 0: not valid JSON');
		expect(sandbox().requests).toHaveLength(0);
	});

	it('launches an indicator report', async () => {
		const result = await runFalcon(sandbox(), NODE, {
			resource: 'indicator',
			operation: 'exportReport',
			reportFormat: 'json',
			filter: "type:'sha256'",
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox())[0].body).toEqual({
			report_format: 'json',
			search: { filter: "type:'sha256'", query: '', sort: '' },
			from_parent: false,
		});
		expect(json(result)[0]).toEqual(expect.objectContaining({ id: expect.any(String) }));
	});
});
