/**
 * Polling triggers, vendor-neutral. Where a trigger is: a watermark (`since`, epoch ms: the newest
 * time it handled), a look-back start (`from`, at most the look-back window behind the watermark)
 * and the items it already handled at or after `from` (`seen`, id → their time). Every poll asks
 * for items at or after `from` and skips the seen ones, so:
 * - an item the API reports late (stamped before items already emitted, but within the window) is
 *   emitted once when it shows up;
 * - items sharing a timestamp are each emitted once, and a poll that stopped at its item limit in
 *   the middle of a timestamp resumes there;
 * - nothing is emitted twice: `from` only moves forward, and every item handled at or after it is
 *   in `seen` (when more than MAX_SEEN_IDS are, `from` moves up past the oldest, whole timestamps).
 * The state lives in the node's static data (`getWorkflowStaticData('node')`, key `cursor`), which
 * n8n saves with the workflow after a poll that changed it, so all this holds across restarts.
 */
import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type INodeProperties, type IPollFunctions } from 'n8n-workflow';
import { z, type ZodType, type ZodTypeDef } from 'zod';
import { without } from './objects';

export const STATE_VERSION = 1;

/** How many last-seen states a "state changed" event remembers (the oldest are forgotten first). */
export const MAX_REMEMBERED_STATES = 1000;

/** The look-back window a trigger keeps by default: events the API reports up to this late are still emitted. */
export const DEFAULT_LOOKBACK_MINUTES = 5;

/** The most handled IDs a trigger remembers in its window (its saved state stays small). */
export const MAX_SEEN_IDS = 5000;

const MINUTE_MS = 60_000;

const stateSchema = z.object({
	version: z.literal(STATE_VERSION),
	event: z.string(),
	since: z.number().finite(),
	/** Where the look-back window starts; absent in states saved before it existed (then `since`). */
	from: z.number().finite().optional(),
	seen: z.record(z.number().finite()),
	/** Last seen state per id, for events about state changes. */
	states: z.record(z.string()).optional(),
});

export type TriggerState = z.infer<typeof stateSchema>;

export interface Handled {
	id: string;
	/** Epoch ms of the item's time field. */
	ts: number;
}

/**
 * The saved state of this event, or undefined on the first poll, after the event was changed, or
 * when what is saved is not a state this version wrote (then the trigger starts over, as on activation).
 */
export function readState(staticData: IDataObject, event: string, node: INode, warn: (message: string) => void): TriggerState | undefined {
	if (staticData.cursor === undefined) return undefined;
	const parsed = stateSchema.safeParse(staticData.cursor);
	if (!parsed.success) {
		warn(`${node.name}: the saved trigger position is not readable, starting over from now`);
		return undefined;
	}
	return parsed.data.event === event ? parsed.data : undefined;
}

export function writeState(staticData: IDataObject, state: TriggerState): void {
	staticData.cursor = state as unknown as IDataObject;
}

/** The option every polling trigger has: how late an event may be reported and still be emitted. */
export const lookbackProperty: INodeProperties = {
	displayName: 'Look-Back Window (Minutes)',
	name: 'lookbackMinutes',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1440 },
	default: DEFAULT_LOOKBACK_MINUTES,
	description:
		'How far behind the newest event already emitted the trigger keeps looking, for events the API reports late (its clocks and indexing lag). Each event is still emitted once.',
};

const lookbackSchema = z.coerce.number().finite('must be a number').min(0, 'must be at least 0').max(1440, 'must be at most 1440');

/** The Look-Back Window option (from the trigger's Options collection), in ms; checked before any request. */
export function readLookbackMs(node: INode, options: IDataObject): number {
	return Math.round(checkParameter(node, lookbackSchema, options.lookbackMinutes ?? DEFAULT_LOOKBACK_MINUTES, 'Look-Back Window (Minutes)') * MINUTE_MS);
}

/** Where the next query starts: the look-back start. */
export function queryFrom(state: TriggerState): number {
	return state.from ?? state.since;
}

/** Whether this item at this time was not handled yet (an item updated again has a new time). */
export function isNew(state: TriggerState, id: string, ts: number): boolean {
	return !Object.prototype.hasOwnProperty.call(state.seen, id) || state.seen[id] !== ts;
}

/** The ids not handled yet, in the order the API gave them, at most `max`. */
export function unseen(ids: string[], seen: Record<string, number>, max: number): string[] {
	const fresh = new Set<string>();
	for (const id of ids) {
		if (fresh.size >= max) break;
		if (!Object.prototype.hasOwnProperty.call(seen, id)) fresh.add(id);
	}
	return [...fresh];
}

export interface AdvanceLimits {
	/** The look-back window (Look-Back Window option). */
	lookbackMs: number;
	/** The time of an item that may still turn up (a scan still running): the watermark stays at or before it. */
	floor?: number;
	/** The watermark moves up to at least this (a trigger that skips a long quiet time). */
	atLeast?: number;
}

/**
 * The state after handling `handled`: the watermark at the newest handled time (held back to
 * `floor`, raised to `atLeast`, never behind the current one), the look-back start `lookbackMs`
 * behind it (never behind the current one), and the handled items at or after that start
 * remembered, at most MAX_SEEN_IDS (beyond, the start moves up past the oldest timestamps).
 */
export function advance(state: TriggerState, handled: Handled[], limits: AdvanceLimits): TriggerState {
	let since = handled.reduce((newest, item) => Math.max(newest, item.ts), state.since);
	if (limits.floor !== undefined) since = Math.min(since, limits.floor);
	if (limits.atLeast !== undefined) since = Math.max(since, limits.atLeast);
	since = Math.max(state.since, since);
	let from = Math.max(queryFrom(state), since - limits.lookbackMs);
	const kept = new Map<string, number>();
	for (const [id, ts] of Object.entries(state.seen)) if (ts >= from) kept.set(id, ts);
	for (const item of handled) if (item.ts >= from) kept.set(item.id, item.ts);
	if (kept.size > MAX_SEEN_IDS) from = Math.max(from, boundedStart(kept));
	const seen: Record<string, number> = {};
	for (const [id, ts] of kept) if (ts >= from) seen[id] = ts;
	// A window that starts at the watermark is not written (the state stays as it was saved).
	const rest = without(state, 'from');
	return from < since ? { ...rest, since, from, seen } : { ...rest, since, seen };
}

/** The oldest time from which at most MAX_SEEN_IDS handled items are (whole timestamps; at least the newest one). */
function boundedStart(handled: Map<string, number>): number {
	const times = [...handled.values()].sort((a, b) => b - a);
	let start = times[0];
	for (let index = 0; index < times.length; ) {
		let end = index;
		while (end < times.length && times[end] === times[index]) end++;
		if (end > MAX_SEEN_IDS && index > 0) break;
		start = times[index];
		index = end;
	}
	return start;
}

/**
 * Where a trigger starts on its first activation, from the newest items it read (nothing is
 * emitted): the watermark at the newest of them, the look-back window behind it with those items
 * in it remembered as handled. `complete`: the read saw every item down to the window's start;
 * if not (a full page), the window starts after the oldest item read.
 */
export function startState(base: TriggerState, newest: Handled[], options: { lookbackMs: number; complete: boolean }): TriggerState {
	if (newest.length === 0) return base;
	const newestTs = Math.max(...newest.map((item) => item.ts));
	const oldestTs = Math.min(...newest.map((item) => item.ts));
	const from = options.complete ? newestTs - options.lookbackMs : Math.max(newestTs - options.lookbackMs, oldestTs + 1);
	return advance({ ...base, since: newestTs, from: Math.min(from, newestTs), seen: {} }, newest, { lookbackMs: options.lookbackMs });
}

/** Remembers the states, newest last, forgetting the oldest beyond MAX_REMEMBERED_STATES. */
export function rememberStates(previous: Record<string, string> | undefined, latest: Array<[string, string]>): Record<string, string> {
	const states = new Map(Object.entries(previous ?? {}));
	for (const [id, value] of latest) {
		states.delete(id);
		states.set(id, value);
	}
	const entries = [...states.entries()];
	return Object.fromEntries(entries.slice(Math.max(0, entries.length - MAX_REMEMBERED_STATES)));
}

/** Epoch ms of a time field (ISO text or epoch ms), or undefined. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/** A polling trigger's parameter that is not valid: nothing is sent to the API. */
export function invalidParameter(node: INode, field: string, problem: string): never {
	throw new NodeOperationError(node, `Invalid "${field}": ${problem}`, {
		description: `Parameter "${field}": ${problem}. Nothing was sent to the API.`,
	});
}

/** A trigger parameter checked against its schema; a failure names the field as the user sees it. */
export function checkParameter<T>(node: INode, schema: ZodType<T, ZodTypeDef, unknown>, value: unknown, field: string): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
	return invalidParameter(node, field, `${issue.message}${where}`);
}

/** One event of a polling trigger, bound to this poll's parameters. */
export interface PollingEvent {
	/** The newest matching item, for the editor's "Fetch test event" (no state is read or written). */
	latest(): Promise<IDataObject | undefined>;
	/** The first activation: the current position, with nothing emitted. `base` starts at `startAt`. */
	start(base: TriggerState): Promise<TriggerState>;
	/** What is new since `state` (oldest first), and the state after it. */
	poll(state: TriggerState): Promise<{ items: IDataObject[]; state: TriggerState }>;
}

/**
 * A poll as n8n expects it: in manual mode the newest matching item, the saved position left alone;
 * otherwise, on the first poll (or after the event changed) the position is recorded and nothing is
 * emitted, and after that each new item once. The static data is written only when it changed
 * (n8n then saves it with the workflow). `null` means nothing new: n8n starts no execution.
 */
export async function pollCycle(ctx: IPollFunctions, eventName: string, event: PollingEvent, startAt: number): Promise<INodeExecutionData[][] | null> {
	if (ctx.getMode() === 'manual') {
		const latest = await event.latest();
		return latest ? [ctx.helpers.returnJsonArray([latest])] : null;
	}
	const staticData = ctx.getWorkflowStaticData('node');
	const saved = readState(staticData, eventName, ctx.getNode(), (message) => ctx.logger.warn(message));
	if (saved === undefined) {
		writeState(staticData, await event.start({ version: STATE_VERSION, event: eventName, since: startAt, seen: {} }));
		return null;
	}
	const { items, state } = await event.poll(saved);
	// Compared in the schema's key order, as `saved` was read.
	if (JSON.stringify(stateSchema.parse(state)) !== JSON.stringify(saved)) writeState(staticData, state);
	return items.length > 0 ? [ctx.helpers.returnJsonArray(items)] : null;
}
