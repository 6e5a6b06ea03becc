/**
 * Admin routes that make something happen now, so a user building a workflow can fire each trigger
 * event: a Falcon alert (New Alert), a quarantined file (New Quarantined File), a finished Quick
 * Scan (Scan Completed), a Quick Scan Pro scan, an Orion alert (Cytomic Orion Trigger). Each answers
 * the record as the API lists it. `TRIGGER_EVENT_ROUTES` is what `npm run sandbox -- --help` prints.
 */
import { ApiError, reply } from './core/envelope';
import type { RouteOptions, Router } from './core/router';
import { ALERT_STATUSES, PATTERNS, SEVERITY_SCORES } from './falcon/alerts/model';
import type { NewAlert } from './falcon/alerts/store';
import type { NewQuarantinedFile } from './falcon/quarantine/store';
import { scanResource } from './falcon/quick-scan-pro/records';
import { EICAR_TEST_STRING } from './falcon/seed-data';
import type { Sandbox } from './types';

export interface TriggerEventRoute {
	path: string;
	/** What it adds, and which trigger event it fires. */
	does: string;
	/** The fields its JSON body takes. */
	fields: string;
	/** An example body for the curl. */
	example: Record<string, unknown>;
}

export const TRIGGER_EVENT_ROUTES: readonly TriggerEventRoute[] = [
	{
		path: '/_sandbox/falcon/alerts',
		does: "raises a Falcon alert: fires the Falcon Trigger's New Alert",
		fields: 'all optional: sha256, filename, device_id, hostname, severity_name, status, pattern, timestamp',
		example: { severity_name: 'Critical' },
	},
	{
		path: '/_sandbox/falcon/quarantined-files',
		does: "quarantines a file on a host: fires the Falcon Trigger's New Quarantined File",
		fields: 'all optional (default: the EICAR test file on a Windows host without a copy): sha256, filename, device_id, hostname, timestamp',
		example: { filename: 'eicar.com' },
	},
	{
		path: '/_sandbox/quick-scan/scans',
		does: "adds a finished Quick Scan: fires the Falcon Trigger's Scan Completed",
		fields: 'all optional (default: the EICAR test file): content (the file as text) or sha256, fileName, verdict (malware | clean)',
		example: { content: 'hello', fileName: 'hello.txt' },
	},
	{
		path: '/_sandbox/quick-scan-pro/scans',
		does: 'adds a finished Quick Scan Pro scan',
		fields: 'content (the file as text) or sha256, fileName, verdict (malicious | clean)',
		example: { content: 'hello', fileName: 'hello.txt', verdict: 'malicious' },
	},
	{
		path: '/_sandbox/orion/alerts',
		does: "adds a Cytomic Orion alert: fires the Cytomic Orion Trigger's New Alert",
		fields: 'all optional: status (Pending | InProgress | Closed), machineName, timestamp, and any other alert field',
		example: { status: 'Pending' },
	},
];

/** The curl that calls a trigger-event route of the sandbox at `url`. */
export function triggerEventCurl(url: string, route: TriggerEventRoute): string {
	return `curl -s -X POST ${url}${route.path} -H 'content-type: application/json' -d '${JSON.stringify(route.example)}'`;
}

const SHA256 = /^[a-f0-9]{64}$/i;
const NEW_ALERT_TEXT = ['sha256', 'filename', 'device_id', 'hostname'] as const;

/** The JSON object body, or a 400. */
function objectBody(body: unknown): Record<string, unknown> {
	const value = body ?? {};
	if (typeof value !== 'object' || Array.isArray(value)) throw new ApiError(400, 'A JSON object with the fields to set is expected');
	return value as Record<string, unknown>;
}

/** What is wrong with the body's fields (unknown keys, text fields, sha256, timestamp), or undefined. */
function fieldProblem(body: Record<string, unknown>, text: readonly string[], others: readonly string[]): string | undefined {
	for (const key of Object.keys(body)) if (![...text, ...others].includes(key)) return `Unknown field '${key}': expected ${[...text, ...others].join(', ')}`;
	for (const key of text) if (body[key] !== undefined && (typeof body[key] !== 'string' || body[key] === '')) return `${key} must be a non-empty string`;
	if (body.sha256 !== undefined && !SHA256.test(String(body.sha256))) return 'sha256 must be 64 hexadecimal characters';
	if (body.timestamp !== undefined && (typeof body.timestamp !== 'number' || !Number.isFinite(body.timestamp))) return 'timestamp must be Unix milliseconds';
	return undefined;
}

function newAlertProblem(body: Record<string, unknown>): string | undefined {
	const problem = fieldProblem(body, NEW_ALERT_TEXT, ['severity_name', 'status', 'pattern', 'timestamp']);
	if (problem) return problem;
	if (body.severity_name !== undefined && !Object.keys(SEVERITY_SCORES).includes(String(body.severity_name))) return `severity_name must be one of ${Object.keys(SEVERITY_SCORES).join(', ')}`;
	if (body.status !== undefined && !(ALERT_STATUSES as readonly string[]).includes(String(body.status))) return `status must be one of ${ALERT_STATUSES.join(', ')}`;
	if (body.pattern !== undefined && !Object.keys(PATTERNS).includes(String(body.pattern))) return `pattern must be one of ${Object.keys(PATTERNS).join(', ')}`;
	return undefined;
}

/** A store's refusal (unknown host, a copy already there) as a 404 or 409. */
function storeRefusal(error: unknown): ApiError {
	const message = (error as Error).message;
	return new ApiError(/already holds/.test(message) ? 409 : 404, message);
}

/** `{content | sha256, fileName}` of a scan route: the file's text, or a hash. */
function scanInput(body: Record<string, unknown>, verdicts: readonly string[]): { content?: string; sha256?: string; fileName?: string } {
	const { content, sha256, fileName, verdict } = body;
	for (const key of Object.keys(body)) if (!['content', 'sha256', 'fileName', 'verdict'].includes(key)) throw new ApiError(400, `Unknown field '${key}': expected content, sha256, fileName, verdict`);
	if (verdict !== undefined && !verdicts.includes(String(verdict))) throw new ApiError(400, `verdict must be ${verdicts.map((v) => `'${v}'`).join(' or ')}`);
	if (fileName !== undefined && (typeof fileName !== 'string' || fileName.length > 255)) throw new ApiError(400, 'fileName must be a string of at most 255 characters');
	if (content !== undefined && (typeof content !== 'string' || content === '')) throw new ApiError(400, 'content must be a non-empty string (the file as text)');
	if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256.test(sha256))) throw new ApiError(400, 'sha256 must be 64 hexadecimal characters');
	return { content: content as string | undefined, sha256: (sha256 as string | undefined)?.toLowerCase(), fileName: fileName as string | undefined };
}

export function registerTriggerEventRoutes(admin: Router, handle: () => Sandbox, opts: RouteOptions): void {
	admin.post(
		'/_sandbox/falcon/alerts',
		(ctx) => {
			const body = objectBody(ctx.body);
			const problem = newAlertProblem(body);
			if (problem) throw new ApiError(400, problem);
			try {
				return reply(201, handle().state.alerts.create(body as NewAlert));
			} catch (error) {
				throw storeRefusal(error);
			}
		},
		opts,
	);

	admin.post(
		'/_sandbox/falcon/quarantined-files',
		(ctx) => {
			const body = objectBody(ctx.body);
			const problem = fieldProblem(body, ['sha256', 'filename', 'device_id', 'hostname'], ['timestamp']);
			if (problem) throw new ApiError(400, problem);
			try {
				return reply(201, handle().state.quarantine.quarantineNow(body as NewQuarantinedFile));
			} catch (error) {
				throw storeRefusal(error);
			}
		},
		opts,
	);

	admin.post(
		'/_sandbox/quick-scan/scans',
		(ctx) => {
			const body = objectBody(ctx.body);
			const input = scanInput(body, ['malware', 'clean']);
			const { samples, quickScan } = handle().state;
			const now = Date.now();
			// Nothing given: the EICAR test file, which every engine calls malware.
			const content = input.content ?? (input.sha256 ? undefined : EICAR_TEST_STRING);
			const sha256 = content === undefined ? (input.sha256 as string) : samples.put(Buffer.from(content, 'latin1'), { file_name: input.fileName ?? (input.content ? 'sample.txt' : 'eicar.com'), is_confidential: true, uploaded_by: 'sandbox-admin' }, now).sha256;
			const entry = quickScan.addFinished({ sha256, verdict: body.verdict as 'malware' | 'clean' | undefined, by: 'sandbox-admin', at: now });
			return reply(201, quickScan.record(entry, now));
		},
		opts,
	);

	admin.post(
		'/_sandbox/quick-scan-pro/scans',
		(ctx) => {
			const body = objectBody(ctx.body);
			const input = scanInput(body, ['malicious', 'clean']);
			const store = handle().state.quickScanPro;
			const now = Date.now();
			let hash: string;
			if (input.content !== undefined) hash = store.putFile(Buffer.from(input.content, 'utf8'), input.fileName ?? 'sample.txt', 'sandbox-admin', now).sha256;
			else if (input.sha256 !== undefined) hash = input.sha256;
			else throw new ApiError(400, 'Give the file as content (text), or its sha256 (64 hexadecimal characters)');
			const entry = store.addFinished({ sha256: hash, fileName: input.fileName ?? '', verdict: body.verdict as 'malicious' | 'clean' | undefined, at: now });
			return reply(201, scanResource(entry, now));
		},
		opts,
	);

	admin.post(
		'/_sandbox/orion/alerts',
		(ctx) => {
			const body = objectBody(ctx.body);
			if (body.timestamp !== undefined && (typeof body.timestamp !== 'number' || !Number.isFinite(body.timestamp))) {
				throw new ApiError(400, 'timestamp must be Unix milliseconds');
			}
			if (body.status !== undefined && !['Pending', 'InProgress', 'Closed'].includes(String(body.status))) {
				throw new ApiError(400, 'status must be Pending, InProgress or Closed');
			}
			return reply(201, handle().state.orion.addAlert(body));
		},
		opts,
	);
}
