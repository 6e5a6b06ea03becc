import type { IConnections, INodeParameters } from 'n8n-workflow';

import { CredentialStore, runNode, runWorkflow } from '../harness';
import { fakeCredentialData, fakes } from './fixtures/setup';
import { startTokenServer, type TokenServer } from './fixtures/token-server';

let server: TokenServer;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => {
	await server.close();
});

const condition = (leftValue: string, type: string, operation: string, rightValue?: unknown) => ({
	id: `${type}-${operation}`,
	leftValue,
	rightValue,
	operator: { type, operation, ...(rightValue === undefined ? { singleValue: true } : {}) },
});

/** An If node's parameters as the n8n editor (If v2.2) saves them. */
const ifParameters = (conditions: unknown[], combinator = 'and'): INodeParameters =>
	({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
			conditions,
			combinator,
		},
		options: {},
	}) as unknown as INodeParameters;

describe('runWorkflow', () => {
	test('runs an exported-style workflow: manual trigger → our node → If → No Op', async () => {
		const connections: IConnections = {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Get data', type: 'main', index: 0 }]] },
			'Get data': { main: [[{ node: 'Big?', type: 'main', index: 0 }]] },
			'Big?': {
				main: [[{ node: 'Big', type: 'main', index: 0 }], [{ node: 'Small', type: 'main', index: 0 }]],
			},
		};
		const store = new CredentialStore();
		store.add('fakeTokenApi', fakeCredentialData(server), { id: 'local', name: 'Local' });
		const result = await runWorkflow({
			nodes: [
				{
					id: 'a1',
					name: 'When clicking ‘Execute workflow’',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'a2',
					name: 'Get data',
					type: 'n8n-nodes-edr-soar.fakeApi',
					typeVersion: 1,
					position: [220, 0],
					parameters: { operation: 'getData' },
					// An export's id, unknown to the test's store: remapped to the store's credential.
					credentials: { fakeTokenApi: { id: 'exported-id', name: 'Prod account' } },
				},
				{
					id: 'a3',
					name: 'Big?',
					type: 'n8n-nodes-base.if',
					typeVersion: 2.2,
					position: [440, 0],
					parameters: ifParameters([condition('={{ $json.value }}', 'number', 'gt', 40)]),
				},
				{ id: 'a4', name: 'Big', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, -100], parameters: {} },
				{ id: 'a5', name: 'Small', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [660, 100], parameters: {} },
			],
			connections,
			credentials: store,
			...fakes,
		});

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executionOrder).toEqual(['When clicking ‘Execute workflow’', 'Get data', 'Big?', 'Big']);
		expect(result.nodes['Big?'].outputs.map((output) => output.length)).toEqual([1, 0]);
		expect(result.nodes.Big.items[0].json).toMatchObject({ value: 42 });
		expect(result.nodes.Small).toBeUndefined();
		expect(result.runData['Get data'][0].executionStatus).toBe('success');
		expect(store.updateCount('local')).toBe(1);
	});

	test('a failing node stops the workflow and is reported per node and for the execution', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Start', type: 'n8n-nodes-base.manualTrigger', parameters: {} },
				{ name: 'Fail', type: 'fakeApi', parameters: { operation: 'fail', message: 'Stop here' } },
				{ name: 'After', type: 'n8n-nodes-base.noOp', parameters: {} },
			],
			connections: {
				Start: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] },
				Fail: { main: [[{ node: 'After', type: 'main', index: 0 }]] },
			},
			credentials: { fakeTokenApi: fakeCredentialData(server) },
			...fakes,
		});
		expect(result.status).toBe('error');
		expect(result.nodes.Fail.error).toMatchObject({ name: 'NodeOperationError', message: 'Stop here' });
		expect(result.error).toMatchObject({ message: 'Stop here' });
		expect(result.nodes.After).toBeUndefined();
	});
});

describe('If (n8n-nodes-base.if v2, harness implementation over n8n-workflow executeFilter)', () => {
	const input = [
		{ name: 'alpha', count: 5, active: true, tag: 'Malware' },
		{ name: 'beta', count: 50, active: false },
	];
	const names = (items: Array<{ json: { name?: unknown } }>) => items.map((item) => item.json.name);

	test.each([
		['string equals', condition('={{ $json.name }}', 'string', 'equals', 'alpha'), ['alpha'], ['beta']],
		['string notEquals', condition('={{ $json.name }}', 'string', 'notEquals', 'alpha'), ['beta'], ['alpha']],
		['string contains', condition('={{ $json.name }}', 'string', 'contains', 'et'), ['beta'], ['alpha']],
		['number gt', condition('={{ $json.count }}', 'number', 'gt', 10), ['beta'], ['alpha']],
		['number lt', condition('={{ $json.count }}', 'number', 'lt', 10), ['alpha'], ['beta']],
		['number equals', condition('={{ $json.count }}', 'number', 'equals', 50), ['beta'], ['alpha']],
		['boolean is true', condition('={{ $json.active }}', 'boolean', 'true'), ['alpha'], ['beta']],
		['exists', condition('={{ $json.tag }}', 'string', 'exists'), ['alpha'], ['beta']],
	])('%s', async (_name, cond, trueNames, falseNames) => {
		const result = await runNode({ type: 'n8n-nodes-base.if', parameters: ifParameters([cond]), input });
		expect(result.error).toBeUndefined();
		expect(names(result.outputs[0])).toEqual(trueNames);
		expect(names(result.outputs[1])).toEqual(falseNames);
	});

	test('or-combinator, hand-written conditions without options (filled like the editor: ignore case)', async () => {
		const result = await runNode({
			type: 'n8n-nodes-base.if',
			parameters: {
				conditions: {
					combinator: 'or',
					conditions: [
						condition('={{ $json.tag }}', 'string', 'equals', 'malware'),
						condition('={{ $json.count }}', 'number', 'gt', 100),
					],
				},
			} as unknown as INodeParameters,
			input,
		});
		expect(names(result.outputs[0])).toEqual(['alpha']);
		expect(names(result.outputs[1])).toEqual(['beta']);
	});

	test('strict type validation fails like n8n; continueOnFail sends the item to false', async () => {
		const parameters = ifParameters([condition('={{ $json.name }}', 'number', 'gt', 1)]);
		const failed = await runNode({ type: 'n8n-nodes-base.if', parameters, input });
		expect(failed.error?.name).toBe('NodeOperationError');
		expect(failed.error?.message).toMatch(/Wrong type/);

		const continued = await runNode({ type: 'n8n-nodes-base.if', parameters, input, continueOnFail: true });
		expect(continued.error).toBeUndefined();
		expect(names(continued.outputs[1])).toEqual(['alpha', 'beta']);
	});
});
