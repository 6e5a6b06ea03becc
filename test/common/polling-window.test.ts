import { MAX_SEEN_IDS, STATE_VERSION, advance, isNew, queryFrom, startState, type TriggerState } from '../../nodes/common/polling';

const base: TriggerState = { version: STATE_VERSION, event: 'e', since: 1_000_000, seen: {} };
const W = 5 * 60_000;

describe('the look-back window of polling triggers', () => {
	it('keeps the window behind the newest handled time, remembering what was handled in it; a state saved before it reads as a window at the watermark', () => {
		expect(queryFrom(base)).toBe(base.since);
		const state = advance(base, [{ id: 'a', ts: base.since + 10 }, { id: 'b', ts: base.since + W + 20 }], { lookbackMs: W });
		expect(state).toMatchObject({ since: base.since + W + 20, from: base.since + 20, seen: { b: base.since + W + 20 } });
		expect(isNew(state, 'b', base.since + W + 20)).toBe(false);
		expect(isNew(state, 'b', base.since + W + 30)).toBe(true);
		// Nothing new: the same state, so n8n saves nothing.
		expect(advance(state, [], { lookbackMs: W })).toEqual(state);
		// A window made wider later never moves back (what is behind it was not remembered).
		expect(queryFrom(advance(state, [], { lookbackMs: 10 * W }))).toBe(state.from);
	});

	it(`remembers at most ${MAX_SEEN_IDS} IDs, moving the window's start past the oldest whole timestamps`, () => {
		const handled = Array.from({ length: MAX_SEEN_IDS + 100 }, (_, i) => ({ id: `x${i}`, ts: base.since + Math.floor(i / 2) }));
		const state = advance(base, handled, { lookbackMs: W });
		const kept = Object.values(state.seen);
		expect(kept.length).toBeLessThanOrEqual(MAX_SEEN_IDS);
		expect(Math.min(...kept)).toBe(state.from);
		// Every handled item at or after the start is remembered: none can be emitted twice.
		for (const item of handled) if (item.ts >= queryFrom(state)) expect(isNew(state, item.id, item.ts)).toBe(false);
	});

	it('the first activation remembers the window behind the newest item; after a full page, only from past the oldest read', () => {
		const newest = [{ id: 'n', ts: 2_000_000 }, { id: 'm', ts: 2_000_000 - 1000 }, { id: 'old', ts: 2_000_000 - W - 1 }];
		expect(startState(base, newest, { lookbackMs: W, complete: true })).toMatchObject({ since: 2_000_000, from: 2_000_000 - W, seen: { n: 2_000_000, m: 1_999_000 } });
		expect(startState(base, newest.slice(0, 2), { lookbackMs: W, complete: false })).toMatchObject({ since: 2_000_000, from: 1_999_001, seen: { n: 2_000_000 } });
		expect(startState(base, [], { lookbackMs: W, complete: true })).toBe(base);
	});
});
