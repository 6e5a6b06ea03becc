/**
 * examples/alert-to-containment.json: the Falcon Trigger's poll (as n8n runs it on schedule), then
 * the workflow started with the alerts it emitted, against the sandbox's hosts, quarantine and IOCs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, INodeParameters } from 'n8n-workflow';

import { DEMO_ALERT_FILES, EICAR_SHA256, type Sandbox } from '../../sandbox';
import { runPoll, runWorkflow, type CredentialStore, type WorkflowNodeInput } from '../harness';
import { apiCalls, falconStore, useSandbox } from '../falcon/fixture';

interface ExportedWorkflow {
	name: string;
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	settings: { executionOrder: 'v1' };
}

const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'alert-to-containment.json'), 'utf8')) as ExportedWorkflow;
const TRIGGER = 'New High Alert';
const sandbox = useSandbox({ containmentDelayMs: 60_000 });
const [malware] = DEMO_ALERT_FILES;

async function pollAndRun(box: Sandbox, store: CredentialStore, raise: () => void) {
	const trigger = workflow.nodes.find((node) => node.name === TRIGGER) as WorkflowNodeInput;
	const poll = (staticData?: Record<string, unknown>) =>
		runPoll({ type: trigger.type, nodeName: TRIGGER, parameters: trigger.parameters as INodeParameters, credentials: store, staticData: staticData as never });
	const activation = await poll();
	expect(activation.error).toBeUndefined();
	expect(activation.outputs).toBeNull();
	raise();
	const polled = await poll(activation.staticData);
	expect(polled.error).toBeUndefined();
	box.clearRequests();
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
	return { polled, run };
}

it('is the Falcon Trigger, this package\'s nodes and the harness built-ins, with the sandbox credential; every step is a connection', () => {
	expect(workflow.name).toBe('Alert to containment');
	for (const node of workflow.nodes) {
		expect(node.type).toMatch(/^n8n-nodes-edr-soar\.crowdStrikeFalcon|^n8n-nodes-base\.(if|merge|stickyNote)$/);
		if (node.type.startsWith('n8n-nodes-edr-soar.')) expect(node.credentials).toEqual({ crowdStrikeFalconApi: { id: 'falcon-sandbox', name: 'Falcon sandbox' } });
	}
	expect(workflow.nodes.find((node) => node.name === TRIGGER)?.parameters).toMatchObject({ event: 'newAlert', minSeverity: 'High' });
	expect(workflow.nodes.find((node) => node.name === 'Contain Host')?.parameters).toMatchObject({ operation: 'contain', limitAffected: true, maxHosts: 5 });
	const targets = Object.values(workflow.connections).flatMap((outputs) => outputs.main.flatMap((branch) => (branch ?? []).map((connection) => connection.node)));
	for (const node of workflow.nodes.filter((entry) => entry.name !== TRIGGER && entry.type !== 'n8n-nodes-base.stickyNote')) expect(targets).toContain(node.name);
});

it('a new high alert on an unknown hash: blocks it, deletes its quarantined copies, contains the host, and says so on the alert', async () => {
	const store = falconStore(sandbox());
	let alert = { composite_id: '', agent_id: '' };
	const { polled, run } = await pollAndRun(sandbox(), store, () => {
		alert = sandbox().state.alerts.create();
	});
	expect(polled.items.map((item) => item.json.composite_id)).toEqual([alert.composite_id]);
	expect(run.executionOrder).toEqual([TRIGGER, 'Look Up Hash', 'Wait for Look-Up', 'Unknown Hash?', 'Block Hash', 'Preview Deletion', 'Delete Quarantined Copies', 'Contain Host', 'Update Alert']);

	const indicator = sandbox().state.iocs.findByValue('sha256', malware.sha256);
	expect(indicator).toMatchObject({ action: 'prevent', severity: 'high', source: 'n8n alert-to-containment' });
	expect(run.nodes['Preview Deletion'].items[0].json).toMatchObject({ preview: true, wouldAffect: 4 });
	expect(run.nodes['Delete Quarantined Copies'].items[0].json).toMatchObject({ action: 'delete', affected: 4 });
	const copies = sandbox().state.quarantine.all().filter((entry) => entry.doc.sha256 === malware.sha256);
	expect(copies.map((entry) => entry.doc.state)).toEqual(['deleted', 'deleted', 'deleted', 'deleted']);

	const host = sandbox().state.hosts.entry(alert.agent_id);
	expect(host && sandbox().state.hosts.statusOf(host)).toBe('containment_pending');
	expect(apiCalls(sandbox(), '/devices/entities/devices-actions/v2').map((call) => [call.query.action_name?.[0], call.body])).toEqual([['contain', { ids: [alert.agent_id] }]]);

	const updated = sandbox().state.alerts.get(alert.composite_id);
	expect(updated?.doc).toMatchObject({ status: 'in_progress', tags: ['n8n'] });
	expect(updated?.comments.map((entry) => entry.comment)).toEqual([
		`Automated response (n8n alert-to-containment): hash ${malware.sha256} blocked with a new prevent indicator; deleted 4 quarantined copies (the preview counted 4); contained host ${host?.device.hostname} (${alert.agent_id})`,
	]);
	expect(run.nodes['Update Alert'].items[0].json).toMatchObject({ composite_id: alert.composite_id, updated: true, status: 'in_progress' });
});

it('a known hash on a host already contained: no second indicator, and the alert\'s comment says the host was not contained and why', async () => {
	const store = falconStore(sandbox());
	const contained = sandbox().state.hosts.all().find((entry) => entry.state === 'contained');
	const indicatorsBefore = sandbox().state.iocs.size;
	let alert = { composite_id: '' };
	const { run } = await pollAndRun(sandbox(), store, () => {
		alert = sandbox().state.alerts.create({ sha256: EICAR_SHA256, device_id: contained?.device.device_id });
	});
	expect(run.executionOrder).toEqual([TRIGGER, 'Look Up Hash', 'Wait for Look-Up', 'Unknown Hash?', 'Preview Deletion', 'Delete Quarantined Copies', 'Contain Host', 'Update Alert']);
	expect(sandbox().state.iocs.size).toBe(indicatorsBefore);
	const [comment] = sandbox().state.alerts.get(alert.composite_id)?.comments ?? [];
	expect(comment?.comment).toContain(`hash ${EICAR_SHA256} was already a custom indicator`);
	expect(comment?.comment).toContain(`host not contained: Could not contain 1 of 1 host: ${contained?.device.hostname} (${contained?.device.device_id}): Device '${contained?.device.device_id}' is already contained`);
	expect(sandbox().state.alerts.get(alert.composite_id)?.doc.status).toBe('in_progress');
});
