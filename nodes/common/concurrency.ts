/**
 * Runs `task` for every input with at most `limit` in flight, keeping results in input order.
 * After a task throws, no further task starts and the first error is rethrown once the running ones settle.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	task: (input: T, position: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failure: { error: unknown } | undefined;

	async function worker() {
		while (failure === undefined && next < inputs.length) {
			const position = next++;
			try {
				results[position] = await task(inputs[position], position);
			} catch (error) {
				failure ??= { error };
			}
		}
	}

	const workers = Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker);
	await Promise.all(workers);
	if (failure !== undefined) throw failure.error;
	return results;
}

export function chunk<T>(values: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
	return chunks;
}
