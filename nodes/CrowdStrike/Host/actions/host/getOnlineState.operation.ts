import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../../common/concurrency';
import { runBatched } from '../../../../common/items';
import { MentionIndex } from '../../../../common/mentions';
import { apiError } from '../../../../common/transport';
import { ONLINE_STATE_IDS_PER_REQUEST, getOnlineStates } from '../../../api/hosts';
import { FalconClient, falconClient, type FalconApiErrorEntry } from '../../../transport';
import { hostInputProperties, hostLabel, outcomesFrom, readHostTargets, resolveHosts } from '../hostInput';

const show = { resource: ['host'], operation: ['getOnlineState'] };

export const description: INodeProperties[] = [...hostInputProperties({ show }, 'check')];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runBatched(this, items, {
		parse: (index) => readHostTargets(this, index),
		batchSize: ONLINE_STATE_IDS_PER_REQUEST,
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const resolved = await resolveHosts(client, node, batch);
			const ids = [...new Set([...resolved.targets.values()].flatMap((targets) => (targets instanceof Error ? [] : targets)))];
			const states = new Map<string, IDataObject>();
			const errors: FalconApiErrorEntry[] = [];
			let traceId: string | undefined;
			for (const part of chunk(ids, ONLINE_STATE_IDS_PER_REQUEST)) {
				const answer = await getOnlineStates(client, part);
				traceId ??= answer.meta.trace_id;
				errors.push(...(answer.errors ?? []));
				for (const state of answer.resources ?? []) states.set(String(state.id).toLowerCase(), state);
			}
			const mentions = new MentionIndex(errors, ids);
			// state.OnlineStateResultV1 `{id, state: online | offline | unknown, last_seen}` per host.
			return outcomesFrom(batch, resolved, (hostIds) => {
				const missing = hostIds.filter((id) => !states.has(id));
				if (missing.length > 0) {
					const apiSays = mentions.about(missing);
					return apiError(node, {
						message: `CrowdStrike gave no online state for ${missing.map((id) => hostLabel(id, resolved.records.get(id))).join(', ')}${apiSays.length > 0 ? ` (${FalconClient.messagesOf({ errors: apiSays })})` : ''}`,
						vendor: 'CrowdStrike',
						traceId,
					});
				}
				return hostIds.map((id) => {
					const state = states.get(id) as IDataObject;
					return { json: { device_id: id, hostname: resolved.records.get(id)?.hostname ?? null, state: state.state ?? null, last_seen: state.last_seen ?? null } };
				});
			});
		},
	});
}
