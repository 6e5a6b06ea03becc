/** CrowdStrike Falcon Alert: Get Many (combined search, `after` cursor), Get, Update (action_parameters), Get Aggregates. */
import type { INodeParameters } from 'n8n-workflow';

import { DEMO_ALERT_FILES } from '../../sandbox';
import { apiCalls, json, runFalcon, useSandbox, type NodeRun } from '../falcon/fixture';

const sandbox = useSandbox();
const ALERT = 'crowdStrikeFalconAlert';
const COMBINED = '/alerts/combined/alerts/v1';
const ENTITIES = '/alerts/entities/alerts/v2';
const UPDATE = '/alerts/entities/alerts/v3';
const run = async (parameters: INodeParameters, options: NodeRun = {}) => await runFalcon(sandbox(), ALERT, { resource: 'alert', ...parameters }, options);
const alertsNow = () => sandbox().state.alerts.all();
const [malware] = DEMO_ALERT_FILES;

describe('Alert → Get Many', () => {
	it('sends the filter, sort and limit in the body of the combined search; Simplify keeps what an analyst reads', async () => {
		const result = await run({ operation: 'getMany', limit: 3, filters: { minSeverity: 'High', status: 'new' }, options: { sort: 'created_timestamp|asc' } });
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(sandbox(), COMBINED);
		expect(call.method).toBe('POST');
		expect(call.body).toEqual({ filter: "severity_name:['High','Critical']+status:'new'", sort: 'created_timestamp|asc', limit: 3 });
		const alerts = json(result);
		expect(alerts).toHaveLength(3);
		for (const alert of alerts) {
			expect(Object.keys(alert).sort()).toEqual(
				[
					'assigned_to_name',
					'assigned_to_uid',
					'cmdline',
					'composite_id',
					'created_timestamp',
					'description',
					'device_id',
					'display_name',
					'falcon_host_link',
					'filename',
					'filepath',
					'hostname',
					'local_ip',
					'platform',
					'severity',
					'severity_name',
					'sha256',
					'status',
					'tactic',
					'tactic_id',
					'tags',
					'technique',
					'technique_id',
					'updated_timestamp',
					'user_name',
				].sort(),
			);
			expect(['High', 'Critical']).toContain(alert.severity_name);
			expect(alert.status).toBe('new');
		}
		const oldest = alertsNow().filter((entry) => ['High', 'Critical'].includes(entry.doc.severity_name) && entry.doc.status === 'new').sort((a, b) => a.createdMs - b.createdMs || a.doc.composite_id.localeCompare(b.doc.composite_id));
		expect(alerts.map((alert) => alert.composite_id)).toEqual(oldest.slice(0, 3).map((entry) => entry.doc.composite_id));
	});

	it('Return All follows the `after` cursor past 10,000 alerts, 1000 per page', async () => {
		sandbox().state.alerts.seedSynthetic(10_050);
		const result = await run({ operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(alertsNow().length);
		const calls = apiCalls(sandbox(), COMBINED).map((call) => call.body as { after?: string; limit: number });
		expect(calls).toHaveLength(Math.ceil(alertsNow().length / 1000));
		expect(calls[0].after).toBeUndefined();
		expect(calls.slice(1).every((body) => typeof body.after === 'string' && body.limit === 1000)).toBe(true);
		expect(new Set(result.items.map((item) => item.json.composite_id)).size).toBe(alertsNow().length);
	});
});

describe('Alert → Get', () => {
	it('gets alerts of many items by composite ID in one request; an unknown ID fails its item', async () => {
		const [a, b] = alertsNow().map((entry) => entry.doc.composite_id);
		const unknown = `${a.split(':').slice(0, 3).join(':')}:doesnotexist`;
		const result = await run({ operation: 'get', compositeIds: '={{ $json.id }}', simplify: false }, { input: [{ id: a }, { id: b }, { id: unknown }], continueOnFail: true });
		const [first, second, third] = json(result);
		expect(first.composite_id).toBe(a);
		expect(first).toHaveProperty('mitre_attack');
		expect(second.composite_id).toBe(b);
		expect(third.error).toMatch(new RegExp(`^Alert not found: ${unknown}`));
		const calls = apiCalls(sandbox(), ENTITIES);
		expect(calls).toHaveLength(1);
		expect(calls[0].body).toEqual({ composite_ids: [a, b, unknown] });
		expect(calls[0].query).toEqual({ include_hidden: ['true'] });
	});
});

describe('Alert → Update', () => {
	it('sets the status, appends a comment and tags many alerts in one request of action_parameters', async () => {
		const targets = alertsNow().filter((entry) => entry.doc.sha256 === malware.sha256);
		expect(targets.length).toBeGreaterThan(1);
		const result = await run(
			{ operation: 'update', compositeIds: '={{ $json.id }}', updateFields: { status: 'in_progress', comment: 'Contained by n8n', addTags: 'n8n, contained', assignToUserId: 'analyst@example.com' } },
			{ input: targets.map((entry) => ({ id: entry.doc.composite_id })) },
		);
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toEqual({
			composite_id: targets[0].doc.composite_id,
			updated: true,
			status: 'in_progress',
			assign_to_user_id: 'analyst@example.com',
			comment: 'Contained by n8n',
			tags_added: ['n8n', 'contained'],
		});
		const calls = apiCalls(sandbox(), UPDATE);
		expect(calls).toHaveLength(1);
		expect(calls[0].method).toBe('PATCH');
		expect(calls[0].body).toEqual({
			composite_ids: targets.map((entry) => entry.doc.composite_id),
			action_parameters: [
				{ name: 'update_status', value: 'in_progress' },
				{ name: 'assign_to_user_id', value: 'analyst@example.com' },
				{ name: 'append_comment', value: 'Contained by n8n' },
				{ name: 'add_tag', value: 'n8n' },
				{ name: 'add_tag', value: 'contained' },
			],
		});
		for (const entry of targets) {
			expect(entry.doc).toMatchObject({ status: 'in_progress', assigned_to_uid: 'analyst@example.com', tags: ['n8n', 'contained'] });
			expect(entry.comments.map((comment) => comment.comment)).toEqual(['Contained by n8n']);
		}
	});

	it('sends 1000 alerts per request at most; items asking for other changes go in their own requests', async () => {
		const ids = sandbox().state.alerts.seedSynthetic(1500);
		const result = await run({ operation: 'update', compositeIds: '={{ $json.ids }}', updateFields: { status: '={{ $json.status }}' } }, {
			input: [
				{ ids: ids.slice(0, 1200), status: 'closed' },
				{ ids: ids.slice(1200), status: 'in_progress' },
			],
		});
		expect(result.error).toBeUndefined();
		expect(apiCalls(sandbox(), UPDATE).map((call) => {
			const body = call.body as { composite_ids: string[]; action_parameters: Array<{ value: string }> };
			return [body.composite_ids.length, body.action_parameters[0].value];
		}).sort()).toEqual([
			[1000, 'closed'],
			[200, 'closed'],
			[300, 'in_progress'],
		]);
	});

	it('names the alerts the API refused; the others are updated', async () => {
		const [known] = alertsNow();
		const unknown = `${known.doc.cid}:ind:${'0'.repeat(32)}:nope`;
		const result = await run({ operation: 'update', compositeIds: `${known.doc.composite_id},${unknown}`, updateFields: { status: 'closed' } }, { continueOnFail: true });
		expect(json(result)).toEqual([
			expect.objectContaining({ error: `Could not update 1 of 2 alerts: ${unknown} (Alert with composite id '${unknown}' not found)`, description: expect.stringContaining('Updated the other 1.') }),
		]);
		expect(known.doc.status).toBe('closed');
	});

	it('an update that appends a comment is not sent twice when its answer is lost: its outcome is said to be unknown', async () => {
		const [entry] = alertsNow();
		sandbox().config.faults = { ...sandbox().config.faults, rateMalformed: 1, paths: [UPDATE] };
		try {
			const result = await run({ operation: 'update', compositeIds: entry.doc.composite_id, updateFields: { comment: 'once' } }, { continueOnFail: true });
			expect(json(result)[0].error).toMatch(/^Unknown outcome for the update of alert .*: the write was not confirmed and may or may not have been applied/);
		} finally {
			sandbox().config.faults = { ...sandbox().config.faults, rateMalformed: 0, paths: undefined };
		}
		expect(apiCalls(sandbox(), UPDATE)).toHaveLength(1);
		expect(entry.comments).toHaveLength(1);
	});

	it('no change, or a bad assignee, fails before any request', async () => {
		const [entry] = alertsNow();
		const none = await run({ operation: 'update', compositeIds: entry.doc.composite_id, updateFields: {} });
		expect(none.error?.message).toBe('Invalid "Update Fields" in item 0: choose at least one change (status, assignee, comment or tags)');
		const uuid = await run({ operation: 'update', compositeIds: entry.doc.composite_id, updateFields: { assignToUuid: 'bob' } });
		expect(uuid.error?.message).toMatch(/^Invalid "Assign to User UUID" in item 0/);
		expect(apiCalls(sandbox())).toEqual([]);
	});
});

describe('Alert → Get Aggregates', () => {
	it('sends the queries as one list and returns the buckets', async () => {
		const result = await run({ operation: 'getAggregates', aggregationType: 'terms', field: 'severity_name', aggregateOptions: { size: 10 } });
		expect(result.error).toBeUndefined();
		const [call] = apiCalls(sandbox(), '/alerts/aggregates/alerts/v2');
		expect(call.body).toEqual([{ name: 'severity_name', size: 10, type: 'terms', field: 'severity_name' }]);
		const [buckets] = json(result);
		const total = (buckets.buckets as Array<{ count: number }>).reduce((sum, bucket) => sum + bucket.count, 0);
		expect(total).toBe(alertsNow().length);
	});
});
