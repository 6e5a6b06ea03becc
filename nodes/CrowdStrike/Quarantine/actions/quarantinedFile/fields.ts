import type { IDataObject, IDisplayOptions, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { chunk } from '../../../../common/concurrency';
import { validateField } from '../../../../common/validation';
import { text } from '../../../../common/values';
import type { FalconClient, FalconEnvelope } from '../../../transport';

export const QUERY_PATH = '/quarantine/queries/quarantined-files/v1';
export const ENTITIES_PATH = '/quarantine/entities/quarantined-files/v1';
export const GET_PATH = '/quarantine/entities/quarantined-files/GET/v1';
export const ACTION_COUNT_PATH = '/quarantine/aggregates/action-update-count/v1';
export const AGGREGATE_PATH = '/quarantine/aggregates/quarantined-files/GET/v1';

/** IDs per GetQuarantineFiles / UpdateQuarantinedDetectsByIds request (PSFalcon batches at 500). */
export const IDS_PER_REQUEST = 500;

export const QUARANTINE_FQL_FIELDS = 'sha256, state, hostname, username, date_created, date_updated, paths.path, paths.filename, paths.state, aid';

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
	return await client.request({ method: 'POST', path: GET_PATH, body: { ids }, idempotent: true, acceptStatus: [404] });
}

export async function fetchAllFiles(client: FalconClient, ids: string[]): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (const part of chunk(ids, IDS_PER_REQUEST)) records.push(...((await fetchFiles(client, part)).resources ?? []));
	return records;
}

/**
 * ActionUpdateCount: how many files each action would change for a filter. The API answers a list
 * of `{name, count}`; an object keyed by action is read too.
 */
export async function actionCounts(client: FalconClient, filter: string): Promise<Record<string, number>> {
	const answer = await client.request<IDataObject>({ method: 'GET', path: ACTION_COUNT_PATH, qs: { filter } });
	const counts: Record<string, number> = {};
	for (const entry of answer.resources ?? []) {
		const name = entry.name ?? entry.action;
		if (typeof name === 'string') counts[name] = Number(entry.count ?? 0);
		else for (const action of ACTIONS) if (entry[action] !== undefined) counts[action] = Number(entry[action]);
	}
	return counts;
}

