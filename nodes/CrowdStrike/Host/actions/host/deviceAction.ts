/**
 * The device actions (contain, lift containment, hide, unhide), guarded like the quarantine actions:
 * the hosts are resolved and read first; Preview returns them without acting; Max Hosts to Affect
 * refuses an execution that would touch more hosts (or whose hosts cannot be read) before any action
 * request is sent; each host the API refuses is named with its reason.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { withAgentDefault } from '../../../../common/agent-tool-properties';
import { chunk } from '../../../../common/concurrency';
import { runBatched, type ItemOutcome, type ParsedItem } from '../../../../common/items';
import { showWith } from '../../../../common/return-all';
import { apiError, unknownOutcomeError, writeReconciled, type EntryResult } from '../../../../common/transport';
import { wholeNumber } from '../../../../common/validation';
import { DEVICE_ACTION_IDS_PER_REQUEST, getAllDeviceDetails, performDeviceAction, type DeviceAction } from '../../../api/hosts';
import { FalconClient, falconClient, type FalconEnvelope } from '../../../transport';
import { hostInputProperties, hostLabel, readHostTargets, resolveHosts, type HostTargets, type ResolvedHosts } from '../hostInput';

/** How many hosts a device action may touch in one execution unless the user says otherwise. */
export const DEFAULT_MAX_HOSTS = 10;
/** The same for an AI agent's call (the tool variant's default). */
export const AGENT_MAX_HOSTS = 1;

export interface DeviceActionSpec {
	operation: string;
	action: DeviceAction;
	/** "contain", "lift containment on", "hide", "unhide" */
	verb: string;
	/** "Contained", "Lifted containment on", … (the start of a sentence about the rest) */
	done: string;
	/** Whether hostnames and addresses are looked up among hidden hosts (to unhide them). */
	hidden: boolean;
	/** The record field the action changes, and the values that show it took effect. */
	field: 'status' | 'host_hidden_status';
	reached: string[];
	/** Why the API would refuse the action for a host as it is now, if it would. */
	refusal(record: IDataObject): string | undefined;
}

interface GuardSettings {
	preview: boolean;
	maxHosts: number | undefined;
}

interface Refusal {
	message: string;
	code: number;
}

const DEVICE_ID = /[a-f0-9]{32}/gi;

function properties(spec: DeviceActionSpec): INodeProperties[] {
	const show = { resource: ['host'], operation: [spec.operation] };
	return [
		...hostInputProperties({ show }, spec.verb),
		{
			displayName: 'Preview Only',
			name: 'preview',
			type: 'boolean',
			default: false,
			description: `Whether to only return the hosts the action would ${spec.verb}, with their current state, without changing anything`,
			displayOptions: { show },
		},
		{
			displayName: 'Limit Hosts Affected',
			name: 'limitAffected',
			type: 'boolean',
			default: true,
			description: 'Whether to refuse the action when it would touch more hosts than Max Hosts to Affect. The hosts of all input items count together, and are read before anything is changed.',
			displayOptions: showWith({ show }, { preview: [false] }),
		},
		...withAgentDefault(
			{
				displayName: 'Max Hosts to Affect',
				name: 'maxHosts',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_MAX_HOSTS,
				description: 'The most hosts this execution may act on; above it the node stops with an error and sends no action',
				displayOptions: showWith({ show }, { preview: [false], limitAffected: [true] }),
			},
			AGENT_MAX_HOSTS,
		),
	];
}

/** Preview and the limit, read once: every host of the execution shares them. */
function readGuard(ctx: IExecuteFunctions): GuardSettings {
	const preview = ctx.getNodeParameter('preview', 0, false) === true;
	if (preview || ctx.getNodeParameter('limitAffected', 0, true) !== true) return { preview, maxHosts: undefined };
	return { preview, maxHosts: wholeNumber(ctx.getNode(), ctx.getNodeParameter('maxHosts', 0, DEFAULT_MAX_HOSTS), 0, 'Max Hosts to Affect', 1, 1_000_000) };
}

/**
 * Reads one answer of PerformActionV2 (msa.ReplyAffectedEntities): the hosts in `resources` were
 * accepted, those `errors` name (by `id`, or in the message) were refused; an error naming no host
 * on a failed answer (a 403 for a missing scope) refuses them all. On a successful answer a host
 * no error names counts as accepted.
 */
function readAnswer(node: INode, answer: FalconEnvelope, pending: string[], refusals: Map<string, Refusal>): Map<string, EntryResult<true>> {
	const status = answer.status ?? 200;
	const requested = new Set(pending);
	const results = new Map<string, EntryResult<true>>();
	let refusedAll: Refusal | undefined;
	for (const entry of answer.errors ?? []) {
		const refusal = { message: String(entry.message ?? 'refused'), code: Number(entry.code ?? status) || status };
		const named = [String(entry.id ?? ''), ...(refusal.message.match(DEVICE_ID) ?? [])].map((id) => id.toLowerCase()).filter((id) => requested.has(id));
		for (const id of named) refusals.set(id, refusal);
		if (named.length === 0 && status >= 400) refusedAll ??= { ...refusal, code: status };
	}
	const accepted = new Set(((answer.resources ?? []) as IDataObject[]).map((resource) => String(resource?.id ?? '').toLowerCase()));
	for (const id of pending) {
		if (accepted.has(id) || (!refusals.has(id) && refusedAll === undefined && status < 400)) {
			refusals.delete(id);
			results.set(id, true);
			continue;
		}
		if (!refusals.has(id)) refusals.set(id, refusedAll ?? { message: `CrowdStrike answered HTTP ${status} without accepting the host`, code: status });
		const refusal = refusals.get(id) as Refusal;
		results.set(id, apiError(node, { message: refusal.message, statusCode: refusal.code, vendor: 'CrowdStrike' }));
	}
	return results;
}

interface Sent {
	outcome: Map<string, EntryResult<true>>;
	refusals: Map<string, Refusal>;
	traceId?: string;
}

/** Sends the action for every host, in requests of the API's size; each host's result. */
async function act(client: FalconClient, node: INode, spec: DeviceActionSpec, ids: string[], resolved: ResolvedHosts): Promise<Sent> {
	const outcome = new Map<string, EntryResult<true>>();
	const refusals = new Map<string, Refusal>();
	let traceId: string | undefined;
	for (const part of chunk(ids, DEVICE_ACTION_IDS_PER_REQUEST[spec.action])) {
		const results = await writeReconciled<string, true>({
			entries: part,
			policy: client.policy,
			send: async (pending) => {
				const answer = await performDeviceAction(client, spec.action, pending);
				if ('unconfirmed' in answer) return answer;
				traceId ??= answer.envelope.meta.trace_id;
				return { results: readAnswer(node, answer.envelope, pending, refusals) };
			},
			// The answer was lost: a host that now shows the action's state has it; the others are sent again.
			lookUp: async (pending) => {
				const records = await getAllDeviceDetails(client, pending);
				return new Map(
					records
						.filter((record) => spec.reached.includes(String(record[spec.field])))
						.map((record) => [String(record.device_id).toLowerCase(), true as const]),
				);
			},
			unknown: (id, cause) => unknownOutcomeError(node, `the ${spec.action} action on ${hostLabel(id, resolved.records.get(id))}`, cause),
		});
		for (const [id, result] of results) outcome.set(id, result);
	}
	return { outcome, refusals, traceId };
}

/** An item's error naming each host the action failed for, and why; says so when a write's outcome is unknown. */
function failedError(node: INode, spec: DeviceActionSpec, ids: string[], failed: string[], sent: Sent, resolved: ResolvedHosts): Error {
	const reasonOf = (id: string) => sent.refusals.get(id)?.message ?? (sent.outcome.get(id) as Error | undefined)?.message ?? 'no answer for this host';
	const reasons = failed.map((id) => `${hostLabel(id, resolved.records.get(id))}: ${reasonOf(id)}`);
	const codes = [...new Set(failed.map((id) => sent.refusals.get(id)?.code ?? Number((sent.outcome.get(id) as { httpCode?: string } | undefined)?.httpCode ?? 500)))];
	const unknown = failed.some((id) => (sent.outcome.get(id) as { context?: IDataObject } | undefined)?.context?.outcome === 'unknown');
	const done = ids.length - failed.length;
	const hints = [
		done > 0 ? `${spec.done} the other ${done}.` : unknown ? undefined : 'Nothing was changed for this item.',
		unknown ? 'For a host whose outcome is unknown the action may or may not have been applied: check it in the console before running this item again.' : undefined,
		codes.includes(403) ? 'CrowdStrike refused the API client: it needs the Hosts: Write scope (devices:write).' : undefined,
	];
	const error = apiError(node, {
		message: `Could not ${spec.verb} ${failed.length} of ${ids.length} host${ids.length === 1 ? '' : 's'}: ${reasons.join('; ')}`,
		statusCode: codes.length === 1 ? codes[0] : 400,
		vendor: 'CrowdStrike',
		traceId: sent.traceId,
		hint: hints.filter(Boolean).join(' '),
	});
	if (unknown) error.context.outcome = 'unknown';
	return error;
}

function previewOf(spec: DeviceActionSpec, id: string, record: IDataObject): IDataObject {
	const refusal = spec.refusal(record);
	return {
		preview: true,
		action: spec.action,
		device_id: id,
		hostname: record.hostname ?? null,
		platform_name: record.platform_name ?? null,
		status: record.status ?? null,
		host_hidden_status: record.host_hidden_status ?? null,
		last_seen: record.last_seen ?? null,
		wouldChange: refusal === undefined,
		...(refusal ? { reason: refusal } : {}),
	};
}

function doneOf(spec: DeviceActionSpec, id: string, record: IDataObject | undefined): IDataObject {
	return {
		device_id: id,
		hostname: record?.hostname ?? null,
		action: spec.action,
		accepted: true,
		[`previous_${spec.field}`]: record?.[spec.field] ?? null,
	};
}

async function run(client: FalconClient, node: INode, spec: DeviceActionSpec, guard: GuardSettings, batch: Array<ParsedItem<HostTargets>>): Promise<Map<number, ItemOutcome>> {
	let resolved: ResolvedHosts | undefined;
	let unreadable: unknown;
	try {
		resolved = await resolveHosts(client, node, batch, { hidden: spec.hidden });
	} catch (error) {
		unreadable = error;
	}
	if (resolved === undefined) {
		const reason = (unreadable as Error)?.message ?? String(unreadable);
		throw apiError(node, {
			message: `Could not read the hosts to ${spec.verb}, so no action was sent${guard.maxHosts !== undefined ? ` (Max Hosts to Affect is ${guard.maxHosts})` : ''}: ${reason}`,
			statusCode: (unreadable as { httpCode?: string })?.httpCode ?? undefined,
			vendor: 'CrowdStrike',
			traceId: (unreadable as { context?: { traceId?: string } })?.context?.traceId,
			hint: 'Nothing was changed. The hosts are read (PostDeviceDetailsV2) before any action, to count and name them.',
		});
	}
	const hosts = resolved;
	const targets = new Map<number, string[]>();
	for (const { index } of batch) {
		const ids = hosts.targets.get(index);
		if (Array.isArray(ids)) targets.set(index, ids);
	}
	const outcomes = new Map<number, ItemOutcome>();
	for (const { index } of batch) {
		const ids = hosts.targets.get(index);
		if (ids instanceof Error) outcomes.set(index, ids);
	}
	if (guard.preview) {
		for (const [index, ids] of targets) outcomes.set(index, ids.map((id) => ({ json: previewOf(spec, id, hosts.records.get(id) ?? {}) })));
		return outcomes;
	}
	const all = [...new Set([...targets.values()].flat())];
	if (guard.maxHosts !== undefined && all.length > guard.maxHosts) {
		const named = all.slice(0, 5).map((id) => String(hosts.records.get(id)?.hostname ?? id));
		throw new NodeOperationError(
			node,
			`The action "${spec.action}" would touch ${all.length} hosts, more than Max Hosts to Affect (${guard.maxHosts}): ${named.join(', ')}${all.length > named.length ? ', …' : ''}. Nothing was changed.`,
			{ description: 'Preview the action first, give fewer hosts, or raise Max Hosts to Affect (or turn off Limit Hosts Affected).' },
		);
	}
	const sent = await act(client, node, spec, all, hosts);
	for (const [index, ids] of targets) {
		const failed = ids.filter((id) => sent.outcome.get(id) !== true);
		outcomes.set(index, failed.length === 0 ? ids.map((id) => ({ json: doneOf(spec, id, hosts.records.get(id)) })) : failedError(node, spec, ids, failed, sent, hosts));
	}
	return outcomes;
}

/** An operation's description and execute for one device action. */
export function deviceActionOperation(spec: DeviceActionSpec) {
	return {
		description: properties(spec),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
			const client = falconClient(this);
			const node = this.getNode();
			const guard = readGuard(this);
			return await runBatched(this, items, {
				parse: (index) => readHostTargets(this, index),
				// Every item in one batch: the limit counts the hosts of the whole execution.
				batchSize: Math.max(1, items.length),
				concurrency: 1,
				run: async (batch) => await run(client, node, spec, guard, batch),
			});
		},
	};
}
