/**
 * The Falcon contract: requests and answers held against spec/falcon/falcon-spec.json (CrowdStrike's
 * published swagger as gofalcon is generated from it, with FalconPy's parameter tables and the
 * overlays of enums, known extra statuses and quirks). See docs/contract-tests.md.
 */
import { falconSpec, type FalconEnumOverlay, type FalconField, type FalconOperation, type FalconParam, type FalconSpec } from '../../spec';
import { header, isRfc3339DateTime, jsonType, mediaType, queryLists, violation, type ContractRequest, type Violation } from './types';

interface Index {
	spec: FalconSpec;
	byRoute: Map<string, FalconOperation>;
	byPath: Map<string, FalconOperation[]>;
	byId: Map<string, FalconOperation>;
}

let index: Index | undefined;

function load(): Index {
	if (index) return index;
	const spec = falconSpec();
	const byRoute = new Map<string, FalconOperation>();
	const byPath = new Map<string, FalconOperation[]>();
	const byId = new Map<string, FalconOperation>();
	for (const op of spec.operations) {
		byRoute.set(`${op.method} ${op.path}`, op);
		byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
		byId.set(op.operationId, op);
	}
	index = { spec, byRoute, byPath, byId };
	return index;
}

/** The spec operation a request names, by method and path exactly as the spec writes them. */
export function findFalconOperation(method: string, path: string): FalconOperation | undefined {
	return load().byRoute.get(`${method.toUpperCase()} ${path}`);
}

export function falconOperation(operationId: string): FalconOperation | undefined {
	return load().byId.get(operationId);
}

/** Is this path one of the Falcon API's (or a retired one)? Used to route exchanges. */
export function isFalconPath(path: string): boolean {
	const { byPath, spec } = load();
	const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
	return byPath.has(path) || byPath.has(bare) || spec.falconpyOnlyOperations.some((o) => o.path === bare);
}

// ---------------------------------------------------------------------------------------------
// Values against Go types

type Mode = 'request' | 'response';

interface Walk {
	mode: Mode;
	op?: FalconOperation;
	out: Violation[];
	/** JSON path segments from the body root (`[]` for list items), for overlay body paths. */
	segments: string[];
}

function overlayEnums(): FalconEnumOverlay[] {
	return load().spec.enums;
}

function quirk(model: string, kind: 'notRequired' | 'oneOfRequired' | 'embedded') {
	return load().spec.quirks.find((q) => q.model === model && q.kind === kind);
}

function checkEnum(value: unknown, values: readonly unknown[], where: string, out: Violation[], source?: string): void {
	if (value === null || value === undefined) return;
	if (!values.includes(value)) {
		out.push(violation('enum', where, `${JSON.stringify(value)} is not one of ${values.map((v) => JSON.stringify(v)).join(', ')}${source ? ` (${source})` : ''}`));
	}
}

const bareTypes = new Map<string, string>();

/** `*models.X` -> `X`, `*string` -> `string` (cached: the same few hundred type strings come back all the time). */
function bareType(goType: string): string {
	let t = bareTypes.get(goType);
	if (t === undefined) {
		t = goType.replace(/^\*/, '').replace(/^models\./, '');
		bareTypes.set(goType, t);
	}
	return t;
}

/** Checks `value` against a Go type expression of the spec (`*string`, `[]*MsaAPIError`, `map[string]int64`, a model name…). */
function checkGoType(value: unknown, goType: string, where: string, w: Walk, field?: FalconField): void {
	if (value === null || value === undefined) return; // presence is the caller's (required) business
	const t = bareType(goType);
	if (t.startsWith('[]')) {
		if (!Array.isArray(value)) {
			w.out.push(violation('type', where, `expected a list, got ${jsonType(value)}`));
			return;
		}
		const inner = t.slice(2);
		const itemWalk = bodyPathEnums(w.op).length > 0 ? { ...w, segments: [...w.segments, '[]'] } : w;
		for (let i = 0; i < value.length; i++) {
			const item = value[i];
			if (item === null || item === undefined) continue;
			checkGoType(item, inner, `${where}[${i}]`, itemWalk);
			if (field?.itemsEnum) checkEnum(item, field.itemsEnum, `${where}[${i}]`, w.out);
		}
		return;
	}
	const map = t.startsWith('map[string]') ? [t, t.slice('map[string]'.length)] : null;
	if (map) {
		if (typeof value !== 'object' || Array.isArray(value)) {
			w.out.push(violation('type', where, `expected an object, got ${jsonType(value)}`));
			return;
		}
		for (const [k, v] of Object.entries(value as Record<string, unknown>)) checkGoType(v, map[1], `${where}.${k}`, { ...w, segments: [...w.segments, k] });
		return;
	}
	switch (t) {
		case 'string':
		case 'strfmt.UUID':
		case 'strfmt.Base64':
		case 'strfmt.Email':
		case 'strfmt.URI':
			if (typeof value !== 'string') w.out.push(violation('type', where, `expected a string, got ${jsonType(value)}`));
			else if (field?.format === 'date-time' && !isRfc3339DateTime(value)) w.out.push(violation('format', where, `${JSON.stringify(value)} is not an RFC 3339 date-time`));
			return;
		case 'strfmt.DateTime':
			if (typeof value !== 'string') w.out.push(violation('type', where, `expected an RFC 3339 date-time string, got ${jsonType(value)}`));
			else if (!isRfc3339DateTime(value)) w.out.push(violation('format', where, `${JSON.stringify(value)} is not an RFC 3339 date-time (e.g. 2030-01-02T03:04:05Z)`));
			return;
		case 'strfmt.Date':
			if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) w.out.push(violation('format', where, `expected a full-date string (YYYY-MM-DD), got ${JSON.stringify(value)}`));
			return;
		case 'int32':
		case 'int64':
		case 'int':
		case 'uint64':
			if (typeof value !== 'number' || !Number.isInteger(value)) w.out.push(violation('type', where, `expected an integer, got ${JSON.stringify(value)}`));
			return;
		case 'float64':
		case 'float32':
			if (typeof value !== 'number') w.out.push(violation('type', where, `expected a number, got ${JSON.stringify(value)}`));
			return;
		case 'bool':
			if (typeof value !== 'boolean') w.out.push(violation('type', where, `expected a boolean, got ${JSON.stringify(value)}`));
			return;
		case 'interface{}':
		case 'json.RawMessage':
			return;
		default:
			checkModel(value, t, where, w);
	}
}

interface PreparedModel {
	swagger: string;
	alias?: string;
	/** Fields, with embedded (allOf) models' fields merged in. */
	fields: Record<string, FalconField>;
	requiredInRequests: string[];
	requiredInResponses: string[];
	oneOf?: string[];
	/** Overlay enums of this model, by field. */
	enums: Map<string, FalconEnumOverlay[]>;
}

const prepared = new Map<string, PreparedModel | null>();

/** A model as the checks read it (fields merged, quirks applied), computed once. */
function prepare(name: string): PreparedModel | null {
	const known = prepared.get(name);
	if (known !== undefined) return known;
	const model = load().spec.models[name];
	if (!model) {
		prepared.set(name, null);
		return null;
	}
	const fields: Record<string, FalconField> = { ...(model.fields ?? {}) };
	// An embedded model may come either way: its fields in the model itself (the service's Go
	// embedding) or under the property the swagger declares. Both are read by the nodes, so both
	// validate, neither's fields required.
	for (const f of quirk(name, 'embedded')?.fields ?? []) {
		const ref = fields[f]?.ref;
		if (fields[f]) fields[f] = { ...fields[f], required: false };
		for (const [key, field] of Object.entries(ref ? (load().spec.models[ref]?.fields ?? {}) : {})) fields[key] ??= { ...field, required: false };
	}
	const notRequired = quirk(name, 'notRequired');
	const oneOf = quirk(name, 'oneOfRequired')?.fields;
	const required = Object.keys(fields).filter((k) => fields[k].required && !oneOf?.includes(k));
	const enums = new Map<string, FalconEnumOverlay[]>();
	for (const e of overlayEnums()) {
		if (e.model === name && e.field !== undefined) enums.set(e.field, [...(enums.get(e.field) ?? []), e]);
	}
	const p: PreparedModel = {
		swagger: model.swagger,
		...(model.alias !== undefined ? { alias: model.alias } : {}),
		fields,
		requiredInRequests: required.filter((k) => !notRequired || (notRequired.fields !== undefined && !notRequired.fields.includes(k))),
		requiredInResponses: required,
		...(oneOf ? { oneOf } : {}),
		enums,
	};
	prepared.set(name, p);
	return p;
}

const bodyOverlays = new Map<string, FalconEnumOverlay[]>();

/** The overlay enums placed by body path in one operation's body. */
function bodyPathEnums(op: FalconOperation | undefined): FalconEnumOverlay[] {
	if (!op) return [];
	let list = bodyOverlays.get(op.operationId);
	if (!list) {
		list = overlayEnums().filter((e) => e.operationId === op.operationId && e.bodyPath !== undefined);
		bodyOverlays.set(op.operationId, list);
	}
	return list;
}

function checkModel(value: unknown, name: string, where: string, w: Walk): void {
	const model = prepare(name);
	if (!model) return; // a type the spec does not describe: nothing to hold it against
	if (model.alias !== undefined) {
		checkGoType(value, model.alias, where, w);
		return;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		w.out.push(violation('type', where, `expected an object (${model.swagger}), got ${jsonType(value)}`));
		return;
	}
	const obj = value as Record<string, unknown>;
	const placed = bodyPathEnums(w.op);
	for (const key in obj) {
		const v = obj[key];
		const field = model.fields[key];
		if (!field) {
			const here = `${where}.${key}`;
			const queryParam = w.mode === 'request' && w.segments.length === 0 ? w.op?.params.find((p) => p.name === key && p.in !== 'body') : undefined;
			w.out.push(
				queryParam
					? violation('location', here, `'${key}' is a ${queryParam.in === 'formData' ? 'form' : queryParam.in} parameter of ${w.op?.operationId}, not a field of the ${model.swagger} body`)
					: violation('unknown-field', here, `${model.swagger} has no field '${key}'`),
			);
			continue;
		}
		if (v === null || v === undefined) continue;
		const here = `${where}.${key}`;
		const segments = placed.length > 0 ? [...w.segments, key] : w.segments;
		checkGoType(v, field.goType, here, segments === w.segments ? w : { ...w, segments }, field);
		if (field.enum) checkEnum(v, field.enum, here, w.out);
		const enums = model.enums.get(key);
		if (enums) {
			for (const e of enums) {
				if (e.items && Array.isArray(v)) v.forEach((item, i) => checkEnum(item, e.values, `${here}[${i}]`, w.out, e.source));
				else if (!e.items) checkEnum(v, e.values, here, w.out, e.source);
			}
		}
		if (placed.length > 0) {
			const path = bodyPath(segments);
			for (const e of placed) {
				if (e.bodyPath === path && (!e.when || Object.entries(e.when).every(([k, want]) => obj[k] === want))) checkEnum(v, e.values, here, w.out, e.source);
			}
		}
	}
	for (const key of w.mode === 'request' ? model.requiredInRequests : model.requiredInResponses) {
		if (obj[key] === undefined || obj[key] === null) w.out.push(violation('required', `${where}.${key}`, `${model.swagger} requires '${key}'`));
	}
	if (model.oneOf && !model.oneOf.some((k) => obj[k] !== undefined && obj[k] !== null)) {
		w.out.push(violation('required', where, `${model.swagger} needs at least one of ${model.oneOf.join(', ')}`));
	}
}

function bodyPath(segments: string[]): string {
	return segments.reduce((acc, s) => (s === '[]' ? `${acc}[]` : acc === '' ? s : `${acc}.${s}`), '');
}

// ---------------------------------------------------------------------------------------------
// Requests

function isArrayParam(p: FalconParam): boolean {
	return p.goType.startsWith('[]') || p.type === 'array';
}

function scalarType(p: FalconParam): 'integer' | 'boolean' | 'number' | 'string' | 'file' {
	const t = p.goType.replace(/^\*/, '').replace(/^\[\]/, '');
	if (p.type === 'file' || t === 'runtime.NamedReadCloser') return 'file';
	if (/^u?int(32|64)?$/.test(t)) return 'integer';
	if (/^float(32|64)$/.test(t)) return 'number';
	if (t === 'bool') return 'boolean';
	return 'string';
}

function paramEnum(op: FalconOperation, p: FalconParam): { values: string[]; source?: string } | undefined {
	if (p.enum) return { values: p.enum };
	if (p.items?.enum) return { values: p.items.enum };
	const e = overlayEnums().find((x) => x.operationId === op.operationId && x.param === p.name);
	return e ? { values: e.values, source: e.source } : undefined;
}

/** The direction suffixes the API takes after a sort field (`created_on.desc`, `created_on|asc`). */
const SORT_DIRECTION = /(\.asc|\.desc|\|asc|\|desc)$/i;

function checkScalar(op: FalconOperation, p: FalconParam, raw: string, where: string, out: Violation[]): void {
	const type = scalarType(p);
	if (type === 'integer') {
		if (!/^-?\d+$/.test(raw)) out.push(violation('type', where, `expected an integer, got ${JSON.stringify(raw)}`));
		else {
			const n = Number(raw);
			if (p.minimum !== undefined && n < p.minimum) out.push(violation('range', where, `${n} is below the minimum ${p.minimum}`));
			if (p.maximum !== undefined && n > p.maximum) out.push(violation('range', where, `${n} is above the maximum ${p.maximum}`));
		}
	} else if (type === 'number') {
		if (raw.trim() === '' || Number.isNaN(Number(raw))) out.push(violation('type', where, `expected a number, got ${JSON.stringify(raw)}`));
	} else if (type === 'boolean') {
		if (raw !== 'true' && raw !== 'false') out.push(violation('type', where, `expected true or false, got ${JSON.stringify(raw)}`));
	}
	const e = paramEnum(op, p);
	if (e) {
		// The sort enums list field names; the API takes them with a direction.
		const value = p.name === 'sort' && !e.values.includes(raw) ? raw.replace(SORT_DIRECTION, '') : raw;
		checkEnum(value, e.values, where, out, e.source);
	}
}

function checkParamValues(op: FalconOperation, p: FalconParam, values: string[], where: string, out: Violation[]): void {
	if (isArrayParam(p)) {
		const format = p.collectionFormat ?? p.collectionFormat_fp ?? 'csv';
		let items: string[] = values;
		if (format === 'multi') {
			if (values.length === 1 && values[0].includes(',')) {
				out.push(violation('collection-format', where, `sent as one comma-separated value; the spec's collectionFormat is multi: repeat the key (${p.name}=a&${p.name}=b)`));
				items = values[0].split(',');
			}
		} else if (format === 'csv') {
			if (values.length > 1) out.push(violation('collection-format', where, `the key is repeated ${values.length} times; the spec's collectionFormat is csv: one comma-separated value (${p.name}=a,b)`));
			items = values.flatMap((v) => v.split(','));
		}
		if (p.maxItems !== undefined && items.length > p.maxItems) out.push(violation('range', where, `${items.length} values, the maximum is ${p.maxItems}`));
		items.forEach((v) => checkScalar(op, p, v, where, out));
		return;
	}
	if (values.length > 1) out.push(violation('type', where, `sent ${values.length} times; the spec declares one value`));
	checkScalar(op, p, values[0], where, out);
}

function consumesMatch(op: FalconOperation, type: string | undefined): boolean {
	if (!type) return false;
	return op.consumes.some((c) => c === '*/*' || c.toLowerCase() === type);
}

function isEmptyBody(body: unknown): boolean {
	return body === undefined || (typeof body === 'string' && body === '');
}

/**
 * Every way a request can miss the spec: an unknown route (or a retired one), query parameters
 * undeclared or in the wrong place, missing required parameters, values of the wrong type or
 * outside their enum, the wrong collection format, a body the operation does not take or that its
 * model refuses (unknown fields, missing required fields, wrong types, enums), a content type the
 * operation does not consume.
 */
export function validateFalconRequest(req: ContractRequest): Violation[] {
	const out: Violation[] = [];
	const method = req.method.toUpperCase();
	const op = findFalconOperation(method, req.path);
	if (!op) {
		out.push(routeViolation(method, req.path));
		return out;
	}
	const query = queryLists(req.query);
	const type = mediaType(req.contentType);
	const bodyParam = op.params.find((p) => p.in === 'body');
	const formParams = op.params.filter((p) => p.in === 'formData');

	// Query string
	for (const [name, values] of query) {
		const p = op.params.find((x) => x.name === name && x.in === 'query');
		if (!p) {
			const elsewhere = op.params.find((x) => x.name === name);
			out.push(
				elsewhere
					? violation('location', `query.${name}`, `'${name}' belongs in the ${elsewhere.in === 'formData' ? 'form' : elsewhere.in}, not in the query string`)
					: bodyParam && bodyFieldNames(bodyParam).includes(name)
						? violation('location', `query.${name}`, `'${name}' is a field of the ${bodyParam.model ?? 'body'} request body, not a query parameter`)
						: violation('undeclared', `query.${name}`, `${op.operationId} declares no query parameter '${name}'`),
			);
			continue;
		}
		checkParamValues(op, p, values, `query.${name}`, out);
	}
	for (const p of op.params) {
		const required = p.required === true || p.requiredByGo === true;
		if (p.in === 'query' && required && !query.has(p.name)) out.push(violation('required', `query.${p.name}`, `${op.operationId} requires the query parameter '${p.name}'`));
		if (p.in === 'header' && required && header(req.headers, p.name) === undefined) out.push(violation('required', `header.${p.name}`, `${op.operationId} requires the header '${p.name}'`));
	}

	// Body
	const hasBody = !isEmptyBody(req.body) || (req.files?.length ?? 0) > 0;
	if (hasBody && !bodyParam && formParams.length === 0) {
		out.push(violation('body', 'body', `${op.operationId} takes no request body`));
		return out;
	}
	if (hasBody && !consumesMatch(op, type)) {
		out.push(violation('content-type', 'content-type', `sent as ${type ?? 'no content type'}; ${op.operationId} consumes ${op.consumes.join(', ')}`));
	}
	if (bodyParam) {
		if (!hasBody) {
			if (bodyParam.required) out.push(violation('required', 'body', `${op.operationId} requires a request body (${bodyParam.model})`));
		} else if (type === 'application/json' || (type?.endsWith('+json') ?? false)) {
			if (typeof req.body === 'string') out.push(violation('body', 'body', 'the body is not JSON'));
			else checkGoType(req.body, bodyParam.goType, 'body', { mode: 'request', op, out, segments: [] });
		}
	}
	if (formParams.length > 0) checkForm(op, req, formParams, hasBody, out);
	return out;
}

function bodyFieldNames(p: FalconParam): string[] {
	return Object.keys(load().spec.models[p.model ?? '']?.fields ?? {});
}

function checkForm(op: FalconOperation, req: ContractRequest, formParams: FalconParam[], hasBody: boolean, out: Violation[]): void {
	const fields = new Map<string, string[]>();
	if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
		for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) {
			if (v === undefined) continue;
			fields.set(k, (Array.isArray(v) ? v : [v]).map(String));
		}
	} else if (hasBody && req.files === undefined) {
		out.push(violation('body', 'body', `${op.operationId} takes form fields (${op.consumes.join(', ')}), not ${jsonType(req.body)}`));
		return;
	}
	const files = new Set(req.files ?? []);
	for (const [name, values] of fields) {
		const p = formParams.find((x) => x.name === name);
		if (!p) {
			const elsewhere = op.params.find((x) => x.name === name);
			out.push(
				elsewhere
					? violation('location', `form.${name}`, `'${name}' belongs in the ${elsewhere.in}, not in the form body`)
					: violation('undeclared', `form.${name}`, `${op.operationId} declares no form field '${name}'`),
			);
			continue;
		}
		if (scalarType(p) === 'file') {
			out.push(violation('type', `form.${name}`, `'${name}' is a file part, sent as a plain field`));
			continue;
		}
		checkParamValues(op, p, values, `form.${name}`, out);
	}
	for (const name of files) {
		const p = formParams.find((x) => x.name === name);
		if (!p) out.push(violation('undeclared', `form.${name}`, `${op.operationId} declares no file part '${name}'`));
		else if (scalarType(p) !== 'file') out.push(violation('type', `form.${name}`, `'${name}' is a plain field, sent as a file part`));
	}
	for (const p of formParams) {
		const required = p.required === true || p.requiredByGo === true;
		if (required && !fields.has(p.name) && !files.has(p.name)) out.push(violation('required', `form.${p.name}`, `${op.operationId} requires the form field '${p.name}'`));
	}
}

function routeViolation(method: string, path: string): Violation {
	const { byPath, spec } = load();
	const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
	const retired = spec.falconpyOnlyOperations.find((o) => o.method === method && o.path === bare);
	if (retired) {
		return violation('retired', 'route', `${method} ${path} is ${retired.operationId}, which the published spec no longer has (FalconPy only: "${retired.description}")`);
	}
	const sameBare = byPath.get(bare);
	if (sameBare && bare !== path) return violation('route', 'route', `${method} ${path}: the spec's path is ${bare} (no trailing slash)`);
	const onPath = byPath.get(path);
	if (onPath) return violation('route', 'route', `${method} is not declared on ${path} (the spec has ${onPath.map((o) => `${o.method} ${o.operationId}`).join(', ')})`);
	const legacy = /^\/indicators\//.test(path) ? ' (legacy custom-IOC paths are /indicators/...; IOC Management is /iocs/...)' : '';
	return violation('route', 'route', `${method} ${path} is not an operation of the spec${legacy}`);
}

// ---------------------------------------------------------------------------------------------
// Responses

/** The model an answer of `status` follows: declared by the spec, or listed as a known extra status. */
export function falconResponseModel(operationId: string, status: number): { model: string | null; declared: boolean } | undefined {
	const op = falconOperation(operationId);
	if (!op) return undefined;
	const key = String(status);
	if (key in op.responses) return { model: op.responses[key], declared: true };
	const extras = load().spec.knownExtraStatuses.filter((s) => s.status === status);
	const extra = extras.find((s) => s.operationIds.includes(operationId)) ?? extras.find((s) => s.operationIds.includes('*'));
	return extra ? { model: extra.model, declared: false } : undefined;
}

/** A value against one model of the spec (e.g. `MsaReplyMetaOnly`), as an answer. */
export function validateFalconModel(model: string, body: unknown, where = 'response'): Violation[] {
	const out: Violation[] = [];
	if (body === undefined) return [violation('body', where, `expected a ${load().spec.models[model]?.swagger ?? model} body`)];
	checkGoType(body, model, where, { mode: 'response', out, segments: [] });
	return out;
}

/**
 * An answer against the response model of its status (or of the known extra status): required
 * fields present, no field the model lacks, types, formats and enums.
 */
export function validateFalconResponse(operationId: string, status: number, body: unknown): Violation[] {
	const out: Violation[] = [];
	const op = falconOperation(operationId);
	if (!op) return [violation('route', 'route', `no operation ${operationId} in the spec`)];
	const found = falconResponseModel(operationId, status);
	if (!found) {
		out.push(
			violation(
				'status',
				'status',
				`${operationId} answered ${status}, which the spec does not declare (${Object.keys(op.responses).join(', ')}) and no known extra status covers`,
			),
		);
		return out;
	}
	if (found.model === null || found.model === 'string') return out;
	if (body === undefined) {
		out.push(violation('body', 'response', `${operationId} ${status} must answer a ${load().spec.models[found.model]?.swagger ?? found.model} body`));
		return out;
	}
	checkGoType(body, found.model, 'response', { mode: 'response', op, out, segments: [] });
	return out;
}
