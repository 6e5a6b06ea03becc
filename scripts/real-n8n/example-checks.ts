/**
 * What each example must produce when a real n8n runs it against a freshly reset sandbox.
 * The same results the harness tests expect (test/quick-scan/alert-hash-triage.test.ts,
 * test/orion/example-workflow.test.ts, the main job's alert triage), read from n8n's run.
 *
 * An example without an entry here still gets the generic checks (the run succeeded, no node
 * failed, each of our nodes that ran produced items without an `error` field, the sandbox
 * answered its API calls); the summary names it so someone adds an entry.
 */
import type { RequestLogEntry, Sandbox } from '../../sandbox';
import type { N8nRun } from './instance';

export interface CheckContext {
	run: N8nRun;
	/** Names of the nodes that ran, in order, without the manual trigger added for pinned data. */
	order: string[];
	/** json of a node's output items (output 0 unless given). */
	out(node: string, output?: number): Array<Record<string, unknown>>;
	sandbox: Sandbox;
	/** The API requests (not /_sandbox) the sandbox received during this run. */
	requests: RequestLogEntry[];
}

export type Expect = (name: string, ok: boolean, detail?: unknown) => void;

export interface ExampleExpectation {
	/**
	 * Polling-trigger examples: what appears in the sandbox after activation (whose first poll
	 * only records where it stands), so the next scheduled poll emits it and n8n runs the workflow.
	 */
	stimulate?(sandbox: Sandbox): string;
	/** The nodes that must run, in this order (exactly these). */
	order?: string[];
	/** Output item counts per node. */
	counts?: Record<string, number>;
	check?(ctx: CheckContext, expect: Expect): void;
}

const short = (v: unknown): string => {
	const s = typeof v === 'string' ? v : JSON.stringify(v);
	return s && s.length > 300 ? `${s.slice(0, 297)}...` : s;
};

const EICAR_SHA256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
const UNKNOWN_SHA256 = 'ab'.repeat(32);

export const EXAMPLE_EXPECTATIONS: Record<string, ExampleExpectation> = {
	'feed-sync.json': {
		order: ['Every Hour', 'Read Feed', 'Sync Indicators', 'Synced'],
		counts: { 'Every Hour': 1, 'Read Feed': 8, 'Sync Indicators': 9, Synced: 9 },
		check(ctx, expect) {
			const synced = ctx.out('Synced');
			const results = synced.map((i) => String(i.result));
			expect('each feed line created (the repeated domain merged), then the summary', JSON.stringify(results) === JSON.stringify([...new Array(8).fill('created'), 'summary']), results.join(', '));
			const summary = synced[8] ?? {};
			expect(
				'the summary counts 7 indicators created from 8 lines, 1 request to list and 1 to create',
				summary.created === 7 && summary.duplicates === 1 && JSON.stringify(summary.requests) === JSON.stringify({ list: 1, create: 1, update: 0, remove: 0, total: 2 }),
				JSON.stringify(summary),
			);
			const stored = ctx.sandbox.state.iocs.all().filter((doc) => doc.source === 'Example threat feed');
			expect('the sandbox holds the 7 indicators of the feed\'s source', stored.length === 7, stored.length);
		},
	},

	'quarantine-review.json': {
		stimulate(sandbox) {
			// What POST /_sandbox/falcon/quarantined-files does.
			const now = Date.now();
			const a = sandbox.state.quarantine.quarantineNow({ sha256: EICAR_SHA256, filename: 'eicar.com', timestamp: now - 50 }).id;
			const b = sandbox.state.quarantine.quarantineNow({ sha256: UNKNOWN_SHA256, filename: 'tool.exe', timestamp: now - 49 }).id;
			return `quarantined ${a} (EICAR, a blocking indicator) and ${b} (unknown hash)`;
		},
		order: ['New Quarantined File', 'Check Hash Indicator', 'Get Quarantined File Details', 'Wait for Look-Up', 'Known Malicious?', 'Delete Quarantined File', 'Human Review'],
		counts: { 'New Quarantined File': 2, 'Wait for Look-Up': 2, 'Delete Quarantined File': 1, 'Human Review': 1 },
		check(ctx, expect) {
			const emitted = ctx.out('New Quarantined File').map((i) => String(i.sha256));
			expect('the trigger emitted the two new files, once each', JSON.stringify(emitted) === JSON.stringify([EICAR_SHA256, UNKNOWN_SHA256]), emitted.join(', '));
			const deleted = ctx.out('Delete Quarantined File').map((i) => String(i.id));
			const review = ctx.out('Human Review').map((i) => String(i.id));
			const states = [...deleted, ...review].map((id) => `${id.slice(-8)}:${ctx.sandbox.state.quarantine.get(id)?.state ?? 'missing'}`);
			expect(
				'the EICAR copy was deleted, the unknown one left for human review',
				deleted.length === 1 && deleted[0].endsWith(EICAR_SHA256) && review.length === 1 && review[0].endsWith(UNKNOWN_SHA256) &&
					ctx.sandbox.state.quarantine.get(deleted[0])?.state === 'deleted' &&
					ctx.sandbox.state.quarantine.get(review[0])?.state === 'quarantined',
				states.join(', '),
			);
		},
	},

	'alert-to-containment.json': {
		stimulate(sandbox) {
			const alert = sandbox.state.alerts.create();
			return `raised the high alert ${alert.composite_id} (${alert.filename} on ${alert.device.hostname}, a hash no custom indicator names)`;
		},
		order: ['New High Alert', 'Look Up Hash', 'Wait for Look-Up', 'Unknown Hash?', 'Block Hash', 'Preview Deletion', 'Delete Quarantined Copies', 'Contain Host', 'Update Alert'],
		counts: { 'New High Alert': 1, 'Look Up Hash': 1, 'Wait for Look-Up': 1, 'Block Hash': 1, 'Preview Deletion': 1, 'Delete Quarantined Copies': 1, 'Contain Host': 1, 'Update Alert': 1 },
		check(ctx, expect) {
			const [alert] = ctx.out('New High Alert');
			const sha = String(alert?.sha256 ?? '');
			const indicator = ctx.sandbox.state.iocs.findByValue('sha256', sha);
			expect('the alert\'s hash is a prevent indicator now', indicator?.action === 'prevent' && indicator.source === 'n8n alert-to-containment', indicator ? `${indicator.action} ${indicator.source}` : 'none');
			const deleted = ctx.out('Delete Quarantined Copies')[0] ?? {};
			const states = ctx.sandbox.state.quarantine.all().filter((e) => e.doc.sha256 === sha).map((e) => e.doc.state);
			expect('its 4 quarantined copies were deleted', deleted.affected === 4 && states.length === 4 && states.every((state) => state === 'deleted'), `${short(deleted)} | ${states.join(',')}`);
			const deviceId = String((alert?.device as Record<string, unknown> | undefined)?.device_id ?? '');
			const host = ctx.sandbox.state.hosts.entry(deviceId);
			const status = host ? ctx.sandbox.state.hosts.statusOf(host) : 'missing';
			expect('the alert\'s host is contained (or its containment pending)', status === 'contained' || status === 'containment_pending', `${deviceId}: ${status}`);
			const stored = ctx.sandbox.state.alerts.get(String(alert?.composite_id ?? ''));
			expect(
				'the alert is in progress, with a comment listing what was done',
				stored?.doc.status === 'in_progress' && /blocked with a new prevent indicator; deleted 4 quarantined copies .*; contained host /.test(stored?.comments[0]?.comment ?? ''),
				stored ? `${stored.doc.status}: ${stored.comments[0]?.comment ?? 'no comment'}` : 'missing',
			);
		},
	},

	'alert-ioc-triage.json': {
		order: ['Alert', 'Count Devices That Saw It', 'Create Detect Indicator'],
		counts: { Alert: 5, 'Count Devices That Saw It': 5, 'Create Detect Indicator': 5 },
		check(ctx, expect) {
			const counts = ctx.out('Count Devices That Saw It');
			expect(
				'device counts per indicator are 6, 4, 3, 7, 0',
				JSON.stringify(counts.map((c) => c.device_count)) === JSON.stringify([6, 4, 3, 7, 0]),
				counts.map((c) => `${String(c.value)}=${String(c.device_count)}`).join(', '),
			);
			const created = ctx.out('Create Detect Indicator');
			const inputs = ctx.out('Alert');
			expect(
				'one indicator per alert value, each with an id',
				created.every((c, i) => typeof c.id === 'string' && c.id !== '' && c.value === inputs[i]?.value),
				created.map((c) => `${String(c.value)}:${String(c.action)}`).join(', '),
			);
			const fresh = ['9f2c4c1ad0a54f7b8e3c1d2e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182', 'fresh-c2-relay.example'];
			const inSandbox = fresh.map((v) => ctx.sandbox.state.iocs.findByValue(v.includes('.') ? 'domain' : 'sha256', v));
			expect(
				'the two new values are detect indicators in the sandbox now',
				inSandbox.every((i) => i?.action === 'detect' && i.source === 'n8n alert triage'),
				inSandbox.map((i) => (i ? `${i.value}:${i.action}` : 'missing')).join(', '),
			);
		},
	},

	'alert-hash-triage.json': {
		order: [
			'Alert',
			'Look Up Indicator',
			'Wait for Look-Up',
			'Scan File',
			'Malicious?',
			'Block Hash',
			'Preview Deletion',
			'Delete Quarantined Copies',
			'Release Quarantined Copies',
		],
		counts: { Alert: 2, 'Look Up Indicator': 1, 'Wait for Look-Up': 2, 'Scan File': 2, 'Block Hash': 1, 'Preview Deletion': 1, 'Delete Quarantined Copies': 1, 'Release Quarantined Copies': 1 },
		check(ctx, expect) {
			const verdicts = ctx.out('Scan File');
			expect(
				'Quick Scan verdicts: malware, then clean, both done',
				verdicts.length === 2 &&
					verdicts[0].verdict === 'malware' &&
					verdicts[0].malicious === true &&
					verdicts[1].verdict === 'clean' &&
					verdicts[1].malicious === false &&
					verdicts.every((v) => v.status === 'done' && /^[a-f0-9]{32}_[a-f0-9]{32}$/.test(String(v.scanId))),
				verdicts.map((v) => `${String(v.fileName)}:${String(v.verdict)}:${String(v.status)}`).join(', '),
			);
			const uploads = ctx.requests.filter((r) => r.operation === 'UploadSampleV3');
			expect(
				'both pinned files were uploaded as multipart (binary data survived the Code node)',
				uploads.length === 2 && uploads.every((r) => /^multipart\/form-data; boundary=/.test(r.headers['content-type'] ?? '')),
				`${uploads.length} upload(s)`,
			);
			const malware = String(verdicts[0]?.sha256 ?? '');
			const indicator = ctx.sandbox.state.iocs.findByValue('sha256', malware);
			expect(
				'the malware hash is a prevent indicator now',
				indicator?.action === 'prevent' && indicator.severity === 'high' && indicator.source === 'n8n alert hash triage',
				indicator ? `${indicator.action}/${indicator.severity}` : 'no indicator',
			);
			const preview = ctx.out('Preview Deletion')[0] ?? {};
			expect('the preview counted 4 quarantined copies', preview.preview === true && preview.wouldAffect === 4, short(preview));
			const del = ctx.out('Delete Quarantined Copies')[0] ?? {};
			expect(
				'4 copies deleted, with the alert id in the comment',
				del.action === 'delete' && del.affected === 4 && del.comment === 'Malware confirmed by Quick Scan (alert ALERT-5120)',
				short(del),
			);
			const rel = ctx.out('Release Quarantined Copies')[0] ?? {};
			expect('the false positive: 3 copies released', rel.action === 'release' && rel.affected === 3, short(rel));
			const states = (sha: string) =>
				ctx.sandbox.state.quarantine
					.all()
					.filter((e) => e.doc.sha256 === sha)
					.map((e) => e.doc.state)
					.sort()
					.join(',');
			expect(
				'sandbox quarantine: malware copies deleted, clean copies released',
				states(malware) === 'deleted,deleted,deleted,deleted' && states(String(verdicts[1]?.sha256 ?? '')) === 'released,released,released',
				`${states(malware)} | ${states(String(verdicts[1]?.sha256 ?? ''))}`,
			);
		},
	},

	'orion-ioc-import.json': {
		order: ['When clicking ‘Execute workflow’', 'Import C2 IPs', 'Look Up on Orion', 'Active on Orion?', 'Active'],
		counts: { 'Import C2 IPs': 3, 'Look Up on Orion': 3, Active: 3 },
		check(ctx, expect) {
			const imported = ctx.out('Import C2 IPs');
			expect(
				'3 IPs imported',
				imported.map((i) => `${String(i.value)}:${String(i.success)}`).join(',') === '203.0.113.7:true,203.0.113.8:true,198.51.100.23:true',
				imported.map((i) => `${String(i.value)}:${String(i.success)}:${String(i.message)}`).join(', '),
			);
			const active = ctx.out('Active');
			expect(
				'all 3 are active on Orion',
				active.map((i) => i.KeyValueAsString).join(',') === '203.0.113.7,203.0.113.8,198.51.100.23',
				active.map((i) => i.KeyValueAsString).join(', '),
			);
			const calls = ctx.requests.filter((r) => r.path.startsWith('/orion/api/v1/applications'));
			expect(
				'Orion API calls: one import (retrospective), one getter',
				calls.map((c) => `${c.method} ${c.path.replace('/orion/api/v1/applications', '')}`).join(', ') === 'POST /iocs/IPIoc, POST /iocs/IPIoc/getter/' ||
					calls.map((c) => `${c.method} ${c.path.replace('/orion/api/v1/applications', '')}`).join(', ') === 'POST /iocs/IPIoc, POST /iocs/IPIoc/getter',
				calls.map((c) => `${c.method} ${c.path}`).join(', '),
			);
		},
	},
};
