import { NodeOperationError, type INode } from 'n8n-workflow';
import { z, type ZodType, type ZodTypeDef } from 'zod';

import { listOf, type ListFormat } from './values';

/**
 * A field's value checked against its schema; a failure names the item, the field as the user sees
 * it and the value it got (text and numbers, shortened), unless the field is `secret`.
 */
export function validateField<T>(
	node: INode,
	schema: ZodType<T, ZodTypeDef, unknown>,
	value: unknown,
	itemIndex: number,
	fieldName: string,
	options: { secret?: boolean } = {},
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const where = issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
	const problem = `${issue.message}${where}`;
	return invalidField(node, itemIndex, fieldName, options.secret ? problem : withValue(value, problem));
}

/** `"abc": problem`, for a value a user can recognise; the problem alone when it quotes the value already. */
function withValue(value: unknown, problem: string): string {
	if (!(typeof value === 'string' && value.trim() !== '') && typeof value !== 'number') return problem;
	const text = String(value);
	const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
	return problem.includes(`"${shown}"`) || problem.includes(`"${text}"`) ? problem : `"${shown}": ${problem}`;
}

/**
 * A list field (text or an array) split as `format` says, each value checked. A failure names the
 * item, the field, the value and the separators that work, so "a, b" in a field that splits on new
 * lines only is not reported as one strange value.
 */
export function validateList<T>(
	node: INode,
	schema: ZodType<T, ZodTypeDef, unknown>,
	value: unknown,
	itemIndex: number,
	fieldName: string,
	format: ListFormat,
): T[] {
	return listOf(value, format).map((entry) => {
		const result = schema.safeParse(entry);
		if (result.success) return result.data;
		return invalidListValue(node, itemIndex, fieldName, entry, result.error.issues[0].message, format);
	});
}

/** One value of a list field is wrong: says which, why, and how to separate several values. */
export function invalidListValue(node: INode, itemIndex: number, fieldName: string, value: string, problem: string, format: ListFormat): never {
	return invalidField(node, itemIndex, fieldName, `${withValue(value, problem)} (separate several values with ${format.separators})`);
}

export function invalidField(node: INode, itemIndex: number, fieldName: string, problem: string): never {
	throw new NodeOperationError(node, `Invalid "${fieldName}" in item ${itemIndex}: ${problem}`, {
		itemIndex,
		description: `Item ${itemIndex}, field "${fieldName}": ${problem}. Nothing was sent to the API.`,
	});
}

/** A whole-number option (a batch size, a limit), checked rather than silently clamped. */
export function wholeNumber(node: INode, value: unknown, itemIndex: number, fieldName: string, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		invalidField(node, itemIndex, fieldName, `must be a whole number from ${min} to ${max}`);
	}
	return number;
}

/** A JSON parameter (object or array) parsed, or a clear error naming the field. */
export function parseJsonField(node: INode, value: unknown, itemIndex: number, fieldName: string): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		return invalidField(node, itemIndex, fieldName, `not valid JSON (${(error as Error).message})`);
	}
}

/**
 * A number option, checked: empty (or not set) gives the fallback; anything else must be a number
 * in range, or the item fails naming the field. Nothing is clamped or guessed silently.
 */
export function numberOption(
	node: INode,
	value: unknown,
	itemIndex: number,
	field: string,
	range: { min: number; max?: number; integer?: boolean; fallback: number },
): number {
	if (value === undefined || value === null || value === '') return range.fallback;
	let schema = z.number({ invalid_type_error: 'must be a number' }).min(range.min, `must be at least ${range.min}`);
	if (range.max !== undefined) schema = schema.max(range.max, `must be at most ${range.max}`);
	if (range.integer) schema = schema.int('must be a whole number');
	const parsed = typeof value === 'string' ? (value.trim() === '' ? Number.NaN : Number(value)) : value;
	return validateField(node, schema, parsed, itemIndex, field);
}
