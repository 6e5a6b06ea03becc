/**
 * The Cytomic Orion contract: requests and answers held against spec/orion/orion-spec.json, the
 * machine-readable copy of the vendor's IOC API page (decisions in docs/orion-spec-decisions.md).
 *
 * Paths are given relative to the API base path (`/api/v1/applications`) or to the token host
 * (`/oauth/token`); `orionApiPath` maps the sandbox's `/orion/...` mount onto them.
 */
import { orionSpec, type OrionOperation, type OrionParam, type OrionSchema } from '../../spec';
import { jsonType, mediaType, queryLists, violation, type ContractRequest, type Violation } from './types';

/** The sandbox serves Orion under /orion: the API under /orion/api/v1/applications, the token at /orion/oauth/token. */
export const SANDBOX_ORION_PREFIX = '/orion';

/** A sandbox (or real) path as the spec writes it: relative to the API base path, or `/oauth/token`. */
export function orionApiPath(path: string): string | undefined {
	let p = path.startsWith(`${SANDBOX_ORION_PREFIX}/`) ? path.slice(SANDBOX_ORION_PREFIX.length) : path;
	if (p === '/oauth/token' || p === '/oauth/token/') return '/oauth/token';
	const base = orionSpec().basePath;
	if (p.startsWith(`${base}/`)) p = p.slice(base.length);
	else return undefined;
	return p;
}

interface Match {
	op: OrionOperation;
	params: Record<string, string>;
	/** Which spelling of the path matched (the canonical one or an alias). */
	template: string;
}

function compile(template: string): { regex: RegExp; names: string[] } {
	const names: string[] = [];
	const source = template
		.split('/')
		.map((seg) => {
			const m = /^\{(\w+)\}$/.exec(seg);
			if (m) {
				names.push(m[1]);
				return '([^/]+)';
			}
			return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { regex: new RegExp(`^${source}$`), names };
}

/** The operation a method and (spec-relative) path name: exactly, or through one of the page's other spellings. */
export function findOrionOperation(method: string, relativePath: string): Match | undefined {
	for (const op of orionSpec().operations) {
		if (op.method !== method.toUpperCase()) continue;
		for (const template of [op.path, ...(op.pathAliases ?? [])]) {
			const { regex, names } = compile(template);
			const m = regex.exec(relativePath);
			if (m) {
				const params: Record<string, string> = {};
				names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
				return { op, params, template };
			}
		}
	}
	return undefined;
}

function findSchema(schema: OrionSchema): OrionSchema {
	if (schema.ref) {
		const target = orionSpec().schemas[schema.ref];
		if (!target) throw new Error(`orion-spec.json: no schema ${schema.ref}`);
		return findSchema(target);
	}
	return schema;
}

function typeOk(value: unknown, type: string): boolean {
	switch (type) {
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number';
		case 'null':
			return value === null;
		default:
			return typeof value === type;
	}
}

function checkSchema(value: unknown, schema: OrionSchema, where: string, out: Violation[]): void {
	const s = findSchema(schema);
	const types = s.types ?? (s.type ? [s.type] : []);
	if (types.length > 0 && !types.some((t) => typeOk(value, t))) {
		out.push(violation('type', where, `expected ${types.join(' or ')}, got ${jsonType(value)}`));
		return;
	}
	if (s.enum && !s.enum.includes(value as string)) out.push(violation('enum', where, `${JSON.stringify(value)} is not one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`));
	if (Array.isArray(value) && s.items) value.forEach((item, i) => checkSchema(item, s.items as OrionSchema, `${where}[${i}]`, out));
	if (typeOk(value, 'object') && (s.properties || s.required)) {
		const obj = value as Record<string, unknown>;
		const props = s.properties ?? {};
		const find = (key: string) => (s.caseInsensitive ? Object.keys(props).find((p) => p.toLowerCase() === key.toLowerCase()) : key in props ? key : undefined);
		const present = (name: string) => Object.keys(obj).some((k) => (s.caseInsensitive ? k.toLowerCase() === name.toLowerCase() : k === name) && obj[k] !== undefined);
		for (const [key, v] of Object.entries(obj)) {
			const prop = find(key);
			if (prop === undefined) {
				if (s.additionalProperties !== true) out.push(violation('unknown-field', `${where}.${key}`, `no field '${key}' here (the page lists ${Object.keys(props).join(', ')})`));
				continue;
			}
			checkSchema(v, props[prop], `${where}.${key}`, out);
		}
		for (const name of s.required ?? []) if (!present(name)) out.push(violation('required', `${where}.${name}`, `'${name}' is required`));
		if (s.oneOfRequired) {
			const given = s.oneOfRequired.filter(present);
			if (given.length !== 1) out.push(violation('required', where, `exactly one of ${s.oneOfRequired.join(', ')} is required, got ${given.length === 0 ? 'none' : given.join(', ')}`));
		}
	}
}

function canonicalIocType(raw: string): string | undefined {
	const types = orionSpec().iocTypes;
	for (const [name, t] of Object.entries(types)) {
		if ([name, ...t.aliases].some((n) => n.toLowerCase() === raw.toLowerCase())) return name;
	}
	return undefined;
}

function checkParamValue(p: OrionParam, raw: string, where: string, out: Violation[]): void {
	if (p.type === 'integer' && !/^-?\d+$/.test(raw)) out.push(violation('type', where, `expected an integer, got ${JSON.stringify(raw)}`));
	if (p.type === 'boolean' && !/^(true|false)$/i.test(raw)) out.push(violation('type', where, `expected true or false, got ${JSON.stringify(raw)}`));
	if (p.enum) {
		const ok = p.name === 'iocType' ? canonicalIocType(raw) !== undefined : p.enum.some((e) => (p.caseInsensitive ? e.toLowerCase() === raw.toLowerCase() : e === raw));
		if (!ok) out.push(violation('enum', where, `${JSON.stringify(raw)} is not one of ${p.enum.join(', ')}${p.name === 'iocType' ? ' (or the page\'s aliases)' : ''}`));
	}
}

/**
 * An Orion request against the page: a known operation, path parameters (the IOC type), the query
 * string (declared names, required ones present, types), the body (a JSON list of IOCs, each with
 * exactly the value field of the call's type and only the fields the page lists), the content type.
 */
export function validateOrionRequest(req: ContractRequest): Violation[] {
	const out: Violation[] = [];
	const method = req.method.toUpperCase();
	const relative = orionApiPath(req.path);
	const match = relative === undefined ? undefined : findOrionOperation(method, relative);
	if (!match) {
		out.push(violation('route', 'route', `${method} ${req.path} is not an operation of the Orion IOC API page`));
		return out;
	}
	const { op, params } = match;
	for (const p of op.params.filter((x) => x.in === 'path')) checkParamValue(p, params[p.name] ?? '', `path.${p.name}`, out);

	const query = queryLists(req.query);
	const declared = (name: string) => op.params.find((p) => p.in === 'query' && (p.caseInsensitive ? p.name.toLowerCase() === name.toLowerCase() : p.name === name));
	for (const [name, values] of query) {
		const p = declared(name);
		if (!p) {
			out.push(violation('undeclared', `query.${name}`, `${op.operationId} declares no query parameter '${name}'`));
			continue;
		}
		if (values.length > 1) out.push(violation('type', `query.${name}`, `sent ${values.length} times`));
		checkParamValue(p, values[0], `query.${name}`, out);
	}
	for (const p of op.params.filter((x) => x.in === 'query' && x.required)) {
		if (![...query.keys()].some((k) => (p.caseInsensitive ? k.toLowerCase() === p.name.toLowerCase() : k === p.name))) {
			out.push(violation('required', `query.${p.name}`, `${op.operationId} requires the query parameter '${p.name}'`));
		}
	}

	const hasBody = req.body !== undefined && req.body !== '';
	const type = mediaType(req.contentType);
	if (!op.body) {
		if (hasBody) out.push(violation('body', 'body', `${op.operationId} takes no body${op.operationId === 'listIocsByDate' ? ' (from, to and includeDeleted go in the query string: decision D1)' : ''}`));
		return out;
	}
	if (!hasBody) {
		if (op.bodyRequired) out.push(violation('required', 'body', `${op.operationId} requires a body`));
		return out;
	}
	if (!type || !op.consumes.includes(type)) out.push(violation('content-type', 'content-type', `sent as ${type ?? 'no content type'}; the page asks for ${op.consumes.join(', ')}`));
	checkSchema(formFields(req.body, type, out), op.body, 'body', out);
	// Each IOC's value field must be the one of the call's type.
	const iocType = params.iocType === undefined ? undefined : canonicalIocType(params.iocType);
	if (iocType && Array.isArray(req.body)) {
		const key = orionSpec().iocTypes[iocType].valueKey;
		const valueKeys = Object.values(orionSpec().iocTypes).map((t) => t.valueKey);
		req.body.forEach((element, i) => {
			if (typeof element !== 'object' || element === null) return;
			const given = Object.keys(element).filter((k) => valueKeys.includes(k.toLowerCase()));
			if (given.length === 1 && given[0].toLowerCase() !== key) {
				out.push(violation('body', `body[${i}].${given[0]}`, `a ${iocType} call takes '${key}', not '${given[0]}' ("All the IOCs imported in the same call must be of the same type")`));
			}
		});
	}
	return out;
}

/** Form fields arrive as lists (a field may repeat): one value each is what a form body means here. */
function formFields(body: unknown, type: string | undefined, out: Violation[]): unknown {
	if (type !== 'application/x-www-form-urlencoded' || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
	const fields: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
		if (Array.isArray(v)) {
			if (v.length > 1) out.push(violation('type', `body.${k}`, `the form field is sent ${v.length} times`));
			fields[k] = v[0];
		} else fields[k] = v;
	}
	return fields;
}

/** The shape an answer of `status` follows: declared on the page, or a known extra status. */
export function orionResponseSchema(operationId: string, status: number): { schema: OrionSchema | null } | undefined {
	const spec = orionSpec();
	const op = spec.operations.find((o) => o.operationId === operationId);
	if (!op) return undefined;
	if (String(status) in op.responses) return { schema: op.responses[String(status)] };
	const extras = spec.knownExtraStatuses.filter((s) => s.status === status);
	const extra = extras.find((s) => s.operationIds.includes(operationId)) ?? extras.find((s) => s.operationIds.includes('*'));
	return extra ? { schema: extra.schema } : undefined;
}

export function validateOrionResponse(operationId: string, status: number, body: unknown): Violation[] {
	const out: Violation[] = [];
	const found = orionResponseSchema(operationId, status);
	if (!found) {
		out.push(violation('status', 'status', `${operationId} answered ${status}, which neither the page nor a known extra status covers`));
		return out;
	}
	if (found.schema === null) return out;
	if (body === undefined) {
		out.push(violation('body', 'response', `${operationId} ${status} must answer a JSON body`));
		return out;
	}
	checkSchema(body, found.schema, 'response', out);
	return out;
}
