/**
 * The cases every polling trigger event must pass (common/polling.ts's look-back window): nothing
 * old on the first activation; an event the API reports late (stamped before one already emitted,
 * within the window) emitted once; one sharing the timestamp of an emitted one emitted once; a poll
 * stopped at Max Items in the middle of a timestamp, with a late one arriving, losing and repeating
 * nothing; and all of it across a restart from the saved static data.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RunPollResult } from '../harness';

export interface LateEventSubject {
	/** One scheduled poll from `staticData` (n8n's saved static data), with these extra options. */
	poll(staticData: IDataObject | undefined, options?: INodeParameters): Promise<RunPollResult>;
	/** Makes one event happen, stamped `at` (epoch ms); its ID as the emitted item carries it. */
	raise(at: number): string;
	idOf(item: IDataObject): string;
}

const SECOND = 1000;

/** Polls carrying the static data from one to the next, as n8n does. */
function carried(subject: LateEventSubject, options?: INodeParameters) {
	let saved: IDataObject | undefined;
	return {
		get saved() {
			return saved;
		},
		async poll(from?: IDataObject): Promise<string[]> {
			const result = await subject.poll(from ?? saved, options);
			if (result.error) throw result.error;
			if (result.staticDataChanged) saved = result.staticData;
			return result.items.map((item) => subject.idOf(item.json));
		},
	};
}

export function lateEventCases(subject: () => LateEventSubject): void {
	it('emits nothing old on the first activation, also events within the window before it', async () => {
		const s = subject();
		const now = Date.now();
		s.raise(now - 2 * 60 * SECOND);
		s.raise(now - 20 * SECOND);
		const trigger = carried(s);
		expect(await trigger.poll()).toEqual([]);
		expect(await trigger.poll()).toEqual([]);
	});

	it.each([
		['stamped 30 s before the newest emitted one (the API reports it late)', -30 * SECOND],
		['sharing the timestamp of an emitted one', 0],
	])('emits an event %s once, and the emitted one never again', async (_case, offsetMs) => {
		const s = subject();
		const trigger = carried(s);
		await trigger.poll();
		const at = Date.now();
		const first = s.raise(at);
		expect(await trigger.poll()).toEqual([first]);
		const next = s.raise(at + offsetMs);
		expect(await trigger.poll()).toEqual([next]);
		expect(await trigger.poll()).toEqual([]);
	});

	it('Max Items per Poll stopping in the middle of a timestamp, a late event arriving between polls: each emitted exactly once', async () => {
		const s = subject();
		const trigger = carried(s, { maxItems: 2 });
		await trigger.poll();
		const at = Date.now();
		const burst = [s.raise(at), s.raise(at), s.raise(at)];
		const emitted = await trigger.poll();
		expect(emitted).toHaveLength(2);
		const late = s.raise(at - 60 * SECOND);
		const rest: string[] = [];
		for (let poll = 0; poll < 4; poll++) rest.push(...(await trigger.poll()));
		expect([...emitted, ...rest].sort()).toEqual([...burst, late].sort());
	});

	it('after a restart from the saved static data: nothing again, and a late event once', async () => {
		const s = subject();
		const before = carried(s);
		await before.poll();
		const at = Date.now();
		const first = s.raise(at);
		expect(await before.poll()).toEqual([first]);

		const saved = JSON.parse(JSON.stringify(before.saved)) as IDataObject;
		const after = carried(s);
		expect(await after.poll(saved)).toEqual([]);
		const late = s.raise(at - 45 * SECOND);
		expect(await after.poll(saved)).toEqual([late]);
		expect(await after.poll()).toEqual([]);
	});
}
