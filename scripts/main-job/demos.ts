import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { CredentialStore, WorkflowRunResult } from '../../test/harness';
import { runAlertResponse, summarizeAlertResponse } from './alert-response';
import { shorten, table } from './table';
import type { Target } from './target';
import { EXAMPLES_DIR, type WorkflowFile } from './workflow-file';

export interface Demo {
	file: string;
	title: string;
	/** Lines that tell a reader what the run did. */
	summarize(run: WorkflowRunResult, startedAt: Date, writes: boolean): string;
	/** How a trigger-driven workflow is run (its polls first); without it the workflow runs as exported. */
	start?(target: Target, credentials: CredentialStore, workflow: WorkflowFile): Promise<{ run: WorkflowRunResult } | { skipped: string }>;
}

const itemsOf = (run: WorkflowRunResult, node: string): IDataObject[] => (run.nodes[node]?.items ?? []).map((item) => item.json);

const alertTriage: Demo = {
	file: 'alert-ioc-triage.json',
	title: 'Alert IOC triage: count the hosts that saw each indicator, then create detect indicators for it',
	summarize(run, startedAt, writes) {
		const counts = itemsOf(run, 'Count Devices That Saw It');
		const created = itemsOf(run, 'Create Detect Indicator');
		const rows = counts.map((count, index) => {
			const indicator = writes ? created[index] ?? {} : {};
			const status = !writes
				? 'skipped (read-only)'
				: indicator.error
					? `failed: ${String(indicator.error)}`
					: new Date(String(indicator.created_on)).getTime() >= startedAt.getTime() - 5000
						? 'created now'
						: 'already existed';
			return [
				String(count.type),
				shorten(count.value, 30),
				String(count.device_count ?? ''),
				shorten(indicator.id ?? '', 14),
				String(indicator.action ?? ''),
				status,
			];
		});
		return table(['Type', 'Value', 'Hosts', 'Indicator', 'Action', 'Status'], rows);
	},
};

const hashTriage: Demo = {
	file: 'alert-hash-triage.json',
	title: 'Alert hash triage: Quick Scan each file, block malware and delete its quarantined copies, release the rest',
	summarize(run, _startedAt, writes) {
		const scans = itemsOf(run, 'Scan File');
		const deleted = itemsOf(run, 'Delete Quarantined Copies');
		const released = itemsOf(run, 'Release Quarantined Copies');
		const rows = scans.map((scan) => {
			const sha = String(scan.sha256 ?? '');
			const outcome = (list: IDataObject[], verb: string) => {
				const hit = list.find((item) => String(item.filter ?? '').includes(sha));
				return hit ? (hit.error ? `${verb} failed: ${String(hit.error)}` : `${verb} ${String(hit.affected)} quarantined cop${hit.affected === 1 ? 'y' : 'ies'}`) : '';
			};
			const action = !writes ? 'skipped (read-only)' : outcome(deleted, 'blocked hash, deleted') || outcome(released, 'released');
			return [shorten(scan.fileName, 26), shorten(sha, 18), String(scan.verdict ?? scan.error ?? ''), action];
		});
		return table(['File', 'SHA256', 'Verdict', 'Action'], rows);
	},
};

const orionImport: Demo = {
	file: 'orion-ioc-import.json',
	title: 'Cytomic Orion: import IOCs from a feed and check that each is active',
	summarize(run) {
		const imported = itemsOf(run, 'Import C2 IPs');
		const active = new Set(itemsOf(run, 'Active').map((item) => String(item.value)));
		const rows = imported.map((item) => [
			String(item.iocType ?? ''),
			String(item.value ?? ''),
			item.success === true ? 'imported' : `failed: ${String(item.message ?? item.error ?? '')}`,
			active.has(String(item.value)) ? 'active' : 'missing or inactive',
		]);
		return table(['Type', 'Value', 'Import', 'On Orion'], rows);
	},
};

const feedSync: Demo = {
	file: 'feed-sync.json',
	title: 'Scheduled feed sync: make the indicators of one source equal to a threat feed (create, update, remove what it dropped)',
	summarize(run, _startedAt, writes) {
		const synced = itemsOf(run, 'Sync Indicators');
		const summary = synced.find((item) => item.result === 'summary') ?? {};
		const rows = synced
			.filter((item) => item !== summary)
			.map((item) => [
				String(item.type ?? ''),
				shorten(item.value, 30),
				String((item.indicator as IDataObject | undefined)?.action ?? ''),
				item.error ? `failed: ${String(item.error)}` : `${String(item.result)}${item.note ? ' (repeated line, merged)' : ''}`,
			]);
		const requests = (summary.requests ?? {}) as IDataObject;
		const counts = writes
			? `created ${String(summary.created)}, updated ${String(summary.updated)}, unchanged ${String(summary.unchanged)}, failed ${String(summary.failed)}, removed ${String(summary.removed ?? summary.expired)}`
			: `Dry Run (read-only): would create ${String(summary.toCreate)}, update ${String(summary.toUpdate)}, remove ${String(summary.toRemove)}`;
		const sent = Object.entries(requests)
			.filter(([kind]) => kind !== 'total')
			.map(([kind, count]) => `${String(count)} ${kind}`)
			.join(', ');
		return `${table(['Type', 'Value', 'Action', 'Result'], rows)}\nSource "${String(summary.source)}": ${counts}; requests: ${sent}`;
	},
};

const alertToContainment: Demo = {
	file: 'alert-to-containment.json',
	title: 'Alert to containment: a new high alert → block its hash → delete its quarantined copies → contain the host → update the alert',
	summarize: (run) => summarizeAlertResponse(run),
	start: runAlertResponse,
};

/** Every demo whose workflow is in examples/, in the order they tell the story. */
export function availableDemos(extra: Demo[] = []): Demo[] {
	return [alertTriage, hashTriage, alertToContainment, feedSync, orionImport, ...extra].filter((demo) => existsSync(join(EXAMPLES_DIR, demo.file)));
}
