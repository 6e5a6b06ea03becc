import { runPoll, runWorkflow } from '../harness';
import { fakes, fakeStore } from './fixtures/setup';
import { startTokenServer, type TokenServer } from './fixtures/token-server';

let server: TokenServer;
beforeAll(async () => {
	server = await startTokenServer();
});
afterAll(async () => {
	await server.close();
});

describe('runPoll', () => {
	test('polls with a real PollContext and carries static data between polls', async () => {
		const store = fakeStore(server);
		const first = await runPoll({ type: 'fakeTrigger', credentials: store, ...fakes });
		expect(first.error).toBeUndefined();
		expect(first.items.map((item) => item.json.name)).toEqual(['first', 'second']);
		expect(first.staticData).toEqual({ lastId: 2 });
		expect(first.staticDataChanged).toBe(true);
		// n8n's DirectoryLoader adds "Poll Times" to polling nodes; its default is in the node.
		expect(first.node.parameters.pollTimes).toEqual({ item: [{ mode: 'everyMinute' }] });

		const nothingNew = await runPoll({ type: 'fakeTrigger', credentials: store, staticData: first.staticData, ...fakes });
		expect(nothingNew.outputs).toBeNull();
		expect(nothingNew.items).toEqual([]);
		expect(nothingNew.staticData).toEqual({ lastId: 2 });

		server.events.push({ id: 3, name: 'third' });
		const third = await runPoll({ type: 'fakeTrigger', credentials: store, staticData: nothingNew.staticData, ...fakes });
		expect(third.items.map((item) => item.json.name)).toEqual(['third']);
		expect(third.staticData).toEqual({ lastId: 3 });
		expect(store.updateCount('1')).toBe(1);
	});

	test("manual mode is the editor's 'Fetch test event'", async () => {
		const result = await runPoll({ type: 'fakeTrigger', credentials: fakeStore(server), mode: 'manual', ...fakes });
		expect(result.items).toHaveLength(1);
		expect(result.staticDataChanged).toBe(false);
	});

	test('a poll error is returned', async () => {
		const result = await runPoll({ type: 'fakeTrigger', credentials: fakeStore(server, 'wrong'), ...fakes });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.items).toEqual([]);
	});

	test('a polling trigger as start node of a workflow runs its poll (manual execution)', async () => {
		const result = await runWorkflow({
			nodes: [
				{ name: 'Fake Trigger', type: 'fakeTrigger', parameters: {} },
				{ name: 'Done', type: 'n8n-nodes-base.noOp', parameters: {} },
			],
			connections: { 'Fake Trigger': { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
			credentials: fakeStore(server),
			...fakes,
		});
		expect(result.error).toBeUndefined();
		expect(result.nodes.Done.items).toHaveLength(1);
	});
});
