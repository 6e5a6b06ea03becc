/**
 * Rebuilds spec/falcon/falcon-spec.json from checkouts of CrowdStrike/gofalcon and CrowdStrike/falconpy.
 *
 *   npm run spec:falcon -- --gofalcon=<checkout> --falconpy=<checkout> [--out=spec/falcon/falcon-spec.json]
 *                          [--check=<reference subset json>] [--stdout]
 *
 * A checkout is a directory with a work tree or a bare git directory (read with git, nothing is
 * extracted). The output depends only on the two trees (and scripts/spec/falcon-overlay.ts): the
 * same commits give the same bytes.
 *
 * - gofalcon `falcon/client/<collection>/*_client.go`: operation id, method, path, media types;
 *   `*_parameters.go`: each parameter's wire name, location, Go type, collection format, and
 *   whether the client always writes it (`requiredByGo`); `*_responses.go`: the payload model per
 *   status; `falcon/models/*.go`: fields, required flags, formats and enums of every model the
 *   operations reach (request bodies first, then responses by status, depth first).
 * - FalconPy `src/falconpy/_endpoint/_<collection>.py`: matched to gofalcon's operations by method
 *   and path; gives FalconPy's operation id and the swagger parameter objects (required flag, type,
 *   enum, default, bounds, description cut at 400 characters). FalconPy operations the swagger no
 *   longer has are listed in `falconpyOnlyOperations`.
 * - scripts/spec/falcon-overlay.ts: `enums` the swagger omits, `knownExtraStatuses` the live API
 *   sends and `quirks` (flags the spec sets that no client follows), each with its source; every
 *   target is checked against the generated spec.
 *
 * With --check, the operations and models the reference subset holds must come out identical (same
 * keys in the same order, same values); the script exits 1 and lists the differences otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ENUM_OVERLAY, KNOWN_EXTRA_STATUSES, MODEL_QUIRKS, type EnumOverlay } from './falcon-overlay';
import { declaredTypes, parseClient, parseModel, parseParams, parseResponses, type GoModel, type GoParam } from './gofalcon';
import { readPythonAssignments, type PyValue } from './python-literal';
import { openSource, type SourceTree } from './sources';

/** The collections, in the order the file lists them (the reference subset's seven first). */
export const COLLECTIONS = ['ioc', 'iocs', 'quick_scan', 'sample_uploads', 'quarantine', 'host_group', 'oauth2', 'hosts', 'alerts', 'quick_scan_pro'];

const DESCRIPTION_MAX = 400;

type Json = PyValue;
type JsonObject = { [key: string]: Json };

interface FalconPyOperation {
	operationId: string;
	method: string;
	path: string;
	description: string;
	collection: string;
	params: JsonObject[];
}

export interface BuildOptions {
	gofalcon: string;
	falconpy: string;
	collections?: string[];
}

function falconPyOperations(tree: SourceTree, collection: string): FalconPyOperation[] {
	const text = tree.read(`src/falconpy/_endpoint/_${collection}.py`);
	if (!text) return [];
	const out: FalconPyOperation[] = [];
	for (const value of readPythonAssignments(text, '_endpoints').values()) {
		for (const entry of value as Json[]) {
			const [operationId, method, p, description, coll, params] = entry as [string, string, string, string, string, JsonObject[]];
			out.push({ operationId, method, path: p, description, collection: coll, params: params ?? [] });
		}
	}
	return out;
}

/** FalconPy's parameter keys after name/in/required, in the order the spec file gives them. */
const FP_KEY_ORDER = ['enum', 'type', 'collectionFormat', 'items', 'default', 'maximum', 'minimum', 'maxItems'];

function buildParam(go: GoParam, fpOp: FalconPyOperation | undefined): JsonObject {
	const p: JsonObject = { name: go.name, in: go.in };
	if (go.file) p.type = 'file';
	p.goType = go.goType;
	if (go.in === 'body') {
		p.model = go.goType.replace(/^(?:\*|\[\])+/, '').replace(/^models\./, '');
	} else {
		if (go.collectionFormat !== undefined) p.collectionFormat = go.collectionFormat;
		p.requiredByGo = go.requiredByGo;
	}
	const fp = fpOp?.params.find((x) => x.name === go.name && (x.in === go.in || go.in === 'body'));
	if (fp?.required === true) p.required = true;
	else if (!fpOp && go.requiredByGo) p.required = true;
	if (fp) {
		const keys = [...FP_KEY_ORDER, ...Object.keys(fp).filter((k) => !FP_KEY_ORDER.includes(k) && !['name', 'in', 'required', 'description'].includes(k))];
		for (const key of keys) {
			if (!(key in fp)) continue;
			const target = key === 'collectionFormat' ? 'collectionFormat_fp' : key;
			if (!(target in p)) p[target] = fp[key];
		}
	}
	if (fpOp) p.description = String(fp?.description ?? '').trim().slice(0, DESCRIPTION_MAX);
	return p;
}

function modelJson(m: GoModel): JsonObject {
	const out: JsonObject = { go: m.go, swagger: m.swagger, file: m.file };
	if (m.alias !== undefined) out.alias = m.alias;
	if (m.enumVars) out.enumVars = m.enumVars as unknown as Json;
	if (m.fields) out.fields = m.fields as unknown as Json;
	return out;
}

export function buildFalconSpec(options: BuildOptions): JsonObject {
	const go = openSource(options.gofalcon);
	const fp = openSource(options.falconpy);
	const collections = options.collections ?? COLLECTIONS;

	// Every model type gofalcon declares, and where.
	const modelFiles = go.list('falcon/models').filter((f) => f.endsWith('.go'));
	go.prefetch?.(modelFiles);
	const typeFile = new Map<string, string>();
	for (const file of modelFiles) for (const t of declaredTypes(go.read(file) ?? '')) typeFile.set(t, file);
	const known = (name: string) => typeFile.has(name);

	const operations: JsonObject[] = [];
	const falconpyOnly: JsonObject[] = [];
	const warnings: string[] = [];

	for (const collection of collections) {
		const dir = `falcon/client/${collection}`;
		const files = go.list(dir);
		go.prefetch?.(files);
		const client = files.find((f) => f.endsWith('_client.go'));
		if (!client) throw new Error(`gofalcon has no ${dir}/*_client.go in ${go.location}`);
		const fpOps = falconPyOperations(fp, collection);
		const matched = new Set<FalconPyOperation>();
		const ops: JsonObject[] = [];
		for (const op of parseClient(go.read(client)!)) {
			const stem = files.find((f) => f.endsWith('_parameters.go') && new RegExp(`^type ${op.goFunc}Params struct`, 'm').test(go.read(f) ?? ''));
			if (!stem) throw new Error(`No parameters file for ${collection}.${op.goFunc}`);
			const paramsText = go.read(stem)!;
			const responsesText = go.read(stem.replace(/_parameters\.go$/, '_responses.go'));
			if (!responsesText) throw new Error(`No responses file for ${collection}.${op.goFunc}`);
			const candidates = fpOps.filter((x) => x.method === op.method && x.path === op.path);
			const fpOp = candidates.find((x) => x.operationId === op.operationId) ?? candidates[0];
			candidates.forEach((c) => matched.add(c));
			const goParams = parseParams(paramsText, op.goFunc);
			if (fpOp) {
				for (const x of fpOp.params) {
					if (!goParams.some((g) => g.name === x.name)) warnings.push(`${op.operationId}: FalconPy parameter ${String(x.name)} (${String(x.in)}) is not in gofalcon`);
				}
			}
			ops.push({
				collection,
				goFunc: op.goFunc,
				operationId: op.operationId,
				method: op.method,
				path: op.path,
				consumes: op.consumes,
				produces: op.produces,
				params: goParams.map((g) => buildParam(g, fpOp)),
				responses: parseResponses(responsesText),
				falconpy: fpOp ? { operationId: fpOp.operationId } : null,
			});
		}
		ops.sort((a, b) => (String(a.operationId) < String(b.operationId) ? -1 : String(a.operationId) > String(b.operationId) ? 1 : 0));
		operations.push(...ops);
		for (const x of fpOps) {
			if (matched.has(x)) continue;
			falconpyOnly.push({ method: x.method, path: x.path, operationId: x.operationId, collection: x.collection, description: x.description });
		}
	}

	// Models reachable from the operations: bodies, then responses by status; depth first, fields in order.
	const models: Record<string, JsonObject> = {};
	const parsed = new Map<string, GoModel>();
	const visit = (name: string) => {
		if (!known(name) || models[name]) return;
		const file = typeFile.get(name)!;
		const m = parsed.get(name) ?? parseModel(go.read(file)!, name, file, known);
		parsed.set(name, m);
		models[name] = modelJson(m);
		for (const ref of m.refs) visit(ref);
	};
	for (const op of operations) {
		for (const p of op.params as JsonObject[]) if (p.in === 'body') visit(String(p.model));
		for (const model of Object.values(op.responses as JsonObject)) if (typeof model === 'string') visit(model);
	}

	const goCommit = go.commit();
	const fpCommit = fp.commit();
	const spec: JsonObject = {
		source: {
			gofalcon: { repo: 'CrowdStrike/gofalcon', commit: goCommit?.commit ?? 'unknown', date: goCommit?.date ?? 'unknown' },
			falconpy: { repo: 'CrowdStrike/falconpy', commit: fpCommit?.commit ?? 'unknown', date: fpCommit?.date ?? 'unknown' },
		},
		operations,
		models,
		falconpyOnlyOperations: falconpyOnly,
	};
	spec.enums = checkOverlay(spec, ENUM_OVERLAY) as unknown as Json;
	spec.knownExtraStatuses = checkStatuses(spec) as unknown as Json;
	spec.quirks = checkQuirks(spec) as unknown as Json;
	if (warnings.length > 0) spec.warnings = warnings;
	return spec;
}

/** Every overlay entry must name an operation, parameter, model and field the spec has. */
function checkOverlay(spec: JsonObject, overlay: EnumOverlay[]): EnumOverlay[] {
	const ops = spec.operations as JsonObject[];
	const models = spec.models as Record<string, JsonObject>;
	for (const e of overlay) {
		if (e.operationId !== undefined) {
			const op = ops.find((o) => o.operationId === e.operationId);
			if (!op) throw new Error(`Enum overlay: no operation ${e.operationId}`);
			if (e.param !== undefined && !(op.params as JsonObject[]).some((p) => p.name === e.param)) throw new Error(`Enum overlay: ${e.operationId} has no parameter ${e.param}`);
		}
		if (e.model !== undefined) {
			const m = models[e.model];
			if (!m) throw new Error(`Enum overlay: no model ${e.model}`);
			const fields = (m.fields ?? {}) as JsonObject;
			if (e.field !== undefined && !(e.field in fields)) throw new Error(`Enum overlay: ${e.model} has no field ${e.field}`);
		}
		if (e.bodyPath !== undefined && e.operationId === undefined) throw new Error('Enum overlay: a bodyPath needs an operationId');
		if (!e.source) throw new Error('Enum overlay: every entry needs a source');
	}
	return overlay;
}

function checkStatuses(spec: JsonObject) {
	const ops = spec.operations as JsonObject[];
	for (const s of KNOWN_EXTRA_STATUSES) {
		for (const id of s.operationIds) if (id !== '*' && !ops.some((o) => o.operationId === id)) throw new Error(`knownExtraStatuses: no operation ${id}`);
		if (s.model !== null && !(s.model in (spec.models as JsonObject))) throw new Error(`knownExtraStatuses: no model ${s.model}`);
		if (!s.source) throw new Error('knownExtraStatuses: every entry needs a source');
	}
	return KNOWN_EXTRA_STATUSES;
}

function checkQuirks(spec: JsonObject) {
	const models = spec.models as Record<string, JsonObject>;
	for (const q of MODEL_QUIRKS) {
		const m = models[q.model];
		if (!m) throw new Error(`quirks: no model ${q.model}`);
		for (const f of q.fields ?? []) if (!(f in ((m.fields ?? {}) as JsonObject))) throw new Error(`quirks: ${q.model} has no field ${f}`);
		if (!q.source) throw new Error('quirks: every entry needs a source');
	}
	return MODEL_QUIRKS;
}

export function stringifySpec(spec: JsonObject): string {
	return JSON.stringify(spec, null, 1);
}

/** Differences between the reference subset's operations/models and the same entries of `spec`. */
export function compareWithReference(spec: JsonObject, reference: JsonObject): string[] {
	const problems: string[] = [];
	const ops = spec.operations as JsonObject[];
	const refOps = reference.operations as JsonObject[];
	refOps.forEach((r, i) => {
		const mine = ops.find((o) => o.operationId === r.operationId && o.collection === r.collection);
		if (!mine) problems.push(`operation ${String(r.operationId)}: missing`);
		else if (JSON.stringify(mine) !== JSON.stringify(r)) problems.push(`operation ${String(r.operationId)}: differs\n  mine: ${JSON.stringify(mine)}\n  ref:  ${JSON.stringify(r)}`);
		if (ops[i]?.operationId !== r.operationId) problems.push(`operation ${String(r.operationId)}: position ${i} holds ${String(ops[i]?.operationId)}`);
	});
	const models = spec.models as JsonObject;
	const refModels = reference.models as JsonObject;
	const names = Object.keys(models);
	Object.keys(refModels).forEach((name, i) => {
		if (!(name in models)) problems.push(`model ${name}: missing`);
		else if (JSON.stringify(models[name]) !== JSON.stringify(refModels[name])) problems.push(`model ${name}: differs\n  mine: ${JSON.stringify(models[name])}\n  ref:  ${JSON.stringify(refModels[name])}`);
		if (names[i] !== name) problems.push(`model ${name}: position ${i} holds ${names[i]}`);
	});
	if (JSON.stringify(spec.source) !== JSON.stringify(reference.source)) problems.push(`source differs: ${JSON.stringify(spec.source)} vs ${JSON.stringify(reference.source)}`);
	const refOnly = reference.falconpyOnlyOperations as JsonObject[] | undefined;
	if (refOnly) {
		for (const r of refOnly) {
			if (!(spec.falconpyOnlyOperations as JsonObject[]).some((x) => JSON.stringify(x) === JSON.stringify(r))) problems.push(`falconpyOnlyOperations ${String(r.operationId)}: missing or different`);
		}
	}
	return problems;
}

function main(argv: string[]): number {
	const args = new Map<string, string>();
	for (const a of argv) {
		const m = /^--([\w-]+)(?:=(.*))?$/.exec(a);
		if (m) args.set(m[1], m[2] ?? 'true');
	}
	const gofalcon = args.get('gofalcon');
	const falconpy = args.get('falconpy');
	if (!gofalcon || !falconpy) {
		process.stderr.write('usage: npm run spec:falcon -- --gofalcon=<checkout> --falconpy=<checkout> [--out=<file>] [--check=<reference json>] [--stdout]\n');
		return 2;
	}
	const spec = buildFalconSpec({ gofalcon, falconpy });
	const text = stringifySpec(spec);
	if (spec.warnings) for (const w of spec.warnings as string[]) process.stderr.write(`warning: ${w}\n`);
	if (args.has('stdout')) process.stdout.write(text);
	else {
		const out = path.resolve(args.get('out') ?? path.join(__dirname, '..', '..', 'spec', 'falcon', 'falcon-spec.json'));
		fs.mkdirSync(path.dirname(out), { recursive: true });
		fs.writeFileSync(out, text);
		process.stderr.write(`wrote ${path.relative(process.cwd(), out)}: ${(spec.operations as Json[]).length} operations, ${Object.keys(spec.models as JsonObject).length} models\n`);
	}
	const check = args.get('check');
	if (check) {
		const reference = JSON.parse(fs.readFileSync(check, 'utf8')) as JsonObject;
		const problems = compareWithReference(spec, reference);
		if (problems.length > 0) {
			process.stderr.write(`${problems.length} difference(s) from ${check}:\n${problems.join('\n')}\n`);
			return 1;
		}
		process.stderr.write(`matches ${check}: ${(reference.operations as Json[]).length} operations and ${Object.keys(reference.models as JsonObject).length} models identical\n`);
	}
	return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
