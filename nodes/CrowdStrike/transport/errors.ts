import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import { headerValue, jsonBody } from '../../common/http-failure';
import type { FalconApiErrorEntry, FalconRequest } from './types';

export interface FailureDetails {
	statusCode?: number;
	body?: unknown;
	headers?: Record<string, string | string[] | undefined>;
	reason?: string;
}

function bodyObject(body: unknown): JsonObject | undefined {
	const json = jsonBody(body);
	return json && !Array.isArray(json) ? json : undefined;
}

export function traceIdOf(details: FailureDetails): string | undefined {
	const meta = bodyObject(details.body)?.meta as JsonObject | undefined;
	return (meta?.trace_id as string | undefined) ?? headerValue(details.headers, 'x-cs-traceid');
}

export function apiMessages(body: unknown): string[] {
	const errors = (bodyObject(body)?.errors as FalconApiErrorEntry[] | null | undefined) ?? [];
	return errors.map((entry) => entry.message).filter((message): message is string => !!message);
}

/** An API failure as n8n shows it: CrowdStrike's own message, its trace id, and what was asked. */
export function falconApiError(node: INode, request: FalconRequest, details: FailureDetails, prefix = ''): NodeApiError {
	const traceId = traceIdOf(details);
	const messages = apiMessages(details.body);
	const what = messages.length > 0 ? messages.join('; ') : (details.reason ?? `HTTP ${details.statusCode ?? 'error'}`);
	const message = `${prefix}${what}`;
	const description = [
		`${request.method} ${request.path}`,
		details.statusCode ? `answered HTTP ${details.statusCode}` : undefined,
		traceId ? `CrowdStrike trace id: ${traceId}` : undefined,
	]
		.filter(Boolean)
		.join(', ');
	const error = new NodeApiError(node, { message, traceId: traceId ?? null } as JsonObject, {
		message,
		description,
		httpCode: details.statusCode ? String(details.statusCode) : undefined,
	});
	error.context.traceId = traceId;
	error.context.statusCode = details.statusCode;
	return error;
}
