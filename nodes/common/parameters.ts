import { deepCopy, type IExecuteFunctions, type INodeParameters } from 'n8n-workflow';

/** Reads one parameter for one item, like `getNodeParameter(name, itemIndex, fallback)`. */
export type ItemParameter = <T = unknown>(name: string, itemIndex: number, fallback?: unknown) => T;

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

function configured(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const key of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * Parameters for many items. One whose configured value holds no expression is the same for every
 * item: it is read once and each item gets its own copy. n8n would resolve and validate it again
 * on every call, which for thousands of items costs more than the requests. One that holds an
 * expression is resolved for each item, as `getNodeParameter` does.
 */
export function itemParameters(ctx: IExecuteFunctions): ItemParameter {
	const parameters = ctx.getNode().parameters;
	const sameForAll = new Map<string, unknown>();
	return <T>(name: string, itemIndex: number, fallback?: unknown): T => {
		const key = fallback === undefined ? name : `${name}\u0000${JSON.stringify(fallback)}`;
		if (sameForAll.has(key)) {
			const value = sameForAll.get(key);
			return (value !== null && typeof value === 'object' ? deepCopy(value) : value) as T;
		}
		const value = fallback === undefined ? ctx.getNodeParameter(name, itemIndex) : ctx.getNodeParameter(name, itemIndex, fallback);
		if (!holdsExpression(configured(parameters, name))) {
			sameForAll.set(key, value !== null && typeof value === 'object' ? deepCopy(value) : value);
		}
		return value as T;
	};
}
