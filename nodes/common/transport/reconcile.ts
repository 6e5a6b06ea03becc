import { sleep } from 'n8n-workflow';

import type { RequestPolicy } from '../request-policy';
import { backoffMs } from '../retry-timing';

/** The longest wait between a write the API did not confirm and the look-up of what landed. */
const MAX_RECONCILE_WAIT_MS = 30_000;

export type EntryResult<R> = R | Error;

export interface ReconciledWrite<E, R> {
	entries: E[];
	policy: Pick<RequestPolicy, 'maxRetries' | 'retryBaseMs'>;
	/** Sends the pending entries once: every entry's result, or `unconfirmed` when the API's answer was lost. */
	send(pending: E[]): Promise<{ results: Map<E, EntryResult<R>> } | { unconfirmed: Error }>;
	/** After an unconfirmed write: the results of the entries whose outcome the API now shows; the others are sent again. */
	lookUp(pending: E[]): Promise<Map<E, EntryResult<R>>>;
	/** The error of an entry whose outcome stays unknown. */
	unknown(entry: E, cause: unknown): Error;
}

/**
 * Write, look up what landed, send the rest again: a write the API did not confirm (server error,
 * timeout, connection dropped after sending) is never repeated blindly. What a look-up confirmed
 * is kept whatever happens later; an entry whose fate nobody could tell ends as `unknown`.
 */
export async function writeReconciled<E, R>(write: ReconciledWrite<E, R>): Promise<Map<E, EntryResult<R>>> {
	const results = new Map<E, EntryResult<R>>();
	const settle = (entries: E[], result: (entry: E) => EntryResult<R>) => {
		for (const entry of entries) results.set(entry, result(entry));
	};
	let pending = write.entries;
	for (let attempt = 0; pending.length > 0; attempt++) {
		let answer: Awaited<ReturnType<typeof write.send>>;
		try {
			answer = await write.send(pending);
		} catch (error) {
			// Refused outright: nothing of this attempt landed. Entries confirmed before keep their result.
			settle(pending, () => error as Error);
			break;
		}
		if ('results' in answer) {
			settle(pending, (entry) => answer.results.get(entry) ?? new Error('The API gave no answer for this entry'));
			break;
		}
		if (attempt >= write.policy.maxRetries) {
			settle(pending, (entry) => write.unknown(entry, answer.unconfirmed));
			break;
		}
		await sleep(backoffMs(attempt, write.policy.retryBaseMs, MAX_RECONCILE_WAIT_MS));
		let found: Map<E, EntryResult<R>>;
		try {
			found = await write.lookUp(pending);
		} catch (error) {
			const cause = lookUpFailed(answer.unconfirmed, error);
			settle(pending, (entry) => write.unknown(entry, cause));
			break;
		}
		pending = pending.filter((entry) => {
			const result = found.get(entry);
			if (result === undefined) return true;
			results.set(entry, result);
			return false;
		});
	}
	return results;
}

/**
 * The cause of an unknown outcome when the look-up failed too: the lost write's own reason, then
 * the look-up's (without the retry count, which is about the look-up, not the write).
 */
function lookUpFailed(unconfirmed: Error, lookUp: unknown): Error {
	const said = (lookUp instanceof Error ? lookUp.message : String(lookUp)).replace(/^Failed after \d+ retries: /, '');
	return Object.assign(new Error(`${unconfirmed.message}; the look-up of what landed failed too: ${said}`), {
		context: (unconfirmed as Error & { context?: unknown }).context,
		httpCode: (unconfirmed as Error & { httpCode?: unknown }).httpCode,
	});
}
