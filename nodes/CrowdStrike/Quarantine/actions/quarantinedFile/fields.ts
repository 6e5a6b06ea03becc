import type { IDataObject, IDisplayOptions, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { validateField } from '../../../../common/validation';
import { text } from '../../../../common/values';
import { QUARANTINE_IDS_PER_REQUEST, actionUpdateCount, getAllQuarantinedFiles, getQuarantinedFiles, type AggregateResult } from '../../../api/quarantine';
import type { FalconClient, FalconEnvelope } from '../../../transport';

export const IDS_PER_REQUEST = QUARANTINE_IDS_PER_REQUEST;

export { QUARANTINE_FQL_FIELDS } from '../../../shared/quarantine';

export const ACTIONS = ['release', 'unrelease', 'delete'] as const;
export type QuarantineAction = (typeof ACTIONS)[number];

export const quarantineIdSchema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-f0-9]{32}_[a-f0-9]{64}$/, 'a quarantine ID is <32 hexadecimal characters>_<64 hexadecimal characters> (device ID and SHA256)');

export const actionSchema = z.enum(ACTIONS, { errorMap: () => ({ message: `must be one of ${ACTIONS.join(', ')}` }) });

export function actionProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Action',
		name: 'fileAction',
		type: 'options',
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete the quarantined files from the hosts for good' },
			{ name: 'Release', value: 'release', description: 'Restore the files to where they were quarantined from' },
			{ name: 'Unrelease', value: 'unrelease', description: 'Quarantine released files again' },
		],
		default: 'release',
		required: true,
		displayOptions,
	};
}

export function commentProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Comment',
		name: 'comment',
		type: 'string',
		default: '',
		description: 'An audit comment stored with the action',
		displayOptions,
	};
}

export function searchProperty(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Search',
		name: 'q',
		type: 'string',
		default: '',
		placeholder: 'invoice_0421',
		description: 'Match phrase prefix across sha256, state, paths.path, paths.state, hostname and username (the API\'s q)',
		displayOptions,
	};
}

export function readAction(ctx: IExecuteFunctions, index: number): { action: QuarantineAction; comment: string } {
	const node = ctx.getNode();
	return {
		action: validateField(node, actionSchema, ctx.getNodeParameter('fileAction', index), index, 'Action'),
		comment: validateField(node, text(1024), ctx.getNodeParameter('comment', index, ''), index, 'Comment').trim(),
	};
}

const batchSizeSchema = z
	.number({ invalid_type_error: 'must be a number' })
	.int('must be a whole number')
	.min(1, 'must be at least 1')
	.max(IDS_PER_REQUEST, `must be at most ${IDS_PER_REQUEST}`);

/**
 * Options → Batch Size of Apply Action by IDs (read from the first item: every request shares it).
 * Not set gives the API's largest; anything but a whole number in range fails before a request.
 */
export function readBatchSize(node: INode, value: unknown): number {
	if (value === undefined || value === null || value === '') return IDS_PER_REQUEST;
	const parsed = typeof value === 'string' ? (value.trim() === '' ? Number.NaN : Number(value)) : value;
	return validateField(node, batchSizeSchema, parsed, 0, 'Batch Size');
}

export function readSearch(ctx: IExecuteFunctions, index: number): string {
	return validateField(ctx.getNode(), text(1000), ctx.getNodeParameter('q', index, ''), index, 'Search').trim();
}

/** GetQuarantineFiles: the records of the IDs, in requests of at most 500 IDs in the JSON body. */
export async function fetchFiles(client: FalconClient, ids: string[]): Promise<FalconEnvelope> {
	return await getQuarantinedFiles(client, ids);
}

export const fetchAllFiles = getAllQuarantinedFiles;

function actionNamed(value: unknown): QuarantineAction | undefined {
	const name = typeof value === 'string' ? value : (value as IDataObject | null)?.name ?? (value as IDataObject | null)?.action;
	return typeof name === 'string' && (ACTIONS as readonly string[]).includes(name.toLowerCase()) ? (name.toLowerCase() as QuarantineAction) : undefined;
}

function countOf(value: unknown): number | undefined {
	const count = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}

/**
 * The counts an ActionUpdateCount answer holds, by action. The spec's answer is
 * msa.AggregatesResponse: results named by action whose buckets carry the count, or one result
 * whose buckets are labelled by action. A `{name, count}` list (our earlier reading of the docs) is
 * read too. An action whose count cannot be read is absent: a guard then refuses, it never proceeds.
 */
export function readActionCounts(resources: AggregateResult[]): Partial<Record<QuarantineAction, number>> {
	const counts: Partial<Record<QuarantineAction, number>> = {};
	const add = (action: QuarantineAction | undefined, count: number | undefined) => {
		if (action !== undefined && count !== undefined) counts[action] = (counts[action] ?? 0) + count;
	};
	for (const result of resources) {
		if (result === null || typeof result !== 'object') continue;
		const named = actionNamed(result.name);
		if (Array.isArray(result.buckets)) {
			if (named !== undefined && result.buckets.length === 0) counts[named] ??= 0;
			for (const bucket of result.buckets) add(actionNamed(bucket?.label) ?? named, countOf(bucket?.count));
		} else add(named, countOf(result.count));
	}
	return counts;
}

/** ActionUpdateCount: how many files each action would change for a filter (a missing action: unreadable). */
export async function actionCounts(client: FalconClient, filter: string): Promise<{ counts: Partial<Record<QuarantineAction, number>>; traceId?: string }> {
	const answer = await actionUpdateCount(client, filter);
	return { counts: readActionCounts(answer.resources ?? []), traceId: answer.meta.trace_id };
}
