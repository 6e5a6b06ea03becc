/** examples/feed-sync.json, run as exported (pinned feed items on the manual trigger) against the sandbox. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, IPinData } from 'n8n-workflow';

import { EICAR_SHA256 } from '../../sandbox';
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

it('is a manual trigger with a pinned feed (where a Schedule Trigger goes), and IOC Create that updates existing indicators', () => {
	const trigger = workflow.nodes.find((node) => node.name === 'Schedule');
	expect(trigger?.type).toBe('n8n-nodes-base.manualTrigger');
	expect(trigger?.notes).toMatch(/Schedule Trigger/);
	const create = workflow.nodes.find((node) => node.type === 'n8n-nodes-edr-soar.crowdStrikeFalconIoc');
	expect(create?.parameters).toMatchObject({ operation: 'create', options: { onExisting: 'update' } });
	expect(create?.credentials).toEqual({ crowdStrikeFalconApi: { id: 'falcon-sandbox', name: 'Falcon sandbox' } });
});

it('creates the new feed indicators, updates the one Falcon has, and a second run duplicates nothing', async () => {
	const before = sandbox().state.iocs.size;
	const eicar = sandbox().state.iocs.findByValue('sha256', EICAR_SHA256);
	expect(eicar).toBeDefined();

	const first = await run();
	expect(first.error).toBeUndefined();
	expect(first.status).toBe('success');
	expect(first.executionOrder).toEqual(['Schedule', 'Create or Update Indicators', 'Synced']);
	const synced = first.nodes.Synced.items.map((item) => item.json as IDataObject);
	expect(synced.map((indicator) => [indicator.type, indicator.value, indicator.action])).toEqual([
		['sha256', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'prevent'],
		['domain', 'login-microsoft-support.example', 'detect'],
		['ipv4', '198.51.100.201', 'detect'],
		['sha256', EICAR_SHA256, 'prevent'],
	]);
	expect(sandbox().state.iocs.size).toBe(before + 3);
	expect(synced[3]).toMatchObject({ id: eicar?.id, severity: 'critical', source: 'n8n feed sync' });
	const expiration = Date.parse(String(synced[0].expiration));
	expect(expiration).toBeGreaterThan(Date.now() + 29 * 86_400_000);

	sandbox().clearRequests();
	const second = await run();
	expect(second.error).toBeUndefined();
	expect(sandbox().state.iocs.size).toBe(before + 3);
	const writes = apiCalls(sandbox(), '/iocs/entities/indicators/v1').filter((call) => call.method !== 'GET');
	expect(writes.map((call) => call.method)).not.toContain('POST');
	expect(writes.map((call) => call.method)).toContain('PATCH');
});
