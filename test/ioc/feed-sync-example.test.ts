/** examples/feed-sync.json, run as exported (started by hand, as n8n's editor does) against the sandbox. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, IPinData } from 'n8n-workflow';

import { runWorkflow, type WorkflowNodeInput } from '../harness';
import { apiCalls, falconStore, useSandbox } from '../falcon/fixture';

interface ExportedWorkflow {
	name: string;
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	settings: { executionOrder: 'v1' };
	pinData: IPinData;
}

const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'feed-sync.json'), 'utf8')) as ExportedWorkflow;
const sandbox = useSandbox();
const run = async () =>
	await runWorkflow({
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
		pinData: workflow.pinData,
		name: workflow.name,
		credentials: falconStore(sandbox()),
	});

it('is a Schedule Trigger, a Code node carrying the feed, and IOC Sync scoped to one source', () => {
	expect(workflow.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.type)).toEqual([
		'n8n-nodes-base.scheduleTrigger',
		'n8n-nodes-base.code',
		'n8n-nodes-edr-soar.crowdStrikeFalconIoc',
		'n8n-nodes-base.noOp',
	]);
	const syncNode = workflow.nodes.find((node) => node.type === 'n8n-nodes-edr-soar.crowdStrikeFalconIoc');
	expect(syncNode?.parameters).toMatchObject({ operation: 'sync', source: 'Example threat feed', missingFromFeed: 'delete', maxRemovals: 'share' });
	expect(syncNode?.credentials).toEqual({ crowdStrikeFalconApi: { id: 'falcon-sandbox', name: 'Falcon sandbox' } });
});

it('creates the feed\'s indicators once, merging the repeated line, and a second run writes nothing', async () => {
	const before = sandbox().state.iocs.size;

	const first = await run();
	expect(first.error).toBeUndefined();
	expect(first.status).toBe('success');
	expect(first.executionOrder).toEqual(['Every Hour', 'Read Feed', 'Sync Indicators', 'Synced']);
	const synced = first.nodes.Synced.items.map((item) => item.json as IDataObject);
	expect(synced).toHaveLength(9);
	expect(synced.slice(0, 8).map((item) => item.result)).toEqual(new Array(8).fill('created'));
	expect(synced[0]).toMatchObject({ type: 'sha256', indicator: { action: 'prevent', source: 'Example threat feed', tags: ['n8n', 'feed'] } });
	expect(synced[3]).toMatchObject({ type: 'domain', indicator: { action: 'detect' } });
	expect(synced[7].id).toBe(synced[3].id);
	expect(synced[7].note).toMatch(/merged/);
	expect(synced[8]).toMatchObject({ result: 'summary', created: 7, distinct: 7, duplicates: 1, removed: 0, requests: { list: 1, create: 1, total: 2 } });
	expect(sandbox().state.iocs.size).toBe(before + 7);

	sandbox().clearRequests();
	const second = await run();
	expect(second.error).toBeUndefined();
	expect(apiCalls(sandbox()).map((call) => call.method)).toEqual(['GET']);
	expect(second.nodes.Synced.items.slice(0, 8).map((item) => item.json.result)).toEqual(new Array(8).fill('unchanged'));
	expect(sandbox().state.iocs.size).toBe(before + 7);
});
