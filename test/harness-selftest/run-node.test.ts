import type { INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binaryToString, runNode, toBinary } from '../harness';
import { fakeCredentialData, fakes, fakeStore } from './fixtures/setup';
import { startTokenServer, type TokenServer } from './fixtures/token-server';

let server: TokenServer;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => {
	await server.close();
});

describe('runNode', () => {
	test('(c) continueOnFail: the node returns error items instead of failing', async () => {
		const result = await runNode({
			type: 'fakeApi',
			parameters: { operation: 'fail', message: 'Nope' },
			input: [{ id: 1 }, { id: 2 }],
			credentials: fakeStore(server),
			continueOnFail: true,
			...fakes,
		});
		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json)).toEqual([{ error: 'Nope' }, { error: 'Nope' }]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('(c) continueOnFail: an API error (bad client secret) becomes the item error', async () => {
		const result = await runNode({
			type: 'fakeApi',
			parameters: { operation: 'getData' },
			credentials: fakeStore(server, 'wrong'),
			continueOnFail: true,
			...fakes,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ error: 'Authorization failed - please check your credentials' });
	});

	test('(d) binary input reaches the node and binary output comes back', async () => {
		const result = await runNode({
			type: 'fakeApi',
			parameters: { operation: 'transformFile' },
			input: [
				{ json: { n: 1 }, binary: { data: toBinary('hello harness', { fileName: 'a.txt' }) } },
				{ json: { n: 2 }, binary: { data: Buffer.from('raw buffer') } },
			],
			credentials: fakeStore(server),
			...fakes,
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			{ inputBytes: 13, inputFileName: 'a.txt' },
			{ inputBytes: 10 },
		]);
		const [first, second] = result.items;
		expect(first.binary?.data).toMatchObject({ fileName: 'upper-a.txt', mimeType: 'text/plain', fileSize: '13 B' });
		expect(await binaryToString(first.binary!.data)).toBe('HELLO HARNESS');
		expect(await binaryToString(second.binary!.data)).toBe('RAW BUFFER');
	});

	test('(e) a NodeOperationError surfaces in `error` as n8n reports it', async () => {
		const result = await runNode({
			type: 'fakeApi',
			parameters: { operation: 'fail', message: 'Something is wrong' },
			credentials: fakeStore(server),
			...fakes,
		});
		expect(result.status).toBe('error');
		expect(result.items).toEqual([]);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Something is wrong',
			description: 'The fake node was asked to fail',
			context: { itemIndex: 0 },
			node: { name: 'Fake API', type: 'n8n-nodes-edr-soar.fakeApi' },
		});
	});

	test('(e) an HTTP failure surfaces as NodeApiError with httpCode', async () => {
		const result = await runNode({
			type: 'fakeApi',
			parameters: { operation: 'getData' },
			credentials: { fakeTokenApi: fakeCredentialData(server, 'wrong') },
			...fakes,
		});
		expect(result.error).toMatchObject({
			name: 'NodeApiError',
			httpCode: '401',
			message: 'Authorization failed - please check your credentials',
			description: 'Invalid client credentials',
		});
	});

	test('(f) what n8n and the node log is captured per run, also for concurrent runs', async () => {
		const [a, b] = await Promise.all([
			runNode({ type: 'fakeApi', parameters: { operation: 'getData' }, credentials: fakeStore(server), ...fakes }),
			runNode({ type: 'fakeApi', input: [{}, {}], parameters: { operation: 'getData' }, credentials: fakeStore(server), ...fakes }),
		]);
		expect(a.logs).toContain('info: fakeApi running getData on 1 item(s)');
		expect(a.logs).not.toContain('info: fakeApi running getData on 2 item(s)');
		expect(b.logs).toContain('info: fakeApi running getData on 2 item(s)');
		expect(a.logs.some((line) => line.startsWith('debug: Running node "Fake API" finished successfully'))).toBe(true);
		expect(a.logEntries.find((entry) => entry.level === 'info')?.message).toBe('fakeApi running getData on 1 item(s)');
	});

	test('a node missing a required parameter reports n8n\'s WorkflowHasIssuesError with the issues', async () => {
		const needsUrl: INodeType = {
			description: {
				displayName: 'Needs URL',
				name: 'needsUrl',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Needs URL' },
				inputs: [NodeConnectionTypes.Main],
				outputs: [NodeConnectionTypes.Main],
				properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '', required: true }],
			},
			async execute() {
				return [[]];
			},
		};
		const result = await runNode({ type: 'needsUrl', extraNodeTypes: [needsUrl] });
		expect(result.error?.name).toBe('WorkflowHasIssuesError');
		expect(result.error?.description).toContain('"url"');
	});

	test('unknown types fail with what the harness knows', async () => {
		await expect(runNode({ type: 'doesNotExist' })).rejects.toThrow(
			'Unknown node type "n8n-nodes-edr-soar.doesNotExist"',
		);
	});

	test('100 runs sharing a store reuse one token and each succeed', async () => {
		const store = fakeStore(server);
		const before = server.tokenRequests;
		for (let i = 0; i < 100; i++) {
			const result = await runNode({ type: 'fakeApi', parameters: { operation: 'getData' }, credentials: store, ...fakes });
			expect(result.error).toBeUndefined();
		}
		expect(server.tokenRequests - before).toBe(1);
	});
});
