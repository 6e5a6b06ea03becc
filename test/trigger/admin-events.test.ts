/**
 * The sandbox's trigger-event admin routes (`npm run sandbox -- --help` lists them): each adds its
 * record over HTTP, and the matching trigger, polled in n8n's engine as n8n polls it after
 * activation, emits exactly that record.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EICAR_SHA256, EICAR_TEST_STRING, type Sandbox } from '../../sandbox';
import { TRIGGER_EVENT_ROUTES, triggerEventCurl } from '../../sandbox/admin-events';
import { runPoll, type RunPollResult } from '../harness';
import { useSandbox } from '../falcon/fixture';
import { orionStore } from '../orion/helpers';
import { poller } from './helpers';

const sandbox = useSandbox();

async function post(box: Sandbox, path: string, body: Record<string, unknown>): Promise<{ status: number; json: IDataObject }> {
	const response = await fetch(`${box.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, json: (await response.json()) as IDataObject };
}

const emitted = (result: RunPollResult, key = 'id') => result.items.map((item) => String(item.json[key]));

it('every trigger-event route the help lists answers its example body with 201', async () => {
	expect(TRIGGER_EVENT_ROUTES.length).toBeGreaterThanOrEqual(5);
	for (const route of TRIGGER_EVENT_ROUTES) expect([route.path, (await post(sandbox(), route.path, route.example)).status]).toEqual([route.path, 201]);
});

it("the README shows the curl of each route that fires a trigger, as the help prints it for the default port", () => {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	for (const route of TRIGGER_EVENT_ROUTES.filter((entry) => /fires/.test(entry.does))) expect(readme).toContain(triggerEventCurl('http://127.0.0.1:8787', route));
});

describe('POST /_sandbox/falcon/quarantined-files', () => {
	it('fires New Quarantined File with the file it quarantined (by default the EICAR file on a Windows host)', async () => {
		const trigger = poller(sandbox(), { event: 'newQuarantinedFile' });
		expect((await trigger.poll()).outputs).toBeNull();
		const made = await post(sandbox(), '/_sandbox/falcon/quarantined-files', {});
		expect(made.status).toBe(201);
		expect(made.json).toMatchObject({ sha256: EICAR_SHA256, state: 'quarantined', paths: [expect.objectContaining({ filename: 'eicar.com' })] });
		const device = sandbox().state.devices.devices.find((d) => d.device_id === made.json.aid);
		expect(device?.platform_name).toBe('Windows');
		const polled = await trigger.poll();
		expect(emitted(polled)).toEqual([made.json.id]);
		expect(polled.items[0].json).toMatchObject({ id: made.json.id, sha256: EICAR_SHA256, hostname: device?.hostname, state: 'quarantined' });
		expect((await trigger.poll()).outputs).toBeNull();
	});

	it('takes the hash, file name and host; refuses an unknown host (404), a second copy on a host (409) and bad fields (400)', async () => {
		const trigger = poller(sandbox(), { event: 'newQuarantinedFile', filter: "state:'quarantined'" });
		await trigger.poll();
		const host = sandbox().state.devices.devices[7];
		const sha256 = 'cd'.repeat(32);
		const made = await post(sandbox(), '/_sandbox/falcon/quarantined-files', { sha256, filename: 'tool.exe', hostname: host.hostname.toLowerCase() });
		expect(made.status).toBe(201);
		expect(made.json).toMatchObject({ id: `${host.device_id}_${sha256}`, aid: host.device_id, hostname: host.hostname });
		expect(emitted(await trigger.poll())).toEqual([made.json.id]);

		expect((await post(sandbox(), '/_sandbox/falcon/quarantined-files', { sha256, device_id: host.device_id })).status).toBe(409);
		expect((await post(sandbox(), '/_sandbox/falcon/quarantined-files', { hostname: 'NOPE' })).status).toBe(404);
		expect((await post(sandbox(), '/_sandbox/falcon/quarantined-files', { sha256: 'abc' })).status).toBe(400);
		expect((await post(sandbox(), '/_sandbox/falcon/quarantined-files', { colour: 'red' })).status).toBe(400);
		expect((await trigger.poll()).outputs).toBeNull();
	});
});

describe('POST /_sandbox/quick-scan/scans', () => {
	it('fires Scan Completed with the finished scan: the EICAR file by default (malware), text content or a hash, a verdict given', async () => {
		const trigger = poller(sandbox(), { event: 'scanCompleted' });
		expect((await trigger.poll()).outputs).toBeNull();

		const eicar = await post(sandbox(), '/_sandbox/quick-scan/scans', {});
		expect(eicar.status).toBe(201);
		expect(eicar.json).toMatchObject({ status: 'done', samples: [{ sha256: EICAR_SHA256, verdict: 'malware' }] });
		expect(sandbox().state.samples.get(EICAR_SHA256)?.data.toString('latin1')).toBe(EICAR_TEST_STRING);
		const polled = await trigger.poll();
		expect(emitted(polled)).toEqual([eicar.json.id]);
		expect(polled.items[0].json).toMatchObject({ id: eicar.json.id, status: 'done', samples: [{ sha256: EICAR_SHA256, verdict: 'malware' }] });

		const text = await post(sandbox(), '/_sandbox/quick-scan/scans', { content: 'quarterly report', fileName: 'report.txt' });
		expect(text.json).toMatchObject({ samples: [{ verdict: 'clean' }] });
		const marked = await post(sandbox(), '/_sandbox/quick-scan/scans', { sha256: 'ef'.repeat(32), verdict: 'malware' });
		expect(marked.json).toMatchObject({ samples: [{ sha256: 'ef'.repeat(32), verdict: 'malware' }] });
		expect(emitted(await trigger.poll())).toEqual([text.json.id, marked.json.id]);

		const malwareOnly = poller(sandbox(), { event: 'scanCompleted', filter: "samples.verdict:'malware'" });
		await malwareOnly.poll();
		const clean = await post(sandbox(), '/_sandbox/quick-scan/scans', { content: 'harmless' });
		const malware = await post(sandbox(), '/_sandbox/quick-scan/scans', { content: `x${EICAR_TEST_STRING}` });
		expect(emitted(await malwareOnly.poll())).toEqual([malware.json.id]);
		expect(clean.json.id).not.toBe(malware.json.id);

		expect((await post(sandbox(), '/_sandbox/quick-scan/scans', { verdict: 'evil' })).status).toBe(400);
		expect((await post(sandbox(), '/_sandbox/quick-scan/scans', { sha256: 'abc' })).status).toBe(400);
		expect((await post(sandbox(), '/_sandbox/quick-scan/scans', { content: '' })).status).toBe(400);
	});
});

describe('POST /_sandbox/falcon/alerts and /_sandbox/orion/alerts', () => {
	it('a Falcon alert fires New Alert', async () => {
		const trigger = poller(sandbox(), { event: 'newAlert', minSeverity: 'High' });
		await trigger.poll();
		const made = await post(sandbox(), '/_sandbox/falcon/alerts', { severity_name: 'Critical' });
		expect(made.status).toBe(201);
		expect(emitted(await trigger.poll(), 'composite_id')).toEqual([made.json.composite_id]);
	});

	it("an Orion alert fires the Cytomic Orion Trigger's New Alert", async () => {
		const store = orionStore(sandbox());
		const poll = (staticData?: IDataObject) =>
			runPoll({ type: 'cytomicOrionTrigger', parameters: { event: 'newAlert' } as INodeParameters, credentials: store, staticData });
		const activation = await poll();
		expect(activation.error).toBeUndefined();
		expect(activation.outputs).toBeNull();
		const made = await post(sandbox(), '/_sandbox/orion/alerts', { status: 'Pending', machineName: 'DC-01' });
		expect(made.status).toBe(201);
		const polled = await poll(activation.staticData);
		expect(polled.error).toBeUndefined();
		expect(emitted(polled)).toEqual([made.json.id]);
		expect(polled.items[0].json).toMatchObject({ machineName: 'DC-01', status: 'Pending' });
	});
});
