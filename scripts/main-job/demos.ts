import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import type { WorkflowRunResult } from '../../test/harness';
import { shorten, table } from './table';
import { EXAMPLES_DIR } from './workflow-file';

export interface Demo {
	file: string;
	title: string;
	/** Lines that tell a reader what the run did. */
	summarize(run: WorkflowRunResult, startedAt: Date, writes: boolean): string;
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

/** Every demo whose workflow is in examples/, in the order they tell the story. */
export function availableDemos(extra: Demo[] = []): Demo[] {
	return [alertTriage, ...extra].filter((demo) => existsSync(join(EXAMPLES_DIR, demo.file)));
}
