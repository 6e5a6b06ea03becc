/**
 * Polling triggers, vendor-neutral. Where a trigger is: a watermark (`since`, epoch ms) and the
 * items it already handled at or after it (`seen`, id → their time). Every poll asks for items at
 * or after `since` and skips the seen ones, so items sharing a timestamp are each emitted once,
 * and a poll that stopped at its item limit in the middle of a timestamp resumes there. The state
 * lives in the node's static data (`getWorkflowStaticData('node')`, key `cursor`), which n8n saves
 * with the workflow after a poll that changed it.
 */
import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';
import { z, type ZodType, type ZodTypeDef } from 'zod';

export const STATE_VERSION = 1;

/** How many last-seen states a "state changed" event remembers (the oldest are forgotten first). */
export const MAX_REMEMBERED_STATES = 1000;

const stateSchema = z.object({
	version: z.literal(STATE_VERSION),
	event: z.string(),
	since: z.number().finite(),
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

/** The ids not handled yet, in the order the API gave them, at most `max`. */
export function unseen(ids: string[], seen: Record<string, number>, max: number): string[] {
	const fresh = new Set<string>();
	for (const id of ids) {
		if (fresh.size >= max) break;
		if (!Object.prototype.hasOwnProperty.call(seen, id)) fresh.add(id);
	}
	return [...fresh];
}

/**
 * The watermark after handling `handled`: the newest handled time, held back to `floor` (the time
 * of an item that may still turn up, e.g. a scan still running), raised to `atLeast` (a lookback
 * limit), never behind the current one. Seen ids older than the new watermark are dropped: no
 * later query returns them.
 */
export function advance(state: TriggerState, handled: Handled[], limits: { floor?: number; atLeast?: number } = {}): TriggerState {
	let since = handled.reduce((newest, item) => Math.max(newest, item.ts), state.since);
	if (limits.floor !== undefined) since = Math.min(since, limits.floor);
	if (limits.atLeast !== undefined) since = Math.max(since, limits.atLeast);
	since = Math.max(state.since, since);
	const seen: Record<string, number> = {};
	for (const [id, ts] of Object.entries(state.seen)) if (ts >= since) seen[id] = ts;
	for (const item of handled) if (item.ts >= since) seen[item.id] = item.ts;
	return { ...state, since, seen };
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
	if (JSON.stringify(state) !== JSON.stringify(saved)) writeState(staticData, state);
	return items.length > 0 ? [ctx.helpers.returnJsonArray(items)] : null;
}
