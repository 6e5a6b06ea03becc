/** What the contract validators take and answer. */

/** The class of a violation (the validator's own tests check that each class is caught). */
export type ViolationRule =
	| 'route'
	| 'retired'
	| 'location'
	| 'undeclared'
	| 'required'
	| 'unknown-field'
	| 'type'
	| 'format'
	| 'enum'
	| 'range'
	| 'content-type'
	| 'collection-format'
	| 'body'
	| 'status';

export interface Violation {
	rule: ViolationRule;
	/** Where: `route`, `query.ids`, `body.indicators[0].action`, `form.file_name`, `header.X-File-Password`, `response.meta.pagination.after`, `status`. */
	where: string;
	message: string;
}

export type QueryInput = Record<string, string | number | boolean | Array<string | number | boolean> | undefined>;

/** One request as it reached the API (or the sandbox). */
export interface ContractRequest {
	method: string;
	/** The path, without the query string. */
	path: string;
	/** Query parameters: a repeated key gives a list; `ids=a,b` stays one value `a,b`. */
	query?: QueryInput;
	headers?: Record<string, string | string[] | undefined>;
	/**
	 * The body: the parsed JSON value for JSON; the fields (name -> value or values) for
	 * form-urlencoded and multipart bodies; undefined when there is none.
	 */
	body?: unknown;
	/** Multipart file parts: their field names. */
	files?: string[];
	/** The Content-Type header (parameters such as a boundary are ignored). */
	contentType?: string;
}

export function violation(rule: ViolationRule, where: string, message: string): Violation {
	return { rule, where, message };
}

/** A query map with every value as a list of strings. */
export function queryLists(query: QueryInput | undefined): Map<string, string[]> {
	const out = new Map<string, string[]>();
	for (const [k, v] of Object.entries(query ?? {})) {
		if (v === undefined) continue;
		out.set(k, (Array.isArray(v) ? v : [v]).map(String));
	}
	return out;
}

export function mediaType(contentType: string | undefined): string | undefined {
	if (!contentType) return undefined;
	const m = contentType.split(';')[0].trim().toLowerCase();
	return m === '' ? undefined : m;
}

export function header(headers: ContractRequest['headers'], name: string): string | undefined {
	for (const [k, v] of Object.entries(headers ?? {})) {
		if (k.toLowerCase() === name.toLowerCase()) return Array.isArray(v) ? v[0] : v;
	}
	return undefined;
}

/** JSON type names as messages use them. */
export function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** RFC 3339 date-time (JSON Schema `format: date-time`). */
export const RFC3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

export function isRfc3339DateTime(value: string): boolean {
	if (!RFC3339_DATE_TIME.test(value)) return false;
	return !Number.isNaN(Date.parse(value.replace(/^(\d{4}-\d{2}-\d{2})[t]/, '$1T').replace(/z$/, 'Z')));
}
