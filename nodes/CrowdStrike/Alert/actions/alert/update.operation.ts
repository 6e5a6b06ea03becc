import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { chunk } from '../../../../common/concurrency';
import { runBatched, type ItemOutcome } from '../../../../common/items';
import { apiError, unknownOutcomeError } from '../../../../common/transport';
import { invalidField, validateField, validateList } from '../../../../common/validation';
import { LIST_FORMATS, separatedBy, text } from '../../../../common/values';
import { ALERT_IDS_PER_REQUEST, updateAlerts, type AlertActionParameter } from '../../../api/alerts';
import { ALERT_STATUSES, alertStatusOptions } from '../../../shared/alerts';
import { idsProperty } from '../../../shared/descriptions';
import { readIds } from '../../../shared/ids-input';
import { falconClient, type FalconEnvelope } from '../../../transport';
import { compositeIdSchema, includeHiddenOption } from './fields';

const show = { resource: ['alert'], operation: ['update'] };

export const description: INodeProperties[] = [
	{
		...idsProperty({ show }, 'Composite Alert', 'compositeIds'),
		placeholder: '<cid>:ind:<device id>:<detection id>, …',
		description: `Composite alert IDs (composite_id), ${separatedBy(LIST_FORMATS.tokens)}, or an expression that returns an array. Alerts of all items with the same changes are updated together, 1000 per request.`,
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{ displayName: 'Add Tags', name: 'addTags', type: 'string', typeOptions: { rows: 2 }, default: '', placeholder: 'n8n, contained', description: `Tags to add, ${separatedBy(LIST_FORMATS.phrases)}` },
			{
				displayName: 'Assign to User ID',
				name: 'assignToUserId',
				type: 'string',
				default: '',
				placeholder: 'analyst@example.com',
				description: 'The Falcon user ID (their email address) to assign the alerts to',
			},
			{ displayName: 'Assign to User Name', name: 'assignToName', type: 'string', default: '', placeholder: 'Jane Doe', description: 'The Falcon user name to assign the alerts to' },
			{
				displayName: 'Assign to User UUID',
				name: 'assignToUuid',
				type: 'string',
				default: '',
				placeholder: '00000000-0000-0000-0000-000000000000',
				description: 'The Falcon user UUID to assign the alerts to',
			},
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'A comment appended to the alerts\' comments (shown with the alert in Falcon)',
			},
			{ displayName: 'Remove Tags', name: 'removeTags', type: 'string', typeOptions: { rows: 2 }, default: '', description: `Tags to remove, ${separatedBy(LIST_FORMATS.phrases)} (removed before any are added)` },
			{ displayName: 'Remove Tags by Prefix', name: 'removeTagsByPrefix', type: 'string', default: '', placeholder: 'triage/', description: 'Removes every tag starting with this text' },
			{ displayName: 'Status', name: 'status', type: 'options', default: 'in_progress', options: alertStatusOptions },
			{ displayName: 'Unassign', name: 'unassign', type: 'boolean', default: false, description: 'Whether to clear the assigned user' },
		],
	},
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, displayOptions: { show }, options: [includeHiddenOption()] },
];

interface UpdateInput {
	ids: string[];
	parameters: AlertActionParameter[];
}

const tagSchema = text(255).transform((value) => value.trim());
const uuidSchema = z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a user UUID looks like 00000000-0000-0000-0000-000000000000');
const statusSchema = z.enum(ALERT_STATUSES, { errorMap: () => ({ message: `must be one of ${ALERT_STATUSES.join(', ')}` }) });

/** The Update Fields as UpdateV3's action_parameters, one `{name, value}` per change (one per tag). */
function actionParameters(node: INode, index: number, fields: IDataObject): AlertActionParameter[] {
	const value = (name: string, label: string, max = 2000) => validateField(node, text(max), fields[name] ?? '', index, label).trim();
	const tags = (name: string, label: string) => validateList(node, tagSchema, fields[name] ?? '', index, label, LIST_FORMATS.phrases);
	const parameters: AlertActionParameter[] = [];
	// A Status the user added must be one: an expression giving '' is not "leave it".
	if (fields.status !== undefined) parameters.push({ name: 'update_status', value: validateField(node, statusSchema, fields.status, index, 'Status') });
	if (fields.unassign === true) parameters.push({ name: 'unassign', value: '' });
	if (value('assignToName', 'Assign to User Name')) parameters.push({ name: 'assign_to_name', value: value('assignToName', 'Assign to User Name') });
	if (value('assignToUserId', 'Assign to User ID')) parameters.push({ name: 'assign_to_user_id', value: value('assignToUserId', 'Assign to User ID') });
	if (value('assignToUuid', 'Assign to User UUID')) parameters.push({ name: 'assign_to_uuid', value: validateField(node, uuidSchema, fields.assignToUuid, index, 'Assign to User UUID') });
	if (value('comment', 'Comment', 10_000)) parameters.push({ name: 'append_comment', value: value('comment', 'Comment', 10_000) });
	for (const tag of tags('removeTags', 'Remove Tags')) parameters.push({ name: 'remove_tag', value: tag });
	if (value('removeTagsByPrefix', 'Remove Tags by Prefix')) parameters.push({ name: 'remove_tags_by_prefix', value: value('removeTagsByPrefix', 'Remove Tags by Prefix') });
	for (const tag of tags('addTags', 'Add Tags')) parameters.push({ name: 'add_tag', value: tag });
	if (parameters.length === 0) invalidField(node, index, 'Update Fields', 'choose at least one change (status, assignee, comment or tags)');
	if (fields.unassign === true && parameters.some((parameter) => parameter.name.startsWith('assign_to_'))) {
		invalidField(node, index, 'Unassign', 'unassign, or assign to a user, not both');
	}
	return parameters;
}

/** What an updated alert's output item says changed. */
function changes(parameters: AlertActionParameter[]): IDataObject {
	const out: IDataObject = {};
	for (const { name, value } of parameters) {
		if (name === 'update_status') out.status = value;
		else if (name === 'append_comment') out.comment = value;
		else if (name === 'unassign') out.unassigned = true;
		else if (name === 'add_tag' || name === 'remove_tag') {
			const key = name === 'add_tag' ? 'tags_added' : 'tags_removed';
			out[key] = [...((out[key] as string[] | undefined) ?? []), value];
		} else out[name] = value;
	}
	return out;
}

const COMPOSITE_ID = /[a-f0-9]{32}:[a-z0-9_-]+:[\w:.-]+/gi;

/**
 * Which alerts of one request the API refused (detectsapi.ResponseFields: meta and errors only),
 * by `id` or named in the message; an error naming none on a failed answer refuses them all.
 */
function refusedIn(answer: FalconEnvelope, ids: string[], refused: Map<string, string>) {
	const requested = new Map(ids.map((id) => [id.toLowerCase(), id]));
	const failed = (answer.status ?? 200) >= 400;
	let all: string | undefined;
	for (const entry of answer.errors ?? []) {
		const message = String(entry.message ?? 'refused');
		const named = [String(entry.id ?? ''), ...(message.match(COMPOSITE_ID) ?? [])].map((id) => requested.get(id.toLowerCase())).filter((id): id is string => id !== undefined);
		for (const id of named) refused.set(id, message);
		if (named.length === 0 && failed) all ??= message;
	}
	if (all !== undefined) for (const id of ids) if (!refused.has(id)) refused.set(id, all);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	const includeHidden = (this.getNodeParameter('options', 0, {}) as IDataObject).includeHidden !== false;
	return await runBatched<UpdateInput>(this, items, {
		parse: (index) => ({
			ids: readIds(this, index, compositeIdSchema, 'Composite Alert IDs', 'compositeIds'),
			parameters: actionParameters(node, index, this.getNodeParameter('updateFields', index, {}) as IDataObject),
		}),
		// Items asking for the same changes share requests.
		groupBy: (input) => JSON.stringify(input.parameters),
		batchSize: Math.max(1, items.length),
		concurrency: client.policy.concurrency,
		run: async (batch) => {
			const { parameters } = batch[0].input;
			const refused = new Map<string, string>();
			const unknown = new Map<string, Error>();
			let traceId: string | undefined;
			let status: number | undefined;
			for (const ids of chunk([...new Set(batch.flatMap((item) => item.input.ids))], ALERT_IDS_PER_REQUEST)) {
				const answer = await updateAlerts(client, ids, parameters, includeHidden);
				if ('unconfirmed' in answer) {
					for (const id of ids) unknown.set(id, answer.unconfirmed);
					continue;
				}
				traceId ??= answer.envelope.meta.trace_id;
				if ((answer.envelope.status ?? 200) >= 400) status = answer.envelope.status;
				refusedIn(answer.envelope, ids, refused);
			}
			const outcomes = new Map<number, ItemOutcome>();
			for (const { index, input } of batch) {
				const lost = input.ids.find((id) => unknown.has(id));
				if (lost !== undefined) {
					outcomes.set(index, unknownOutcomeError(node, `the update of alert${input.ids.length === 1 ? '' : 's'} ${input.ids.join(', ')}`, unknown.get(lost)));
					continue;
				}
				const failed = input.ids.filter((id) => refused.has(id));
				if (failed.length === 0) {
					outcomes.set(index, input.ids.map((id) => ({ json: { composite_id: id, updated: true, ...changes(parameters) } })));
					continue;
				}
				const done = input.ids.length - failed.length;
				outcomes.set(
					index,
					apiError(node, {
						message: `Could not update ${failed.length} of ${input.ids.length} alert${input.ids.length === 1 ? '' : 's'}: ${failed.map((id) => `${id} (${refused.get(id)})`).join('; ')}`,
						statusCode: status ?? (failed.every((id) => /not found/i.test(refused.get(id) ?? '')) ? 404 : 400),
						vendor: 'CrowdStrike',
						traceId,
						hint: done > 0 ? `Updated the other ${done}.` : undefined,
					}),
				);
			}
			return outcomes;
		},
	});
}
