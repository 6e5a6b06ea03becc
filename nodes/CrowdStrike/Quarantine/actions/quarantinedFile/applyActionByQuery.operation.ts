import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { withAgentDefault } from '../../../../common/agent-tool-properties';
import { runPerItem } from '../../../../common/items';
import { apiError } from '../../../../common/transport';
import { invalidField } from '../../../../common/validation';
import { quarantine, updateQuarantinedByQuery } from '../../../api/quarantine';
import { call } from '../../../api';
import { filterProperty } from '../../../shared/descriptions';
import { FalconClient, falconClient } from '../../../transport';
import {
	QUARANTINE_FQL_FIELDS,
	actionCounts,
	actionProperty,
	commentProperty,
	readAction,
	readSearch,
	searchProperty,
	type QuarantineAction,
} from './fields';
import { readFilter } from '../../../shared/query-input';

const show = { resource: ['quarantinedFile'], operation: ['applyActionByQuery'] };

/** How many files an action by query may touch unless the user says otherwise. */
export const DEFAULT_MAX_FILES = 100;
/** The same for an AI agent's call (the tool variant's default). */
export const AGENT_MAX_FILES = 10;

export const description: INodeProperties[] = [
	actionProperty({ show }),
	{ ...filterProperty({ show }, QUARANTINE_FQL_FIELDS), placeholder: "sha256:'275a02…'+state:'quarantined'" },
	searchProperty({ show }),
	commentProperty({ show }),
	{
		displayName: 'Preview Only',
		name: 'preview',
		type: 'boolean',
		default: false,
		description: 'Whether to only count the files the action would affect, without changing anything',
		displayOptions: { show },
	},
	{
		displayName: 'Limit Files Affected',
		name: 'limitAffected',
		type: 'boolean',
		default: true,
		description: 'Whether to refuse the action when it would affect more files than Max Files to Affect. The count is taken before anything is changed.',
		displayOptions: { show: { ...show, preview: [false] } },
	},
	...withAgentDefault(
		{
			displayName: 'Max Files to Affect',
			name: 'maxFiles',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: DEFAULT_MAX_FILES,
			description: 'The most quarantined files this action may change; above it the node stops with an error and changes nothing',
			displayOptions: { show: { ...show, preview: [false], limitAffected: [true] } },
		},
		AGENT_MAX_FILES,
	),
];

interface QueryActionInput {
	action: QuarantineAction;
	comment: string;
	filter: string;
	q: string;
	preview: boolean;
	maxFiles: number | undefined;
}

interface AffectedCount {
	/** How many files the action would change (an upper bound when `q` narrows the filter); undefined when the API's answer could not be read. */
	count: number | undefined;
	upperBound: boolean;
	/** ActionUpdateCount's answer for the filter. */
	counts?: Partial<Record<QuarantineAction, number>>;
	traceId?: string;
	/** How many files filter and q match, whatever their state. */
	matched?: number;
}

/**
 * How many files the action would touch. ActionUpdateCount knows it exactly for a filter; it takes
 * no `q`, so with a search the number of matching files caps it instead (any state counts, so it
 * can only be too high, never too low).
 */
async function countAffected(client: FalconClient, input: QueryActionInput): Promise<AffectedCount> {
	const counted: AffectedCount = { count: undefined, upperBound: input.q !== '' };
	const bounds: number[] = [];
	if (input.filter) {
		const { counts, traceId } = await actionCounts(client, input.filter);
		counted.counts = counts;
		counted.traceId = traceId;
		if (counts[input.action] !== undefined) bounds.push(counts[input.action] as number);
	}
	if (input.q) {
		const answer = await call(client, quarantine.queryFiles, { query: { filter: input.filter, q: input.q, limit: 1 } });
		const total = Number(answer.meta.pagination?.total);
		if (Number.isInteger(total) && total >= 0) bounds.push((counted.matched = total));
		counted.traceId ??= answer.meta.trace_id;
	}
	// The smallest bound read; none read means the count is unknown.
	if (bounds.length > 0) counted.count = Math.min(...bounds);
	return counted;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const client = falconClient(this);
	const node = this.getNode();
	return await runPerItem(this, items, {
		// Actions by query run one after the other, so each count sees what the previous one changed.
		concurrency: 1,
		parse: (index): QueryActionInput => {
			const input = {
				...readAction(this, index),
				filter: readFilter(this, index),
				q: readSearch(this, index),
				preview: this.getNodeParameter('preview', index, false) as boolean,
				maxFiles: undefined as number | undefined,
			};
			if (!input.filter && !input.q) {
				invalidField(node, index, 'Filter', 'give a filter, a search, or both: the action applies to every quarantined file they match');
			}
			if (!input.preview && (this.getNodeParameter('limitAffected', index, true) as boolean)) {
				const raw = this.getNodeParameter('maxFiles', index, DEFAULT_MAX_FILES);
				// Number('') and Number(' ') are 0: an empty field must not mean "affect nothing" (or everything).
				const maxFiles = typeof raw === 'string' && raw.trim() === '' ? Number.NaN : Number(raw);
				if (!Number.isInteger(maxFiles) || maxFiles < 0) invalidField(node, index, 'Max Files to Affect', 'expected a whole number of at least 0');
				input.maxFiles = maxFiles;
			}
			return input;
		},
		run: async (input, index) => {
			const query: IDataObject = { ...(input.filter ? { filter: input.filter } : {}), ...(input.q ? { q: input.q } : {}) };
			let counted: AffectedCount | undefined;
			if (input.preview || input.maxFiles !== undefined) {
				const affected = (counted = await countAffected(client, input));
				if (input.preview) {
					return {
						json: {
							preview: true,
							action: input.action,
							...query,
							wouldAffect: affected.count ?? null,
							countIsUpperBound: affected.upperBound,
							...(affected.counts ? { counts: affected.counts } : {}),
							...(affected.matched !== undefined ? { matched: affected.matched } : {}),
						},
					};
				}
				if (input.maxFiles !== undefined && affected.count === undefined) {
					throw apiError(node, {
						message: `Could not read how many quarantined files the action "${input.action}" would affect, so it was not applied (Max Files to Affect is ${input.maxFiles}). Nothing was changed.`,
						vendor: 'CrowdStrike',
						traceId: affected.traceId,
						hint: 'CrowdStrike\'s count (ActionUpdateCount) gave no number for this action. Preview the action, or turn off Limit Files Affected if you accept running it without a count.',
					});
				}
				if (input.maxFiles !== undefined && affected.count !== undefined && affected.count > input.maxFiles) {
					const count = `${affected.upperBound ? 'up to ' : ''}${affected.count}`;
					throw new NodeOperationError(
						node,
						`The action "${input.action}" would affect ${count} quarantined files, more than Max Files to Affect (${input.maxFiles}). Nothing was changed.`,
						{
							itemIndex: index,
							description: 'Preview the action first, narrow the Filter or Search, or raise Max Files to Affect (or turn off Limit Files Affected).',
						},
					);
				}
			}
			const answer = await updateQuarantinedByQuery(client, { action: input.action, ...(input.comment ? { comment: input.comment } : {}), ...query });
			if ((answer.status ?? 200) >= 400) {
				throw apiError(node, {
					message: FalconClient.messagesOf(answer) || `CrowdStrike refused the action "${input.action}"`,
					statusCode: answer.status,
					vendor: 'CrowdStrike',
					traceId: answer.meta.trace_id,
				});
			}
			// msa.ReplyMetaOnly: no IDs come back. meta.writes, when the API fills it, says how many
			// changed; otherwise the count taken just before stands (a bound when a search narrowed it).
			const written = Number(answer.meta.writes?.resources_affected ?? (counted && !counted.upperBound ? counted.count : undefined));
			const atMost = counted?.upperBound ? counted.count : undefined;
			return {
				json: {
					action: input.action,
					...query,
					...(input.comment ? { comment: input.comment } : {}),
					applied: true,
					affected: Number.isInteger(written) && written >= 0 ? written : null,
					...(atMost !== undefined && !(Number.isInteger(written) && written >= 0) ? { affectedAtMost: atMost } : {}),
					...(answer.errors?.length ? { warnings: answer.errors.map((entry) => entry.message) } : {}),
				},
			};
		},
	});
}
