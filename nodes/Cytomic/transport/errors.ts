import type { JsonObject } from 'n8n-workflow';

import { jsonBody } from '../../common/http-failure';

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Cytomic Orion's own words for a failure. The IOC API answers `{success, message, error}`, the
 * token service OAuth2's `{error, error_description}`, ASP.NET `{title, detail, errors}`.
 */
export function orionMessage(body: unknown): string | undefined {
	const parsed = jsonBody(body);
	if (parsed === undefined) {
		const raw = text(Buffer.isBuffer(body) ? body.toString('utf8') : body);
		return raw && raw.length <= 300 && !raw.startsWith('<') ? raw : undefined;
	}
	if (Array.isArray(parsed)) return undefined;
	const errors = parsed.errors;
	const listed = Array.isArray(errors)
		? errors.map((entry) => text((entry as JsonObject | null)?.message) ?? text(entry)).filter(Boolean)
		: errors && typeof errors === 'object'
			? Object.entries(errors).map(([field, problems]) => `${field}: ${([] as unknown[]).concat(problems).join(' ')}`)
			: [];
	const parts = [
		text(parsed.message) ?? text(parsed.Message),
		text(parsed.error_description),
		text(parsed.detail) ?? text(parsed.title),
		listed.length > 0 ? listed.join('; ') : undefined,
	].filter((part): part is string => part !== undefined);
	const error = text(parsed.error);
	if (parts.length === 0 && error) return error;
	return parts.length > 0 ? [...new Set(parts)].join(': ') : undefined;
}
