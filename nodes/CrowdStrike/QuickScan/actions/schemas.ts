import type { INode } from 'n8n-workflow';
import { z } from 'zod';

import { validateField } from '../../../common/validation';

/** A sample is named by its SHA256; Falcon stores hashes in lower case. */
export const sha256Schema = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-f0-9]{64}$/, 'a SHA256 is 64 hexadecimal characters');

/** A Quick Scan volume ID: `<32 characters>_<32 characters>`. */
export const scanIdSchema = z
	.string()
	.trim()
	.regex(/^\w{32}_\w{32}$/, 'a scan ID looks like <32 characters>_<32 characters>');

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
