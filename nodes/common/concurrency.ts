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

/**
 * Runs tasks as they are added, at most `limit` at once, for work that is still being produced
 * (items being read while the first requests are already out). After a task throws, no further
 * task starts; `drain()` rethrows the first error once the running ones have settled.
 */
export class TaskQueue {
	private readonly waiting: Array<() => Promise<void>> = [];

	private head = 0;

	private running = 0;

	private failure: { error: unknown } | undefined;

	private settled: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	/** Tasks waiting for a free slot. */
	get backlog(): number {
		return this.waiting.length - this.head;
	}

	add(task: () => Promise<void>): void {
		if (this.failure !== undefined) return;
		this.waiting.push(task);
		this.startWaiting();
	}

	/**
	 * Resolves once fewer than `most` tasks wait for a slot (at once when that is already so, or
	 * after a failure). Whoever adds tasks uses it to stay only a little ahead of the ones running.
	 */
	async room(most: number): Promise<void> {
		while (this.failure === undefined && this.backlog >= most) {
			await new Promise<void>((resolve) => this.settled.push(resolve));
		}
	}

	/** Resolves when every added task has run (or, after a failure, the running ones have settled). */
	async drain(): Promise<void> {
		while (this.running > 0 || (this.failure === undefined && this.backlog > 0)) {
			await new Promise<void>((resolve) => this.settled.push(resolve));
		}
		if (this.failure !== undefined) throw this.failure.error;
	}

	private startWaiting() {
		while (this.failure === undefined && this.running < Math.max(1, this.limit) && this.backlog > 0) {
			const task = this.waiting[this.head];
			this.waiting[this.head++] = undefined as unknown as () => Promise<void>;
			if (this.head > 1024 && this.head * 2 > this.waiting.length) {
				this.waiting.splice(0, this.head);
				this.head = 0;
			}
			this.running++;
			void this.run(task);
		}
	}

	private async run(task: () => Promise<void>) {
		try {
			await task();
		} catch (error) {
			this.failure ??= { error };
		}
		this.running--;
		this.startWaiting();
		const waiters = this.settled;
		this.settled = [];
		for (const wake of waiters) wake();
	}
}
