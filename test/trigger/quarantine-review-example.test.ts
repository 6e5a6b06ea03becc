/**
 * examples/quarantine-review.json: the Falcon Trigger's poll (as n8n runs it on schedule), then the
 * workflow started with the items it emitted, as n8n starts an execution for a poll's items.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INodeParameters } from 'n8n-workflow';

import { EICAR_SHA256 } from '../../sandbox';
import { runPoll, runWorkflow, type WorkflowNodeInput } from '../harness';
import { apiCalls, falconStore, useSandbox } from '../falcon/fixture';
import { quarantineFile } from './helpers';

interface ExportedWorkflow {
	name: string;
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	settings: { executionOrder: 'v1' };
}

const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'quarantine-review.json'), 'utf8')) as ExportedWorkflow;
const TRIGGER = 'New Quarantined File';
const sandbox = useSandbox();

it('uses the Falcon Trigger, this package and the harness built-ins only, with the sandbox credential', () => {
	expect(workflow.name).toBe('Trigger-driven quarantine review');
	for (const node of workflow.nodes) {
		expect(node.type).toMatch(/^n8n-nodes-edr-soar\.crowdStrikeFalcon|^n8n-nodes-base\.(if|noOp|merge|stickyNote)$/);
		if (node.type.startsWith('n8n-nodes-edr-soar.')) expect(node.credentials).toEqual({ crowdStrikeFalconApi: { id: 'falcon-sandbox', name: 'Falcon sandbox' } });
	}
	expect(workflow.nodes.find((node) => node.name === TRIGGER)?.type).toBe('n8n-nodes-edr-soar.crowdStrikeFalconTrigger');
});

it('new quarantined files: a known malicious hash is deleted, the others go to human review', async () => {
	const store = falconStore(sandbox());
	const trigger = workflow.nodes.find((node) => node.name === TRIGGER) as WorkflowNodeInput;
	const poll = (staticData?: Record<string, unknown>) =>
		runPoll({ type: trigger.type, nodeName: TRIGGER, parameters: trigger.parameters as INodeParameters, credentials: store, staticData: staticData as never });

	const activation = await poll();
	expect(activation.error).toBeUndefined();
	expect(activation.outputs).toBeNull();

	// The EICAR hash is a blocking custom indicator in the sandbox; the other hash is unknown.
	const hosts = sandbox().state.devices.devices;
	const eicarHost = hosts.findIndex((device) => !sandbox().state.quarantine.get(`${device.device_id}_${EICAR_SHA256}`));
	const at = Date.now() - 50;
	const malicious = quarantineFile(sandbox(), eicarHost, EICAR_SHA256, at, 'eicar.com');
	const unknown = quarantineFile(sandbox(), eicarHost + 1, 'ab'.repeat(32), at + 1, 'tool.exe');

	const polled = await poll(activation.staticData);
	expect(polled.error).toBeUndefined();
	expect(polled.items.map((item) => item.json.id)).toEqual([malicious.id, unknown.id]);
	expect((await poll(polled.staticData)).outputs).toBeNull();

	sandbox().clearRequests();
	const run = await runWorkflow({
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings,
		name: workflow.name,
		credentials: store,
		startNode: TRIGGER,
		triggerItems: polled.items.map((item) => ({ json: item.json })),
		mode: 'trigger',
	});
	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');
	expect(run.executionOrder).toEqual([TRIGGER, 'Check Hash Indicator', 'Get Quarantined File Details', 'Wait for Look-Up', 'Known Malicious?', 'Delete Quarantined File', 'Human Review']);
	expect(run.nodes['Delete Quarantined File'].items.map((item) => item.json.id)).toEqual([malicious.id]);
	expect(run.nodes['Human Review'].items.map((item) => item.json.id)).toEqual([unknown.id]);
	expect(sandbox().state.quarantine.get(malicious.id)?.state).toBe('deleted');
	expect(sandbox().state.quarantine.get(unknown.id)?.state).toBe('quarantined');
	const patch = apiCalls(sandbox(), '/quarantine/entities/quarantined-files/v1').find((call) => call.method === 'PATCH');
	expect(patch?.body).toMatchObject({ action: 'delete', ids: [malicious.id], comment: expect.stringContaining(EICAR_SHA256) });
});
