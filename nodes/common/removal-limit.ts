/**
 * A safety limit on how much one run may remove (Max Removals): a share of what exists, or a
 * number. A run whose count of removals is over the limit is refused before anything is written.
 */
export type RemovalLimit = { kind: 'share'; percent: number } | { kind: 'count'; count: number } | { kind: 'none' };

/** How many removals the limit allows when `existing` things exist. */
export function allowedRemovals(limit: RemovalLimit, existing: number): number {
	if (limit.kind === 'none') return Number.POSITIVE_INFINITY;
	if (limit.kind === 'count') return limit.count;
	return Math.floor((existing * limit.percent) / 100);
}

/** Why `removals` out of `existing` is over the limit, or undefined when it is within it. */
export function removalLimitProblem(limit: RemovalLimit, removals: number, existing: number, what: string): string | undefined {
	const allowed = allowedRemovals(limit, existing);
	if (removals <= allowed) return undefined;
	const rule = limit.kind === 'share' ? `${limit.percent} % of the ${existing} existing ${what} (${allowed})` : `${allowed}`;
	return `This run would remove ${removals} ${what}, more than Max Removals allows: ${rule}`;
}
