import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../../common/concurrency';
import { runBatched, type ItemOutcome } from '../../../../common/items';
import { apiError } from '../../../../common/transport';
import { updateQuarantinedByIds } from '../../../api/quarantine';
import { idsProperty } from '../../../shared/descriptions';
import { readIds } from '../../../shared/ids-input';
import { falconClient, type FalconEnvelope } from '../../../transport';
import { IDS_PER_REQUEST, actionProperty, commentProperty, quarantineIdSchema, readAction, readBatchSize, type QuarantineAction } from './fields';
import { LIST_FORMATS, separatedBy } from '../../../../common/values';

const show = { resource: ['quarantinedFile'], operation: ['applyActionByIds'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Quarantine'),
		placeholder: '<device id>_<sha256>, …',
		description: `Quarantine IDs (<32 hex device ID>_<64 hex SHA256>), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array. IDs of all items are sent together, in batches.`,
	},
	actionProperty({ show }),
	commentProperty({ show }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: IDS_PER_REQUEST },
				default: IDS_PER_REQUEST,
				description: 'How many IDs one request changes',
			},
		],
	},
];

interface ActionInput {
	ids: string[];
	action: QuarantineAction;
	comment: string;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	const idsPerRequest = readBatchSize(node, (this.getNodeParameter('options', 0, {}) as IDataObject).batchSize);
	return await runBatched(this, items, {
		parse: (index): ActionInput => ({ ids: readIds(this, index, quarantineIdSchema, 'Quarantine IDs'), ...readAction(this, index) }),
		groupBy: (input) => JSON.stringify([input.action, input.comment]),
		batchSize: Math.max(1, items.length),
		concurrency: 1,
		run: async (batch) => {
			const { action, comment } = batch[0].input;
			const applied = new Set<string>();
			const refused = new Map<string, string>();
			let traceId: string | undefined;
			for (const ids of chunk([...new Set(batch.flatMap((item) => item.input.ids))], idsPerRequest)) {
				const answer = await updateQuarantinedByIds(client, { action, ...(comment ? { comment } : {}), ids });
				traceId ??= answer.meta.trace_id;
				collect(answer, ids, applied, refused);
			}
			const outcomes = new Map<number, ItemOutcome>();
			for (const { index, input } of batch) {
				const failed = input.ids.filter((id) => !applied.has(id));
				if (failed.length === 0) {
					outcomes.set(index, input.ids.map((id) => ({ json: { id, action, applied: true, ...(comment ? { comment } : {}) } })));
					continue;
				}
				const reasons = failed.map((id) => `${id} (${refused.get(id) ?? 'not found'})`).join('; ');
				const done = input.ids.length - failed.length;
				const message = `Could not ${action} ${failed.length} of ${input.ids.length} quarantined files: ${reasons}`;
				const error = apiError(node, {
					message,
					statusCode: failed.every((id) => /not found/i.test(refused.get(id) ?? '')) ? 404 : 400,
					vendor: 'CrowdStrike',
					traceId,
					hint: done > 0 ? `Applied to the other ${done}.` : undefined,
				});
				outcomes.set(index, error);
			}
			return outcomes;
		},
	});
}

const QUARANTINE_ID = /[a-f0-9]{32}_[a-f0-9]{64}/gi;

/**
 * Which IDs of one request the API applied the action to, and its reason for each it did not. The
 * spec's answer is msa.ReplyMetaOnly: no resources, the refused files named in `errors` (by `id`, or
 * in the message). An error that names no file, on a failed answer, refuses every ID of the request.
 * Resources, when an answer has them, count as applied too.
 */
function collect(answer: FalconEnvelope, ids: string[], applied: Set<string>, refused: Map<string, string>) {
	const requested = new Set(ids);
	const failedAnswer = (answer.status ?? 200) >= 400;
	let refusedAll: string | undefined;
	for (const entry of answer.errors ?? []) {
		const message = String(entry.message ?? 'refused');
		const named = [...new Set([String(entry.id ?? ''), ...(message.match(QUARANTINE_ID) ?? [])].map((id) => id.toLowerCase()))].filter((id) => requested.has(id));
		for (const id of named) refused.set(id, message);
		if (named.length === 0 && failedAnswer) refusedAll ??= message;
	}
	for (const resource of (answer.resources ?? []) as Array<string | IDataObject>) {
		const id = String(typeof resource === 'string' ? resource : (resource?.id ?? '')).toLowerCase();
		if (requested.has(id)) refused.delete(id);
	}
	for (const id of ids) {
		if (refused.has(id)) continue;
		if (refusedAll !== undefined) refused.set(id, refusedAll);
		else applied.add(id);
	}
}
