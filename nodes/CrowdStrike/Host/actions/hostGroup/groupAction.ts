/** Adding hosts to a static host group, or removing them: the hosts of many items in few requests. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../../common/concurrency';
import { runBatched, type ItemOutcome } from '../../../../common/items';
import { apiError } from '../../../../common/transport';
import { GROUP_ACTION_HOSTS_PER_REQUEST, performGroupAction, type HostGroupAction } from '../../../api/host-group';
import { FalconClient, falconClient } from '../../../transport';
import { hostInputProperties, outcomesFrom, readHostTargets, resolveHosts, type HostTargets } from '../hostInput';
import { hostGroupProperty, readHostGroupId } from './hostGroupInput';

export interface GroupActionSpec {
	operation: string;
	action: HostGroupAction;
	/** "add" / "remove" */
	verb: string;
	/** "to" / "from" */
	preposition: string;
}

export function groupActionOperation(spec: GroupActionSpec) {
	const show = { resource: ['hostGroup'], operation: [spec.operation] };
	const description: INodeProperties[] = [hostGroupProperty({ show }), ...hostInputProperties({ show }, spec.verb)];

	async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const client = falconClient(this);
		const node = this.getNode();
		return await runBatched<HostTargets & { groupId: string }>(this, items, {
			parse: (index) => ({ groupId: readHostGroupId(this, index), ...readHostTargets(this, index) }),
			// The items of one group go together; the filter of a request names at most 500 hosts.
			groupBy: (input) => input.groupId,
			batchSize: Math.max(1, items.length),
			concurrency: 1,
			run: async (batch) => {
				const { groupId } = batch[0].input;
				const resolved = await resolveHosts(client, node, batch);
				const ids = [...new Set([...resolved.targets.values()].flatMap((targets) => (targets instanceof Error ? [] : targets)))];
				let group: IDataObject | undefined;
				let failure: Error | undefined;
				for (const part of chunk(ids, GROUP_ACTION_HOSTS_PER_REQUEST)) {
					const answer = await performGroupAction(client, spec.action, groupId, part);
					if ((answer.status ?? 200) >= 400) {
						failure = apiError(node, {
							message: `Could not ${spec.verb} hosts ${spec.preposition} the host group ${groupId}: ${FalconClient.messagesOf(answer) || `HTTP ${answer.status}`}`,
							statusCode: answer.status,
							vendor: 'CrowdStrike',
							traceId: answer.meta.trace_id,
							hint: part.length < ids.length ? 'Requests before this one were applied.' : undefined,
						});
						break;
					}
					group ??= (answer.resources ?? []).find((record) => String(record.id).toLowerCase() === groupId);
				}
				return outcomesFrom(batch, resolved, (hostIds): ItemOutcome =>
					failure
						? failure
						: hostIds.map((id) => ({
								json: {
									device_id: id,
									hostname: resolved.records.get(id)?.hostname ?? null,
									host_group_id: groupId,
									host_group_name: group?.name ?? null,
									action: spec.action,
								},
							})),
				);
			},
		});
	}

	return { description, execute };
}
