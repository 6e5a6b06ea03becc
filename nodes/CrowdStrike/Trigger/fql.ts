/** FQL pieces of the trigger's own conditions. */
/** An FQL date literal for a watermark. */
export function fqlTime(ms: number): string {
	return `'${new Date(ms).toISOString()}'`;
}

/**
 * The user's filter AND the trigger's own conditions. FQL's `+` (and) binds tighter than `,` (or),
 * so a user filter with a top-level `,` is put in parentheses.
 */
export function andFql(user: string, ...own: string[]): string {
	const mine = own.filter((part) => part !== '').join('+');
	if (user === '') return mine;
	const wrapped = hasTopLevelOr(user) ? `(${user})` : user;
	return mine === '' ? wrapped : `${wrapped}+${mine}`;
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
