import { EICAR_SHA256 } from '../../sandbox';
import { apiCalls, json, pairedItems, runFalcon, tokenCalls, useSandbox, visible } from '../falcon/fixture';

const sandbox = useSandbox();
const NODE = 'crowdStrikeFalconIoc';
const sha = (n: number) => `c0ffee${n.toString(16).padStart(58, '0')}`;

const create = (extra: Record<string, unknown> = {}) => ({
	resource: 'indicator',
	operation: 'create',
	type: '={{ $json.type }}',
	value: '={{ $json.value }}',
	action: 'detect',
	platforms: ['windows', 'linux'],
	severity: 'high',
	appliedGlobally: true,
	...extra,
});

describe('Indicator: Create', () => {
	it('sends the indicators with every field as IOC Management expects them', async () => {
		const result = await runFalcon(
			sandbox(),
			NODE,
			create({
				additionalFields: {
					description: 'From alert 42',
					source: 'n8n',
					tags: 'phishing, campaign-7',
					expiration: '2031-05-01',
					filename: 'invoice.exe',
				},
				options: { comment: 'triage', retrodetects: true },
			}),
			{ input: [{ json: { type: 'sha256', value: sha(1).toUpperCase() } }, { json: { type: 'domain', value: 'Bad.Example' } }] },
		);

		expect(result.error).toBeUndefined();
		const [call] = apiCalls(sandbox(), '/iocs/entities/indicators/v1');
		expect(call.method).toBe('POST');
		expect(call.query).toEqual({ retrodetects: ['true'] });
		expect(call.body).toEqual({
			comment: 'triage',
			indicators: [
				{
					type: 'sha256',
					value: sha(1),
					action: 'detect',
					severity: 'high',
					platforms: ['windows', 'linux'],
					description: 'From alert 42',
					source: 'n8n',
					expiration: '2031-05-01T00:00:00Z',
					metadata: { filename: 'invoice.exe' },
					tags: ['phishing', 'campaign-7'],
					applied_globally: true,
				},
				expect.objectContaining({ type: 'domain', value: 'bad.example', action: 'detect' }),
			],
		});
		expect(json(result).map((item) => [item.type, item.value, typeof item.id])).toEqual([
			['sha256', sha(1), 'string'],
			['domain', 'bad.example', 'string'],
		]);
		expect(pairedItems(result)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('creates 10,000 indicators in 100 requests with one token, each output paired to its item', async () => {
		const input = Array.from({ length: 10_000 }, (_, i) => ({ json: { type: 'sha256', value: sha(i) } }));
		const result = await runFalcon(sandbox(), NODE, create(), { input });

		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox(), '/iocs/entities/indicators/v1')).toHaveLength(100);
		expect(tokenCalls(sandbox())).toHaveLength(1);
		expect(result.items).toHaveLength(10_000);
		expect(result.items[9_999]).toMatchObject({ json: { value: sha(9_999) }, pairedItem: { item: 9_999 } });
		expect(sandbox().state.iocs.size).toBeGreaterThanOrEqual(10_000);
	});

	it('honours the batch size option', async () => {
		const input = Array.from({ length: 25 }, (_, i) => ({ json: { type: 'sha256', value: sha(i) } }));
		await runFalcon(sandbox(), NODE, create({ options: { batchSize: 10 } }), { input });
		expect(apiCalls(sandbox(), '/iocs/entities/indicators/v1').map((call) => (call.body as { indicators: unknown[] }).indicators.length)).toEqual([10, 10, 5]);
	});

	it("gives each item CrowdStrike's own verdict: a duplicate fails its item only", async () => {
		const input = [
			{ json: { type: 'sha256', value: sha(7) } },
			{ json: { type: 'sha256', value: EICAR_SHA256 } },
			{ json: { type: 'sha256', value: sha(8) } },
		];
		const result = await runFalcon(sandbox(), NODE, create(), { input, continueOnFail: true });

		expect(apiCalls(sandbox())).toHaveLength(1);
		expect(json(result)[0]).toMatchObject({ value: sha(7), id: expect.any(String) });
		expect(json(result)[1].error).toMatch(/Duplicate/i);
		expect(json(result)[1].traceId).toEqual(expect.any(String));
		expect(json(result)[2]).toMatchObject({ value: sha(8), id: expect.any(String) });
		expect(pairedItems(result)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('fails the run on a rejected indicator unless Continue On Fail is set, naming the item', async () => {
		const result = await runFalcon(sandbox(), NODE, create(), {
			input: [{ json: { type: 'sha256', value: sha(9) } }, { json: { type: 'sha256', value: EICAR_SHA256 } }],
		});
		expect(result.error?.message).toMatch(/Duplicate/i);
		expect(result.error?.context).toMatchObject({ itemIndex: 1 });
	});

	it.each([
		[{ type: 'sha256', value: 'abc' }, 'Value', 'SHA256'],
		[{ type: 'md5', value: sha(1) }, 'Value', 'MD5'],
		[{ type: 'ipv4', value: '300.1.1.1' }, 'Value', 'IPv4'],
		[{ type: 'ipv6', value: '2001:db8::1::2' }, 'Value', 'IPv6'],
		[{ type: 'domain', value: `${'a'.repeat(201)}.com` }, 'Value', 'domain'],
		[{ type: 'url', value: 'https://x.example' }, 'Type', 'one of'],
	])('refuses %j before any request', async (item, field, expected) => {
		const result = await runFalcon(sandbox(), NODE, create(), {
			input: [{ json: { type: 'domain', value: 'fine.example' } }, { json: item }],
		});
		expect(result.error?.message).toContain(`Invalid "${field}" in item 1`);
		expect(result.error?.message).toContain(expected);
		expect(sandbox().requests).toHaveLength(0);
	});

	it('refuses blocking a domain, a bad expiration and a bad host group before any request', async () => {
		const cases = [
			create({ action: 'prevent' }),
			create({ additionalFields: { expiration: 'next tuesday' } }),
			create({ appliedGlobally: false, hostGroups: { groups: [{ hostGroup: { __rl: true, mode: 'id', value: '={{ "not-a-group" }}' } }] } }),
			create({ additionalFields: { source: 'x'.repeat(257) } }),
			create({ additionalFields: { description: 'line\u0000break' } }),
		];
		for (const parameters of cases) {
			const result = await runFalcon(sandbox(), NODE, parameters, { input: [{ json: { type: 'domain', value: 'fine.example' } }] });
			expect(result.error?.message).toMatch(/^Invalid "(Action|Expiration|Host Groups|Source|Description)" in item 0/);
		}
		expect(sandbox().requests).toHaveLength(0);
	});

	it('turns invalid items into error items with Continue On Fail and still creates the valid ones', async () => {
		const result = await runFalcon(sandbox(), NODE, create(), {
			input: [{ json: { type: 'sha256', value: 'nope' } }, { json: { type: 'sha256', value: sha(3) } }],
			continueOnFail: true,
		});
		expect(json(result)[0].error).toContain('Invalid "Value" in item 0');
		expect(json(result)[1]).toMatchObject({ value: sha(3) });
		expect((apiCalls(sandbox())[0].body as { indicators: unknown[] }).indicators).toHaveLength(1);
	});

	it('applies an indicator to host groups instead of globally', async () => {
		const group = 'ab'.repeat(16);
		const result = await runFalcon(sandbox(), NODE, create({ appliedGlobally: false, hostGroups: { groups: [{ hostGroup: { __rl: true, mode: 'id', value: group.toUpperCase() } }] } }), {
			input: [{ json: { type: 'sha256', value: sha(4) } }],
		});
		expect(result.error).toBeUndefined();
		expect((apiCalls(sandbox())[0].body as { indicators: Array<Record<string, unknown>> }).indicators[0]).toMatchObject({
			applied_globally: false,
			host_groups: [group.toUpperCase()],
		});
	});

	it('returns or updates an existing indicator when asked, creating only the new ones', async () => {
		const input = [{ json: { type: 'sha256', value: EICAR_SHA256 } }, { json: { type: 'sha256', value: sha(5) } }];
		const skipped = await runFalcon(sandbox(), NODE, create({ options: { onExisting: 'skip' } }), { input });
		expect(skipped.error).toBeUndefined();
		expect(json(skipped).map((item) => item.value)).toEqual([EICAR_SHA256, sha(5)]);
		const created = apiCalls(sandbox(), '/iocs/entities/indicators/v1').filter((call) => call.method === 'POST');
		expect((created[0].body as { indicators: Array<{ value: string }> }).indicators.map((entry) => entry.value)).toEqual([sha(5)]);

		sandbox().clearRequests();
		const updated = await runFalcon(sandbox(), NODE, create({ severity: 'critical', options: { onExisting: 'update' } }), { input });
		expect(updated.error).toBeUndefined();
		expect(json(updated)[0]).toMatchObject({ value: EICAR_SHA256, severity: 'critical', action: 'detect' });
		const patch = apiCalls(sandbox()).find((call) => call.method === 'PATCH');
		// Both exist by now: the second was created by the first run.
		expect(patch?.body).toMatchObject({
			indicators: [
				expect.objectContaining({ id: json(updated)[0].id, severity: 'critical' }),
				expect.objectContaining({ id: json(updated)[1].id, severity: 'critical' }),
			],
		});
		expect(apiCalls(sandbox()).filter((call) => call.method === 'POST')).toHaveLength(0);
	});

	it('never shows the client secret or the token', async () => {
		const result = await runFalcon(sandbox(), NODE, create(), { input: [{ json: { type: 'sha256', value: EICAR_SHA256 } }], continueOnFail: true });
		const seen = visible(result);
		expect(seen).not.toContain(sandbox().falcon.clientSecret);
		for (const token of sandbox().requests.filter((r) => r.path === '/oauth2/token')) expect(token.body).toBeDefined();
		expect(seen).not.toMatch(/Bearer [A-Za-z0-9_-]{20,}/);
	});
});
