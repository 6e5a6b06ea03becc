import { sleep } from 'n8n-workflow';

/** How often a watched request looks whether its answer came. */
const WATCH_STEP_MS = 200;

/** A request whose answer was not read within its bound (see `withinTime`). */
export class AnswerOverdue extends Error {
	constructor(readonly limitMs: number) {
		super(`no answer read within ${Math.round(limitMs / 100) / 10} s`);
		this.name = 'AnswerOverdue';
	}
}

/**
 * The answer of `pending`, or AnswerOverdue once `limitMs` have passed without it. n8n-core's own
 * timeout is an idle timeout of the socket: with redirects disabled, an answer whose compressed
 * body is corrupt destroys the socket and leaves the request pending for ever (axios 1.x drops the
 * decompression error of a destroyed native request). Watched in short steps, so no timer outlives
 * the answer by more than one step.
 */
export async function withinTime<T>(pending: Promise<T>, limitMs: number): Promise<T> {
	let settled = false;
	const watched = pending.finally(() => {
		settled = true;
	});
	const deadline = Date.now() + limitMs;
	// Never settles once the answer came (the race has been decided by then): no late rejection goes unheard.
	const watchdog = (async (): Promise<never> => {
		for (let left = limitMs; !settled && left > 0; left = deadline - Date.now()) await sleep(Math.min(left, WATCH_STEP_MS));
		if (settled) return await new Promise<never>(() => {});
		throw new AnswerOverdue(limitMs);
	})();
	return await Promise.race([watched, watchdog]);
}
