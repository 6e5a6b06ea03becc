/**
 * One sandbox exchange (request + answer) held against the spec of its vendor: Falcon paths against
 * spec/falcon/falcon-spec.json, `/orion/...` against spec/orion/orion-spec.json.
 */
import type { Exchange } from '../../sandbox';
import { findFalconOperation, validateFalconModel, validateFalconRequest, validateFalconResponse } from './falcon';
import { findOrionOperation, orionApiPath, SANDBOX_ORION_PREFIX, validateOrionRequest, validateOrionResponse } from './orion';
import { header, type ContractRequest, type Violation } from './types';

/** A request header a test sets on a request it sends invalid on purpose: its value says why. */
export const INVALID_REQUEST_HEADER = 'x-contract-invalid';

export interface ExchangeVerdict {
	vendor: 'falcon' | 'orion';
	/** The spec's operation id, when the route is one. */
	operationId?: string;
	request: Violation[];
	response: Violation[];
	/** Why the request was not checked (a test said it is invalid on purpose). */
	requestSkipped?: string;
	/** Why the answer was not checked (a dropped connection, a deliberately truncated body). */
	responseSkipped?: string;
}

export function contractRequestOf(x: Exchange): ContractRequest {
	return {
		method: x.method,
		path: x.path,
		query: x.query,
		headers: x.headers as ContractRequest['headers'],
		body: x.bodyKind === 'none' ? undefined : x.body,
		files: x.files,
		contentType: x.contentType,
	};
}

function responseSkip(x: Exchange): string | undefined {
	if (x.fault === 'drop' || x.status === 0) return 'the connection was dropped (injected fault)';
	if (x.fault === 'malformed') return 'the answer was truncated on purpose (injected fault)';
	return undefined;
}

/** Holds one exchange against the contract. Admin routes (/_sandbox) answer undefined. */
export function validateExchange(x: Exchange): ExchangeVerdict | undefined {
	if (x.admin) return undefined;
	const invalidOnPurpose = header(x.headers as ContractRequest['headers'], INVALID_REQUEST_HEADER);
	const req = contractRequestOf(x);
	const skipResponse = responseSkip(x);
	if (x.path === SANDBOX_ORION_PREFIX || x.path.startsWith(`${SANDBOX_ORION_PREFIX}/`)) {
		const relative = orionApiPath(x.path);
		const op = relative === undefined ? undefined : findOrionOperation(x.method, relative)?.op;
		return {
			vendor: 'orion',
			...(op ? { operationId: op.operationId } : {}),
			request: invalidOnPurpose ? [] : validateOrionRequest(req),
			response: skipResponse || !op ? [] : validateOrionResponse(op.operationId, x.status, x.response ?? parsedText(x)),
			...(invalidOnPurpose ? { requestSkipped: invalidOnPurpose } : {}),
			...(skipResponse ? { responseSkipped: skipResponse } : {}),
		};
	}
	const op = findFalconOperation(x.method, x.path);
	let response: Violation[] = [];
	if (!skipResponse) {
		if (op) response = validateFalconResponse(op.operationId, x.status, x.response ?? parsedText(x));
		// An error answer to a path the spec lacks (unknown or retired route): meta and errors only.
		else if (x.status >= 400) response = validateFalconModel('MsaReplyMetaOnly', x.response ?? parsedText(x));
	}
	return {
		vendor: 'falcon',
		...(op ? { operationId: op.operationId } : {}),
		request: invalidOnPurpose ? [] : validateFalconRequest(req),
		response,
		...(invalidOnPurpose ? { requestSkipped: invalidOnPurpose } : {}),
		...(skipResponse ? { responseSkipped: skipResponse } : {}),
	};
}

function parsedText(x: Exchange): unknown {
	if (x.responseText === undefined || x.responseText === '') return undefined;
	return x.responseText;
}

/** `METHOD /path?query` of an exchange, for messages. */
export function describeExchange(x: Exchange): string {
	const q = Object.entries(x.query)
		.flatMap(([k, vs]) => vs.map((v) => `${k}=${v.length > 40 ? `${v.slice(0, 40)}…` : v}`))
		.join('&');
	return `${x.method} ${x.path}${q ? `?${q}` : ''} -> ${x.status}`;
}
