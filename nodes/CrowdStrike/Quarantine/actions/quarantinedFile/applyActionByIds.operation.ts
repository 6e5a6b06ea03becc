import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties, type JsonObject } from 'n8n-workflow';

import { chunk } from '../../../../common/concurrency';
import { runBatched, type ItemOutcome } from '../../../../common/items';
import { idsProperty } from '../../../shared/descriptions';
import { readIds } from '../../../shared/ids-input';
import { falconClient, type FalconEnvelope } from '../../../transport';
import { ENTITIES_PATH, IDS_PER_REQUEST, actionProperty, commentProperty, quarantineIdSchema, readAction, readBatchSize, type QuarantineAction } from './fields';

const show = { resource: ['quarantinedFile'], operation: ['applyActionByIds'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Quarantine'),
		placeholder: '<device id>_<sha256>, …',
		description: 'Quarantine IDs (<32 hex device ID>_<64 hex SHA256>), separated by commas, or an expression that returns an array. IDs of all items are sent together, in batches.',
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
				const answer = await client.request<string | IDataObject>({
					method: 'PATCH',
					path: ENTITIES_PATH,
					body: { action, ...(comment ? { comment } : {}), ids },
					// Applying the same action twice leaves the file as once: safe to send again.
					idempotent: true,
					acceptStatus: [400, 404],
				});
				traceId ??= answer.meta.trace_id;
				collect(answer, applied, refused);
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
				const error = new NodeApiError(node, { message } as JsonObject, {
					message,
					description: `${done > 0 ? `Applied to the other ${done}. ` : ''}${traceId ? `CrowdStrike trace id: ${traceId}` : ''}`.trim() || undefined,
					httpCode: failed.every((id) => !refused.has(id) || /not found/i.test(refused.get(id) ?? '')) ? '404' : '400',
				});
				error.context.traceId = traceId;
				outcomes.set(index, error);
			}
			return outcomes;
		},
	});
}

/** The IDs the API applied the action to, and its reason for each one it did not. */
function collect(answer: FalconEnvelope<string | IDataObject>, applied: Set<string>, refused: Map<string, string>) {
	for (const resource of answer.resources ?? []) {
		const id = typeof resource === 'string' ? resource : String(resource.id ?? '');
		if (id) applied.add(id.toLowerCase());
	}
	for (const entry of answer.errors ?? []) {
		const message = String(entry.message ?? '');
		const id = String(entry.id ?? /[a-f0-9]{32}_[a-f0-9]{64}/i.exec(message)?.[0] ?? '').toLowerCase();
		if (id && !applied.has(id)) refused.set(id, message || 'refused');
	}
}
