import type { IDataObject, INode } from 'n8n-workflow';

import type { FalconClient } from '../../transport';
import type { TriggerState } from '../../../common/polling';

/** One poll of one event. */
export interface EventRun {
	client: FalconClient;
	/** The user's FQL filter, validated ('' when none). */
	filter: string;
	/** At most this many items per poll; the rest follow on the next polls. */
	maxItems: number;
	/** The Look-Back Window option, in ms (see common/polling.ts). */
	lookbackMs: number;
	now: number;
	node: INode;
	/** A parameter of this event's own (read as the poll reads its parameters); checked by the event before any request. */
	parameter(name: string, fallback: unknown): unknown;
}

export interface Polled {
	/** The new items, oldest first. */
	items: IDataObject[];
	state: TriggerState;
}

export interface FalconTriggerEvent {
	/** The newest matching item, for the editor's "Fetch test event" (no state is read or written). */
	latest(run: EventRun): Promise<IDataObject | undefined>;
	/** The first activation: the current position, with nothing emitted. `base` starts a little before now. */
	start(run: EventRun, base: TriggerState): Promise<TriggerState>;
	/** What is new since `state`, and the state after it. */
	poll(run: EventRun, state: TriggerState): Promise<Polled>;
}

/** How many of the newest items the first activation reads to find where the trigger starts. */
export const START_PAGE = 200;
