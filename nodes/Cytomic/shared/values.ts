import { z } from 'zod';

import { isCalendarDate } from '../../common/values';

/** Seconds or milliseconds since the epoch: values below 10^11 are seconds (as the Orion API reads them). */
function epochToMs(value: number): number {
	return Math.abs(value) < 1e11 ? value * 1000 : value;
}

/**
 * A date as Unix milliseconds: from a number (seconds or milliseconds), a numeric string, an ISO
 * 8601 string (a plain date is midnight UTC; no zone means UTC), a Date or a Luxon DateTime.
 */
export const unixMsSchema = z.unknown().transform((value, context) => {
	if (value instanceof Date) return value.getTime();
	if (typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return (value as { toMillis: () => number }).toMillis();
	}
	if (typeof value === 'number' && Number.isFinite(value)) return Math.round(epochToMs(value));
	if (typeof value === 'string') {
		const raw = value.trim();
		if (/^-?\d+(\.\d+)?$/.test(raw)) return Math.round(epochToMs(Number(raw)));
		const withZone = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : /([zZ]|[+-]\d{2}:?\d{2})$/.test(raw) ? raw : `${raw}Z`;
		const ms = Date.parse(withZone);
		if (isCalendarDate(raw) && Number.isFinite(ms)) return ms;
	}
	context.addIssue({
		code: z.ZodIssueCode.custom,
		message: `${JSON.stringify(value) ?? String(value)} is not a date (use an ISO 8601 date such as 2024-05-01T00:00:00Z, or Unix milliseconds)`,
	});
	return z.NEVER;
});
