import { sleep } from 'n8n-workflow';

/**
 * Waits `ms`, in short steps, and stops early (throwing) once the execution is cancelled.
 * n8n-workflow's own `sleepWithAbort` is missing from the n8n-workflow that n8n 2.41 gives
 * community packages, so only `sleep` is used.
 */
export async function sleepUnlessCancelled(ms: number, signal?: AbortSignal): Promise<void> {
	const until = Date.now() + ms;
	for (let left = ms; left > 0 && !signal?.aborted; left = until - Date.now()) await sleep(Math.min(left, 250));
	if (signal?.aborted) throw new Error('The execution was cancelled');
}
