import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { MentionIndex } from '../../../common/mentions';
import { apiError } from '../../../common/transport';
import { launchScans, quotaOf, type LaunchScanResource } from '../../api/quick-scan-pro';
import type { FalconClient } from '../../transport';

export interface Launched {
	/** The scan ID of each file launched, by SHA256 (lower case). */
	scanIds: Map<string, string>;
	quota?: IDataObject;
	/** The error of a file CrowdStrike answered no scan for, in its words where it gave any. */
	notLaunched(sha256: string): NodeApiError;
}

/** LaunchScan for the files (one scan each), read back by SHA256 (quickscanpro.LaunchScanResource). */
export async function launchFor(ctx: IExecuteFunctions, client: FalconClient, resources: LaunchScanResource[]): Promise<Launched> {
	const answer = await launchScans(client, resources);
	const scanIds = new Map<string, string>();
	for (const resource of answer.resources ?? []) {
		if (typeof resource.id === 'string' && resource.id !== '') scanIds.set(String(resource.sha256).toLowerCase(), resource.id);
	}
	const errors = new MentionIndex(answer.errors ?? []);
	return {
		scanIds,
		quota: quotaOf(answer.meta),
		notLaunched: (sha256) => {
			const said = errors.messagesAbout([sha256]);
			return apiError(ctx.getNode(), {
				message: `CrowdStrike launched no scan for ${sha256}${said.length > 0 ? `: ${said.join('; ')}` : ''}`,
				vendor: 'CrowdStrike',
				traceId: answer.meta.trace_id,
			});
		},
	};
}

/** The items' files as LaunchScan takes them: each SHA256 once, with its archive password when there is one. */
export function launchResources(files: Array<{ sha256: string; password: string }>): LaunchScanResource[] {
	const bySha = new Map<string, LaunchScanResource>();
	for (const { sha256, password } of files) if (!bySha.has(sha256)) bySha.set(sha256, { sha256, ...(password ? { password } : {}) });
	return [...bySha.values()];
}
