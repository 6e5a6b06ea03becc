import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IPinData } from 'n8n-workflow';

import { DEMO_ALERT_FILES, startSandbox, type Sandbox } from '../../sandbox';
import { runWorkflow, type WorkflowNodeInput } from '../harness';
import { apiRequests, falconCredentials } from './helpers';

interface ExportedWorkflow {
	nodes: WorkflowNodeInput[];
	connections: IConnections;
	pinData: IPinData;
}

const workflow = JSON.parse(readFileSync(join(__dirname, '..', '..', 'examples', 'alert-hash-triage.json'), 'utf8')) as ExportedWorkflow;
const [malware, benign] = DEMO_ALERT_FILES;

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ scanDelayMs: 300 });
});

afterAll(async () => {
	await sandbox.close();
});

function copiesOf(sha256: string) {
	return sandbox.state.quarantine.all().filter((entry) => entry.doc.sha256 === sha256).map((entry) => entry.doc.state);
}

test('the example only uses node types the harness and this package provide, and the sandbox credential', () => {
	for (const node of workflow.nodes) {
		expect(node.type).toMatch(/^n8n-nodes-edr-soar\.crowdStrikeFalcon|^n8n-nodes-base\.(manualTrigger|if|noOp|merge|stickyNote)$/);
		if (node.type.startsWith('n8n-nodes-edr-soar.')) {
			expect(node.credentials).toEqual({ crowdStrikeFalconApi: { id: 'falcon-sandbox', name: 'Falcon sandbox' } });
		}
	}
	const alerts = workflow.pinData.Alert;
	expect(alerts.map((item) => item.json.sha256)).toEqual(DEMO_ALERT_FILES.map((file) => file.sha256));
});

test('alert → look up → scan → block and delete the malware, release the false positive', async () => {
	expect(copiesOf(malware.sha256).sort()).toEqual(['quarantined', 'quarantined', 'quarantined', 'released']);
	expect(copiesOf(benign.sha256)).toEqual(['quarantined', 'quarantined', 'quarantined']);
	expect(sandbox.state.iocs.findByValue('sha256', malware.sha256)).toBeUndefined();

	const run = await runWorkflow({ ...workflow, credentials: falconCredentials(sandbox), timeoutMs: 60_000 });

	expect(run.error).toBeUndefined();
	expect(run.status).toBe('success');
	expect(run.executionOrder).toEqual([
		'Alert',
		'Look Up Indicator',
		'Wait for Look-Up',
		'Scan File',
		'Malicious?',
		'Block Hash',
		'Preview Deletion',
		'Delete Quarantined Copies',
		'Release Quarantined Copies',
	]);

	// Look up: neither hash is a custom indicator yet; Always Output Data gives the Merge one empty item.
	expect(run.nodes['Look Up Indicator'].items.map((item) => item.json)).toEqual([{}]);
	// The Merge passes the alerts on, with their files.
	expect(run.nodes['Wait for Look-Up'].items.map((item) => [item.json.alert_id, Object.keys(item.binary ?? {})])).toEqual([
		['ALERT-5120', ['file']],
		['ALERT-5121', ['file']],
	]);

	// Scan File: one verdict per alert file, with the scan ID and the quota.
	const verdicts = run.nodes['Scan File'].items.map((item) => item.json);
	expect(verdicts).toEqual([
		expect.objectContaining({ sha256: malware.sha256, verdict: 'malware', malicious: true, fileName: malware.file_name, status: 'done' }),
		expect.objectContaining({ sha256: benign.sha256, verdict: 'clean', malicious: false, fileName: benign.file_name, status: 'done' }),
	]);
	expect(verdicts[0].scanId).toMatch(/^[a-f0-9]{32}_[a-f0-9]{32}$/);
	expect(verdicts[0].quota).toEqual(expect.objectContaining({ total: expect.any(Number), used: 2 }));

	// Malicious: a prevent indicator now blocks the hash.
	const indicator = sandbox.state.iocs.findByValue('sha256', malware.sha256);
	expect(indicator).toEqual(expect.objectContaining({ action: 'prevent', severity: 'high', applied_globally: true, source: 'n8n alert hash triage' }));
	expect(indicator?.metadata.filename).toBe(malware.file_name);

	// The preview counted the copies without touching them; the deletion then removed all four.
	expect(run.nodes['Preview Deletion'].items[0].json).toEqual(
		expect.objectContaining({ preview: true, action: 'delete', filter: `sha256:'${malware.sha256}'`, wouldAffect: 4 }),
	);
	expect(run.nodes['Delete Quarantined Copies'].items[0].json).toEqual(
		expect.objectContaining({ action: 'delete', affected: 4, comment: 'Malware confirmed by Quick Scan (alert ALERT-5120)' }),
	);
	expect(copiesOf(malware.sha256)).toEqual(['deleted', 'deleted', 'deleted', 'deleted']);

	// Clean: the false positive's quarantined copies are released.
	expect(run.nodes['Release Quarantined Copies'].items[0].json).toEqual(expect.objectContaining({ action: 'release', affected: 3 }));
	expect(copiesOf(benign.sha256)).toEqual(['released', 'released', 'released']);

	// What the API received: the file uploads as multipart, the actions in PATCH bodies.
	const requests = apiRequests(sandbox);
	const uploads = requests.filter((r) => r.operation === 'UploadSampleV3');
	expect(uploads.map((r) => r.headers['content-type'])).toEqual([expect.stringMatching(/^multipart\/form-data; boundary=/), expect.stringMatching(/^multipart\/form-data; boundary=/)]);
	const patches = requests.filter((r) => r.method === 'PATCH');
	expect(patches.map((r) => [r.operation, (r.body as { action: string }).action, r.query])).toEqual([
		['UpdateQfByQuery', 'delete', {}],
		['UpdateQfByQuery', 'release', {}],
	]);
	expect(requests.filter((r) => r.operation === 'ActionUpdateCount').length).toBe(3);
});
