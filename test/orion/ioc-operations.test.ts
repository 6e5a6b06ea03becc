/** Every IOC operation of the Cytomic Orion node, run in n8n's WorkflowExecute against the sandbox. */
import { startSandbox, type Sandbox } from '../../sandbox';
import { MD5_A, MD5_B, ORION_API, apiCalls, expectNoSecrets, jsonOf, pairs, runOrion, tokenCalls, waitFor } from './helpers';

const DEMO_HASH = '44d88612fea8a8f36de82e1278abb02f';

describe('Cytomic Orion node: IOC operations', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox();
	});
	afterAll(async () => await sb.close());
	beforeEach(() => {
		sb.reset();
		sb.config.orionRetrospectiveDelayMs = 0;
		sb.config.orionRetrospectiveLimitMs = 90_000;
	});

	describe('Import', () => {
		it('sends the items of one type in one request, with the vendor headers, and pairs the answer back', async () => {
			const result = await runOrion(sb, {
				parameters: {
					operation: 'import',
					iocType: 'IPIoc',
					values: '={{ $json.ip }}',
					daysToExpiration: 10,
					additionalFields: { source: 'feed A', policy: 'block', description: 'C2 servers', additionalData: 'case 42' },
				},
				input: [{ json: { ip: '203.0.113.7' } }, { json: { ip: '203.0.113.8' } }, { json: { ip: '2001:DB8::1' } }],
			});
			expect(result.error).toBeUndefined();
			const calls = apiCalls(sb);
			expect(calls).toHaveLength(1);
			expect(calls[0]).toMatchObject({ method: 'POST', path: `${ORION_API}/iocs/IPIoc`, query: { retrospective: ['true'] } });
			expect(calls[0].headers).toMatchObject({ 'content-type': 'application/json-patch+json', accept: 'application/json', authorization: 'Bearer <redacted>' });
			const fields = { daysToExpiration: 10, source: 'feed A', policy: 'block', description: 'C2 servers', additionalData: 'case 42' };
			expect(calls[0].body).toEqual([
				{ ip: '203.0.113.7', ...fields },
				{ ip: '203.0.113.8', ...fields },
				{ ip: '2001:db8::1', ...fields },
			]);
			const answer = sb.state.orion.ioc('IPIoc', '203.0.113.8');
			expect(answer?.iocJson).toMatchObject({ DaysToExpiration: 10, source: 'feed A' });
			expect(answer?.lastRetroScanAt).not.toBeNull();
			expect(jsonOf(result.items)).toEqual(
				['203.0.113.7', '203.0.113.8', '2001:db8::1'].map((value) => ({
					iocType: 'IPIoc',
					value,
					success: true,
					message: '3 IPIoc added',
					error: null,
					PandaAlertId: answer?.pandaAlertId,
					retrospective: true,
					daysToExpiration: 10,
					sentInRequest: 3,
					addedInRequest: 3,
				})),
			);
			expect(pairs(result.items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(tokenCalls(sb)).toHaveLength(1);
			expectNoSecrets(sb, result, result.store);
		});

		it('groups items per IOC type (one type per request) and batches each type by Batch Size', async () => {
			const input = [
				{ type: 'FileHashIoc', value: MD5_A },
				{ type: 'IPIoc', value: '198.51.100.1' },
				{ type: 'Hash', value: MD5_B.toUpperCase() },
				{ type: 'DomainIoc', value: 'Evil.Example.COM' },
				{ type: 'IPIoc', value: '198.51.100.2' },
				{ type: 'IPIoc', value: '198.51.100.3' },
				{ type: 'UrlIoc', value: 'https://evil.example.com/a,b?c=1' },
			].map((json) => ({ json }));
			const result = await runOrion(sb, {
				parameters: {
					operation: 'import',
					iocType: '={{ $json.type }}',
					values: '={{ $json.value }}',
					daysToExpiration: 7,
					retrospective: false,
					options: { batchSize: 2 },
					requestOptions: { concurrency: 1 },
				},
				input,
			});
			expect(result.error).toBeUndefined();
			const calls = apiCalls(sb).map((call) => ({ path: call.path, query: call.query, body: call.body }));
			// Batches of different types may go out in any order; each request holds one type.
			expect(calls).toHaveLength(5);
			expect(calls).toEqual(expect.arrayContaining([
				{ path: `${ORION_API}/iocs/FileHashIoc`, query: { retrospective: ['false'] }, body: [{ hash: MD5_A, daysToExpiration: 7 }, { hash: MD5_B, daysToExpiration: 7 }] },
				{ path: `${ORION_API}/iocs/IPIoc`, query: { retrospective: ['false'] }, body: [{ ip: '198.51.100.1', daysToExpiration: 7 }, { ip: '198.51.100.2', daysToExpiration: 7 }] },
				{ path: `${ORION_API}/iocs/IPIoc`, query: { retrospective: ['false'] }, body: [{ ip: '198.51.100.3', daysToExpiration: 7 }] },
				{ path: `${ORION_API}/iocs/DomainIoc`, query: { retrospective: ['false'] }, body: [{ domain: 'evil.example.com', daysToExpiration: 7 }] },
				{ path: `${ORION_API}/iocs/UrlIoc`, query: { retrospective: ['false'] }, body: [{ url: 'https://evil.example.com/a,b?c=1', daysToExpiration: 7 }] },
			]));
			expect(jsonOf(result.items).map((json) => [json.iocType, json.value, json.message])).toEqual([
				['FileHashIoc', MD5_A, '2 FileHashIoc added'],
				['IPIoc', '198.51.100.1', '2 IPIoc added'],
				['FileHashIoc', MD5_B, '2 FileHashIoc added'],
				['DomainIoc', 'evil.example.com', '1 DomainIoc added'],
				['IPIoc', '198.51.100.2', '2 IPIoc added'],
				['IPIoc', '198.51.100.3', '1 IPIoc added'],
				['UrlIoc', 'https://evil.example.com/a,b?c=1', '1 UrlIoc added'],
			]);
			expect(pairs(result.items)).toEqual(input.map((_, item) => ({ item })));
			expect(sb.state.orion.ioc('IPIoc', '198.51.100.3')?.lastRetroScanAt).toBeNull();
		});

		it('takes several values in one item (a list or an array) and gives one output per value, paired to that item', async () => {
			const result = await runOrion(sb, {
				parameters: { operation: 'import', iocType: 'DomainIoc', values: "={{ ['a.example.com', 'b.example.com'] }}", daysToExpiration: 3 },
				input: [{ json: {} }],
			});
			const second = await runOrion(sb, {
				parameters: { operation: 'import', iocType: 'UrlIoc', values: 'https://x.example.com/1,2\nhttp://y.example.com/', daysToExpiration: 3 },
			});
			expect(jsonOf(result.items).map((json) => json.value)).toEqual(['a.example.com', 'b.example.com']);
			expect(pairs(result.items)).toEqual([{ item: 0 }, { item: 0 }]);
			expect(jsonOf(second.items).map((json) => json.value)).toEqual(['https://x.example.com/1,2', 'http://y.example.com/']);
			expect(apiCalls(sb)).toHaveLength(2);
		});

		it.each([
			['an MD5 that is too short', 'FileHashIoc', 'abc123', 'is not an MD5 hash'],
			['a SHA256 for a hash IOC', 'FileHashIoc', 'a'.repeat(64), 'Cytomic Orion takes MD5 hashes only'],
			['a URL without its protocol', 'UrlIoc', 'evil.example.com/x', 'must include the protocol'],
			['a URL given as a domain', 'DomainIoc', 'https://evil.example.com', 'choose the URL type'],
			['an IP given as a domain', 'DomainIoc', '203.0.113.9', 'choose the IP type'],
			['a bad IP', 'IPIoc', '300.1.1.1', 'is not an IPv4 or IPv6 address'],
			['an unknown type', 'Sha1Ioc', MD5_A, 'is not an IOC type'],
		])('refuses %s before any request, naming the item and the field', async (_what, type, bad, problem) => {
			const result = await runOrion(sb, {
				parameters: { operation: 'import', iocType: '={{ $json.type }}', values: '={{ $json.value }}', daysToExpiration: 5 },
				input: [{ json: { type: 'IPIoc', value: '203.0.113.1' } }, { json: { type, value: bad } }],
			});
			expect(result.error?.message).toContain('in item 1');
			expect(result.error?.message).toContain(problem);
			expect(result.error?.message).toMatch(/"IOC (Values|Type)"/);
			expect(sb.requests).toHaveLength(0);
		});

		it('requires Days to Expiration of at least one day (an IOC without it is never active)', async () => {
			const result = await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.1', daysToExpiration: 0 } });
			expect(result.error?.message).toContain('Invalid "Days to Expiration" in item 0');
			expect(sb.requests).toHaveLength(0);
		});

		it('with continueOnFail, a bad item becomes its error item and the others are imported', async () => {
			const result = await runOrion(sb, {
				parameters: { operation: 'import', iocType: 'FileHashIoc', values: '={{ $json.hash }}', daysToExpiration: 5 },
				input: [{ json: { hash: MD5_A } }, { json: { hash: 'nope' } }, { json: { hash: MD5_B } }],
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(3);
			expect(result.items[0].json.success).toBe(true);
			expect(result.items[1].json.error).toContain('Invalid "IOC Values" in item 1');
			expect(result.items[2].json.message).toBe('2 FileHashIoc added');
			expect(pairs(result.items)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			expect(apiCalls(sb)).toHaveLength(1);
		});

		it("shows Orion's message when it refuses a request, and gives each item of that request its error with continueOnFail", async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 400, message: 'The IOC quota of this account is exhausted' });
			const failed = await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.1', daysToExpiration: 5 } });
			expect(failed.error?.message).toBe('The IOC quota of this account is exhausted');
			expect(failed.error?.description).toBe(`POST /iocs/IPIoc, answered HTTP 400`);
			expect(apiCalls(sb)).toHaveLength(1);

			sb.state.orion.injectFailure({ operation: 'import', status: 400, message: 'The IOC quota of this account is exhausted' });
			const kept = await runOrion(sb, {
				parameters: { operation: 'import', iocType: 'IPIoc', values: '={{ $json.ip }}', daysToExpiration: 5 },
				input: [{ json: { ip: '203.0.113.1' } }, { json: { ip: '203.0.113.2' } }],
				continueOnFail: true,
			});
			expect(jsonOf(kept.items)).toEqual([
				{ error: 'The IOC quota of this account is exhausted', description: 'POST /iocs/IPIoc, answered HTTP 400', httpCode: '400' },
				{ error: 'The IOC quota of this account is exhausted', description: 'POST /iocs/IPIoc, answered HTTP 400', httpCode: '400' },
			]);
			expect(pairs(kept.items)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		it('treats an answer with success: false as a refusal of every IOC in that request', async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 200, message: 'IOC limit reached', error: 'LimitReached' });
			const result = await runOrion(sb, {
				parameters: { operation: 'import', iocType: 'DomainIoc', values: '={{ $json.domain }}', daysToExpiration: 5 },
				input: [{ json: { domain: 'a.example.com' } }, { json: { domain: 'b.example.com' } }],
				continueOnFail: true,
			});
			expect(jsonOf(result.items)).toEqual([
				{ error: 'IOC limit reached: LimitReached', description: 'POST /iocs/DomainIoc answered success: false' },
				{ error: 'IOC limit reached: LimitReached', description: 'POST /iocs/DomainIoc answered success: false' },
			]);
			expect(apiCalls(sb)).toHaveLength(1);
		});

		it('does not resend an unconfirmed import blindly: a lookup finds it applied, nothing is sent twice', async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 503, afterApply: true });
			const result = await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.20', daysToExpiration: 5 } });
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => [call.method, call.path, call.status])).toEqual([
				['POST', `${ORION_API}/iocs/IPIoc`, 503],
				['POST', `${ORION_API}/iocs/IPIoc/getter/`, 200],
			]);
			expect(result.items[0].json).toMatchObject({ value: '203.0.113.20', success: true, confirmedByLookup: true, PandaAlertId: expect.any(String) });
		});

		it('resends only what the lookup does not find after an unconfirmed import', async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 502 });
			const result = await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.21', daysToExpiration: 5 } });
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => [call.path, call.status])).toEqual([
				[`${ORION_API}/iocs/IPIoc`, 502],
				[`${ORION_API}/iocs/IPIoc/getter/`, 200],
				[`${ORION_API}/iocs/IPIoc`, 200],
			]);
			expect(result.items[0].json).toMatchObject({ success: true, message: '1 IPIoc added' });
		});

		it('gives up on an unconfirmed import after Max Retries, saying it may or may not have been applied', async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 503, times: 5 });
			const result = await runOrion(sb, {
				parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.22', daysToExpiration: 5, requestOptions: { maxRetries: 1 } },
			});
			expect(result.error?.message).toContain('Unknown outcome for the IPIoc 203.0.113.22: the write was not confirmed and may or may not have been applied');
			expect(apiCalls(sb).map((call) => call.path)).toEqual([`${ORION_API}/iocs/IPIoc`, `${ORION_API}/iocs/IPIoc/getter/`, `${ORION_API}/iocs/IPIoc`]);
		});

		it('waits out a 429 (Retry-After) and sends the import again: it was not applied', async () => {
			sb.state.orion.injectFailure({ operation: 'import', status: 429, headers: { 'Retry-After': '0' }, times: 2 });
			const result = await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '203.0.113.23', daysToExpiration: 5 } });
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => call.status)).toEqual([429, 429, 200]);
		});
	});

	describe('Delete', () => {
		it('deletes IOCs of a type in one eraser request and reports the count', async () => {
			const result = await runOrion(sb, {
				parameters: { operation: 'delete', iocType: 'FileHashIoc', values: '={{ $json.hash }}' },
				input: [{ json: { hash: DEMO_HASH.toUpperCase() } }, { json: { hash: MD5_A } }],
			});
			expect(result.error).toBeUndefined();
			const calls = apiCalls(sb);
			expect(calls.map((call) => [call.method, call.path, call.body])).toEqual([
				['POST', `${ORION_API}/iocs/FileHashIoc/eraser/`, [{ hash: DEMO_HASH }, { hash: MD5_A }]],
			]);
			expect(calls[0].headers['content-type']).toBe('application/json-patch+json');
			expect(jsonOf(result.items)).toEqual([
				{ iocType: 'FileHashIoc', value: DEMO_HASH, success: true, message: '1 FileHashIoc deleted', error: null, PandaAlertId: expect.any(String), sentInRequest: 2, deletedInRequest: 1 },
				{ iocType: 'FileHashIoc', value: MD5_A, success: true, message: '1 FileHashIoc deleted', error: null, PandaAlertId: expect.any(String), sentInRequest: 2, deletedInRequest: 1 },
			]);
			expect(sb.state.orion.ioc('FileHashIoc', DEMO_HASH)?.deletedAt).not.toBeNull();
		});

		it('after an unconfirmed delete, a lookup shows it done and nothing is sent again', async () => {
			sb.state.orion.injectFailure({ operation: 'eraser', status: 500, afterApply: true });
			const result = await runOrion(sb, { parameters: { operation: 'delete', iocType: 'IPIoc', values: '198.51.100.23' } });
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => [call.path, call.status])).toEqual([
				[`${ORION_API}/iocs/IPIoc/eraser/`, 500],
				[`${ORION_API}/iocs/IPIoc/getter/`, 200],
			]);
			expect(result.items[0].json).toMatchObject({ success: true, confirmedByLookup: true });
		});
	});

	describe('Get Many by Attributes', () => {
		it('looks values up with the getter and answers found or not found for each', async () => {
			const result = await runOrion(sb, {
				parameters: { operation: 'getManyByAttributes', iocType: 'FileHashIoc', values: '={{ $json.hash }}' },
				input: [{ json: { hash: MD5_A } }, { json: { hash: DEMO_HASH.toUpperCase() } }],
			});
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => [call.method, call.path, call.body])).toEqual([
				['POST', `${ORION_API}/iocs/FileHashIoc/getter/`, [{ hash: MD5_A }, { hash: DEMO_HASH }]],
			]);
			expect(jsonOf(result.items)).toEqual([
				{ iocType: 'FileHashIoc', value: MD5_A, found: false },
				{
					iocType: 'FileHashIoc',
					value: DEMO_HASH,
					found: true,
					IocType: 'FileHashIoc',
					KeyValueAsString: DEMO_HASH,
					IocJson: { hash: DEMO_HASH, source: 'sandbox demo feed', DaysToExpiration: 90 },
					DeploymentDateUTC: expect.any(String),
					ExpirationDateUTC: expect.any(String),
					LastRetroScanUTC: null,
					PandaAlertId: expect.any(String),
				},
			]);
			expect(pairs(result.items)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		it('retries a lookup after 5xx and 429 answers', async () => {
			sb.state.orion.injectFailure({ operation: 'getter', status: 503 });
			sb.state.orion.injectFailure({ operation: 'getter', status: 429, headers: { 'Retry-After': '0' } });
			const result = await runOrion(sb, { parameters: { operation: 'getManyByAttributes', iocType: 'IPIoc', values: '198.51.100.23' } });
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => call.status)).toEqual([503, 429, 200]);
			expect(result.items[0].json.found).toBe(true);
		});
	});

	describe('Get Many by Date', () => {
		it('lists the IOCs imported in an interval (Unix ms in the query), with or without deleted ones, up to Limit', async () => {
			await runOrion(sb, { parameters: { operation: 'import', iocType: 'IPIoc', values: '192.0.2.1, 192.0.2.2, 192.0.2.3', daysToExpiration: 5 } });
			await runOrion(sb, { parameters: { operation: 'delete', iocType: 'IPIoc', values: '192.0.2.3' } });
			sb.clearRequests();
			const from = new Date(Date.now() - 3_600_000).toISOString();
			const to = Date.now() + 60_000;
			const live = await runOrion(sb, { parameters: { operation: 'getManyByDate', iocType: 'IPIoc', from, to: `={{ ${to} }}`, returnAll: true } });
			const withDeleted = await runOrion(sb, { parameters: { operation: 'getManyByDate', iocType: 'IPIoc', from, to: `={{ ${to} }}`, includeDeleted: true, returnAll: true } });
			const limited = await runOrion(sb, { parameters: { operation: 'getManyByDate', iocType: 'IPIoc', from, limit: 1 } });
			const calls = apiCalls(sb);
			expect(calls.map((call) => [call.method, call.path])).toEqual(Array(3).fill(['GET', `${ORION_API}/iocs/IPIoc`]));
			expect(calls[0].query).toEqual({ from: [String(Date.parse(from))], to: [String(to)], includeDeleted: ['false'] });
			expect(calls[1].query.includeDeleted).toEqual(['true']);
			expect(calls[0].body).toBeUndefined();
			expect(jsonOf(live.items).map((json) => json.KeyValueAsString)).toEqual(['192.0.2.1', '192.0.2.2']);
			expect(withDeleted.items).toHaveLength(3);
			expect(limited.items).toHaveLength(1);
			expect(live.items[0].json).toMatchObject({ IocType: 'IPIoc', IocJson: { ip: '192.0.2.1', DaysToExpiration: 5 }, PandaAlertId: expect.any(String) });
			expect(pairs(live.items)).toEqual([{ item: 0 }, { item: 0 }]);
		});

		it('refuses an interval that ends before it starts, before any request', async () => {
			const result = await runOrion(sb, { parameters: { operation: 'getManyByDate', iocType: 'IPIoc', from: '2024-05-02', to: '2024-05-01' } });
			expect(result.error?.message).toContain('Invalid "From" in item 0');
			expect(sb.requests).toHaveLength(0);
		});

		it('retries a listing after server errors', async () => {
			sb.state.orion.injectFailure({ operation: 'list', status: 502, times: 2 });
			const result = await runOrion(sb, { parameters: { operation: 'getManyByDate', iocType: 'IPIoc', from: '2020-01-01', returnAll: true } });
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => call.status)).toEqual([502, 502, 200]);
			expect(result.items).toHaveLength(1);
		});

		it('gives up after Max Retries with the count in the message', async () => {
			sb.state.orion.injectFailure({ operation: 'list', status: 503, times: 5, message: 'Maintenance' });
			const result = await runOrion(sb, { parameters: { operation: 'getManyByDate', iocType: 'IPIoc', from: '2020-01-01', requestOptions: { maxRetries: 1 } } });
			expect(result.error?.message).toBe('Failed after 1 retries: Maintenance');
			expect(apiCalls(sb)).toHaveLength(2);
		});
	});

	describe('Retrospective Search', () => {
		it('searches the values of a type in one request and pairs the hits back to each IOC', async () => {
			sb.state.orion.plantSighting('IPIoc', '198.51.100.23', 2);
			sb.state.orion.plantSighting('IPIoc', '192.0.2.77', 0);
			const result = await runOrion(sb, {
				parameters: { operation: 'retrospectiveSearch', iocType: 'IPIoc', values: '={{ $json.ip }}' },
				input: [{ json: { ip: '198.51.100.23' } }, { json: { ip: '192.0.2.77' } }],
			});
			expect(result.error).toBeUndefined();
			expect(apiCalls(sb).map((call) => [call.method, call.path, call.body])).toEqual([
				['POST', `${ORION_API}/iocs/IPIoc/retrospectivesearcher`, [{ ip: '198.51.100.23' }, { ip: '192.0.2.77' }]],
			]);
			const [seen, unseen] = jsonOf(result.items);
			expect(seen).toMatchObject({ iocType: 'IPIoc', value: '198.51.100.23', hitCount: 2 });
			expect((seen.hits as object[])[0]).toEqual({
				MUID: expect.stringMatching(/^[0-9A-F]{32}$/),
				clientid: expect.any(String),
				firstSeen: expect.any(String),
				lastSeen: expect.any(String),
				ioc: { iockey: '198.51.100.23', type: 'IP', source: 'sandbox demo feed', policy: null, description: null },
				PandaAlertId: expect.any(String),
			});
			expect(unseen).toEqual({ iocType: 'IPIoc', value: '192.0.2.77', hitCount: 0, hits: [] });
			expect(pairs(result.items)).toEqual([{ item: 0 }, { item: 1 }]);
		});

		it('uses its own timeout (default above the API 90 s), not the shorter Request Options timeout', async () => {
			sb.config.orionRetrospectiveDelayMs = 1500;
			const result = await runOrion(sb, {
				parameters: { operation: 'retrospectiveSearch', iocType: 'DomainIoc', values: 'slow.example.com', requestOptions: { timeout: 1000 } },
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ value: 'slow.example.com' });
		});

		it('fails after its timeout without sending the search again, and says what to do', async () => {
			sb.config.orionRetrospectiveDelayMs = 6000;
			const started = Date.now();
			const result = await runOrion(sb, {
				parameters: { operation: 'retrospectiveSearch', iocType: 'DomainIoc', values: 'slower.example.com', options: { timeoutSeconds: 1 } },
			});
			// It gave up after its own 1 s timeout, well before the search's 6 s answer.
			expect(Date.now() - started).toBeLessThan(5000);
			expect(result.error?.message).toBe('no answer within 1 s');
			expect(result.error?.description).toContain('Cytomic Orion drops a retrospective search after 90 s; lower the Batch Size or raise Timeout (Seconds)');
			// The sandbox logs a request when it has answered it: wait for the search to end there.
			await waitFor(() => apiCalls(sb).length > 0, 5000);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(apiCalls(sb)).toHaveLength(1);
		});

		it('shows the API message when a search passes its 90 s limit, without sending it again', async () => {
			sb.config.orionRetrospectiveDelayMs = 2100;
			sb.config.orionRetrospectiveLimitMs = 2000;
			const result = await runOrion(sb, { parameters: { operation: 'retrospectiveSearch', iocType: 'DomainIoc', values: 'big.example.com' } });
			expect(result.error?.message).toBe('The retrospective search did not finish within 2 seconds');
			expect((result.error as unknown as { httpCode: string }).httpCode).toBe('504');
			expect(apiCalls(sb)).toHaveLength(1);
		});
	});
});
