/** FQL pieces the nodes add to a user's filter: a time literal, and the AND of conditions. */

/** An FQL date literal (a trigger's watermark, a Last Seen After). */
export function fqlTime(ms: number): string {
	return `'${new Date(ms).toISOString()}'`;
}

/**
 * The user's filter AND the node's own conditions. FQL's `+` (and) binds tighter than `,` (or),
 * so a part with a top-level `,` is put in parentheses.
 */
export function andFql(user: string, ...own: string[]): string {
	const grouped = (part: string) => (hasTopLevelOr(part) ? `(${part})` : part);
	const mine = own.filter((part) => part !== '').map(grouped).join('+');
	if (user === '') return mine;
	return mine === '' ? grouped(user) : `${grouped(user)}+${mine}`;
}

function hasTopLevelOr(filter: string): boolean {
	let depth = 0;
	let quote: string | undefined;
	for (let i = 0; i < filter.length; i++) {
		const c = filter[i];
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = undefined;
		} else if (c === "'" || c === '"') quote = c;
		else if (c === '(' || c === '[') depth++;
		else if (c === ')' || c === ']') depth--;
		else if (c === ',' && depth === 0) return true;
	}
	return false;
}
